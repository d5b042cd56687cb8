"""Without Chromium the browser tests skip on a developer's machine but fail on CI.

Not browser tests themselves (no ``e2e`` mark): they run in ``make test-fast`` too.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import chromium_to_drive, on_ci

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "/nonexistent/chromium"


@pytest.fixture
def no_chromium_on_path(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name, *args, **kwargs: None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("", False), ("0", False), ("false", False)],
)
def test_ci_is_recognised_by_its_usual_values(value, expected):
    assert on_ci({"CI": value}) is expected


def test_outside_ci_is_not_ci():
    assert on_ci({}) is False


def test_a_missing_chromium_skips_outside_ci(monkeypatch, no_chromium_on_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium at /nonexistent/chromium"):
        chromium_to_drive(NOWHERE)


@pytest.mark.parametrize("value", ["true", "1"])
def test_a_missing_chromium_fails_on_ci(monkeypatch, no_chromium_on_path, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        chromium_to_drive(NOWHERE)


def test_ci_false_still_skips(monkeypatch, no_chromium_on_path):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        chromium_to_drive(NOWHERE)


def test_a_chromium_on_path_or_on_disk_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: "/opt/bin/chromium")
    assert chromium_to_drive("chromium") == "/opt/bin/chromium"
    on_disk = tmp_path / "chrome"
    on_disk.write_text("")
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)
    assert chromium_to_drive(str(on_disk)) == str(on_disk)


def _run_one_browser_test(**env: str) -> subprocess.CompletedProcess:
    # SQLite whatever this run uses, and not as an xdist worker.
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CI", "DATABASE_URL") and not k.startswith("PYTEST_")
    }
    environ.update(E2E_CHROMIUM=NOWHERE, **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider",
         "--durations=0", "-k", "masked_phone", "tests/e2e/test_registration.py"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_the_browser_fixture_fails_a_run_on_ci():
    """The real fixture in a real run (SQLite, one browser test): the wiring, not only
    the helper."""
    result = _run_one_browser_test(CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI is set: the browser tests must run on CI" in result.stdout
    assert "1 error" in result.stdout
