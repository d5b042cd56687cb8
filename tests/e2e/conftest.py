"""Browser fixtures for the end-to-end tests: Debian's Chromium driven by Playwright.

The tests run against pytest-django's ``live_server`` (a thread in this process, on the
test database, with the locmem e-mail backend). Screenshots go to ``test-artifacts/``.
Never run ``playwright install``: the system Chromium is used on purpose. Under xdist each
worker starts its own browser and live server, on its own test database.

Without Chromium (or Playwright) the browser tests skip on a developer's machine and
fail when ``CI`` is set (tests/e2e/test_ci_chromium.py checks that).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop on this thread; without this Django
# refuses ORM calls made from the test body (factories, assertions on the database).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
TIMEOUT_MS = 15_000


def on_ci(environ=os.environ) -> bool:
    """CI services set ``CI`` (``CI=true``); an empty value, 0, false or no means not."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_browser(reason: str) -> None:
    """Skip on a developer's machine; fail on CI, where skipped browser tests would let a
    green run hide that they never ran (a runner image without Chromium, a broken venv)."""
    if on_ci():
        pytest.fail(f"{reason}, and CI is set: the browser tests must run on CI", pytrace=False)
    pytest.skip(reason)


def chromium_to_drive(path: str = CHROMIUM) -> str:
    """The Chromium for Playwright to drive: ``path``, a name on PATH or a file."""
    executable = shutil.which(path) or (path if Path(path).exists() else None)
    if executable is None:
        missing_browser(f"no Chromium at {path}")
    return executable


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        missing_browser("Playwright is not installed")
    executable = chromium_to_drive(CHROMIUM)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _e2e_clean_cache():
    """allauth's rate limits live in the cache; every test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _open_page(browser, request, live_server, options):
    # An English-language browser on purpose: the portal must still answer in Chinese.
    # Reduced motion: Bootstrap then skips its transitions, so screenshots never catch
    # a menu half-way open.
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", reduced_motion="reduce", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        page.screenshot(path=ARTIFACTS / f"FAILED-{name}.png", full_page=True)
    context.close()


@pytest.fixture
def phone_page(browser, request, live_server, transactional_db):
    """A page in a phone-sized viewport (390x844, like an iPhone 12-15)."""
    yield from _open_page(browser, request, live_server, PHONE)


@pytest.fixture
def desktop_page(browser, request, live_server, transactional_db):
    yield from _open_page(browser, request, live_server, DESKTOP)


@pytest.fixture
def shot():
    """``shot(page, "name")`` saves a full-page screenshot under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
