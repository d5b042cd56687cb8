"""axe-core on the main pages of every role, in Chromium: no serious or critical violation.

axe-core is vendored (tests/e2e/vendor/axe.min.js, see the README there) and evaluated in each
page through the DevTools protocol, so the Content-Security-Policy, which allows no inline
script, stays on and nothing is fetched. Each role is one test: anonymous visitors, a young
person, staff of a village, a town and the district, a mentor, a bank officer, and a superuser
on the Django admin (its index, and the list and add page of every model). The pages are the
Chinese ones people use; besides axe's rules, no ``aria-label`` there may be English.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import ErasureRequest
from notifications.models import Message
from projects.models import Stage

from ..factories import (
    MessageFactory,
    UserFactory,
    VentureProjectFactory,
    with_two_factor,
)

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
FAILING_IMPACTS = ("serious", "critical")
# Rules of lesser impact that fail the portal's pages too (Django's admin has empty headers
# of its own, in its inline tables).
ALSO_FAILING = ("empty-table-header",)
ENGLISH_LABELS = """() => [...document.querySelectorAll('[aria-label]')]
    .map(e => e.getAttribute('aria-label'))
    .filter(label => /^[A-Za-z][A-Za-z .,'-]*$/.test(label.trim()))"""


def signed_in(browser, live_server, user, viewport=None):
    """A browser context with ``user``'s session (made by the test client: the sign-in pages
    have tests of their own, and staff would otherwise wait for a fresh two-factor code)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        reduced_motion="reduce",
        viewport=viewport or {"width": 1280, "height": 800},
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def audit_pages(context, paths, also_failing=ALSO_FAILING) -> list[str]:
    """Open each page and run axe-core on it; the problems found, one line each."""
    page = context.new_page()
    problems = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        page.evaluate(AXE)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        for violation in violations:
            if violation["impact"] in FAILING_IMPACTS or violation["id"] in also_failing:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                problems.append(
                    f"{path}: {violation['impact']} {violation['id']} "
                    f"({len(violation['nodes'])}×, e.g. {targets}): {violation['help']}"
                )
        if page.locator("html").get_attribute("lang") == "zh-hans":
            for label in page.evaluate(ENGLISH_LABELS):
                problems.append(f"{path}: English aria-label {label!r}")
    page.close()
    return problems


@pytest.fixture
def world(cast, village_a1, district, partner_bank, partner_enterprise, youth_a):
    """Something on every page: projects in several stages, an unread message (the inbox's
    highlighted row), a deletion request, an erasure-able person."""
    projects = {
        stage: VentureProjectFactory(lead=youth_a, centre=village_a1, stage=stage)
        for stage in (Stage.IDEA, Stage.APPLIED, Stage.UNDER_REVIEW, Stage.LAUNCHED)
    }
    for person in ("youth_a", "village_staff", "town_staff", "district_staff", "mentor"):
        MessageFactory(
            recipient=cast[person],
            kind="projects.stage_changed",
            channel=Message.Channel.INAPP,
            status=Message.Status.SENT,
            sent_at=timezone.now(),
            subject="项目阶段变更",
            body="您的项目已进入新阶段。",
            url=f"{settings.SITE_URL}/projects/{projects[Stage.APPLIED].pk}/",
        )
    ErasureRequest.objects.create(
        user=cast["youth_b"], centre=cast["youth_b"].youth_profile.home_centre
    )
    return {"projects": projects, "bank": partner_bank, "enterprise": partner_enterprise}


def _pages(role, cast, world) -> list[str]:
    project = world["projects"]
    youth_profile = cast["youth_a"].youth_profile.pk
    staff = [
        "/staff/",
        "/staff/youth/",
        f"/staff/youth/{youth_profile}/",
        "/staff/projects/",
        "/staff/projects/list/",
        f"/projects/{project[Stage.APPLIED].pk}/",
        f"/projects/{project[Stage.LAUNCHED].pk}/",
        "/staff/partners/enterprises/",
        "/staff/partners/banks/",
        "/staff/team/",
        "/staff/invitations/",
        "/staff/messages/",
        "/me/inbox/",
        "/me/reminders/",
    ]
    return {
        "anonymous": [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/showcase/",
            "/privacy/",
        ],
        "youth_a": [
            "/me/",
            "/me/edit/",
            "/me/projects/",
            "/me/projects/new/",
            f"/projects/{project[Stage.IDEA].pk}/",
            f"/projects/{project[Stage.LAUNCHED].pk}/",
            f"/projects/{project[Stage.LAUNCHED].pk}/outcomes/new/",
            "/me/inbox/",
            "/me/reminders/",
            "/me/data/",
            "/accounts/password/change/",
        ],
        "village_staff": [*staff, f"/projects/{project[Stage.LAUNCHED].pk}/facts/"],
        "town_staff": [
            *staff,
            f"/staff/partners/enterprises/{world['enterprise'].pk}/",
            f"/staff/partners/enterprises/{world['enterprise'].pk}/edit/",
            "/staff/partners/enterprises/new/",
            "/staff/team/new/",
        ],
        "district_staff": [
            *staff,
            "/staff/audit/",
            "/staff/erasure/",
            f"/staff/partners/banks/{world['bank'].pk}/edit/",
            f"/projects/{project[Stage.LAUNCHED].pk}/close/",
        ],
        "mentor": ["/me/inbox/", "/me/reminders/"],
        "bank_officer": ["/partner/", "/me/inbox/", "/me/reminders/"],
    }[role]


ROLES = [
    "anonymous",
    "youth_a",
    "village_staff",
    "town_staff",
    "district_staff",
    "mentor",
    "bank_officer",
]


@pytest.mark.parametrize("role", ROLES)
def test_the_main_pages_of_each_role_pass_axe(browser, live_server, cast, world, role, shot):
    context = signed_in(browser, live_server, cast[role])
    problems = audit_pages(context, _pages(role, cast, world))
    context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _admin_pages(superuser) -> list[str]:
    """The admin's index and every model's list, and its add page where adding is allowed."""
    request = RequestFactory().get("/admin/")
    request.user = superuser
    pages = ["/admin/"]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{prefix}_add"))
    return pages


def test_the_admin_pages_staff_use_pass_axe(browser, live_server, cast, world):
    superuser = with_two_factor(
        UserFactory(email="admin@example.com", name="管理员", is_superuser=True, is_staff=True)
    )
    context = signed_in(browser, live_server, superuser)
    pages = _admin_pages(superuser)
    pages.append(
        reverse("admin:projects_ventureproject_change", args=[world["projects"][Stage.IDEA].pk])
    )
    problems = audit_pages(context, pages, also_failing=())
    context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
