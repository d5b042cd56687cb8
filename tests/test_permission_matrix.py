"""Every URL of the portal × every member of the cast → the expected status code.

404 means "outside your scope" (a stranger cannot even learn the object exists),
403 means "inside your scope, but your role may not do this", 302 from an
anonymous visitor is the redirect to the sign-in page. The meta-test at the
bottom fails when a URL is added without a row here.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import ErasureRequest
from notifications.models import Message
from projects.models import ProjectPhoto, Stage

from .factories import BankFactory, EnterpriseFactory, MessageFactory, VentureProjectFactory

ROLES = [
    "anonymous",
    "youth_a",
    "youth_b",
    "village_staff",
    "town_staff",
    "other_town_staff",
    "district_staff",
]

# Every namespaced URL is the portal's own except Django admin's; allauth's are not namespaced.
FOREIGN_NAMESPACES = {"admin"}
OWN_TOP_LEVEL = {"home", "healthz", "set_language"}
# Public URLs whose 302 is their own redirect, not the way to the sign-in page.
PUBLIC_REDIRECTS = {"set_language"}


def row(anonymous, youth_a, youth_b, village, town, other_town, district):
    return dict(
        zip(ROLES, [anonymous, youth_a, youth_b, village, town, other_town, district], strict=True)
    )


# url name → (function building reverse() args from the objects, expected statuses[, method])
MATRIX = {
    "home": (None, row(200, 302, 302, 302, 302, 302, 302)),
    "healthz": (None, row(200, 200, 200, 200, 200, 200, 200)),
    "set_language": (None, row(302, 302, 302, 302, 302, 302, 302), "post"),
    "accounts:privacy": (None, row(200, 200, 200, 200, 200, 200, 200)),
    "accounts:my_profile": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "accounts:my_profile_edit": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "accounts:youth_list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "accounts:my_data": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "accounts:my_data_download": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "accounts:my_data_erase": (None, row(302, 302, 302, 404, 404, 404, 404), "post"),
    # youth_a's photo: the owner and staff in scope.
    "accounts:avatar": (
        lambda o: [o["avatar_name"]],
        row(302, 200, 404, 200, 200, 404, 200),
    ),
    "accounts:erasure_list": (None, row(302, 404, 404, 403, 403, 403, 200)),
    # youth_a's pending request; only coordinators in scope carry it out.
    "accounts:erasure_carry_out": (
        lambda o: [o["erasure"].pk],
        row(302, 404, 404, 403, 403, 403, 302),
        "post",
    ),
    # youth_a lives in village A1 of town A.
    "accounts:youth_detail": (
        lambda o: [o["youth_a"].youth_profile.pk],
        row(302, 404, 404, 200, 200, 404, 200),
    ),
    "accounts:staff_list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    # Only coordinators add staff; the cast's only coordinator is at the district.
    "accounts:staff_create": (None, row(302, 404, 404, 403, 403, 403, 200)),
    "dashboard:index": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "partners:enterprise_list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "partners:enterprise_create": (None, row(302, 404, 404, 200, 200, 200, 200)),
    # The enterprise is registered with town A: seen from village A1 (below), edited only
    # from town A and above; town B does not see it.
    "partners:enterprise_detail": (
        lambda o: [o["enterprise"].pk],
        row(302, 404, 404, 200, 200, 404, 200),
    ),
    "partners:enterprise_update": (
        lambda o: [o["enterprise"].pk],
        row(302, 404, 404, 403, 200, 404, 200),
    ),
    "partners:bank_list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "partners:bank_create": (None, row(302, 404, 404, 200, 200, 200, 200)),
    # The bank is registered with the district: shared with every town, edited by the district.
    "partners:bank_update": (
        lambda o: [o["bank"].pk],
        row(302, 404, 404, 403, 403, 403, 200),
    ),
    # The audit log: coordinators only (the district coordinator in this cast).
    "audit:entry_list": (None, row(302, 404, 404, 403, 403, 403, 200)),
    "notifications:inbox": (None, row(302, 200, 200, 200, 200, 200, 200)),
    "notifications:inbox_read": (None, row(302, 302, 302, 302, 302, 302, 302), "post"),
    "notifications:preferences": (None, row(302, 200, 200, 200, 200, 200, 200)),
    "notifications:message_list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    # A failed message to youth_a (village A1): staff of A1, town A and the district may resend.
    "notifications:message_resend": (
        lambda o: [o["failed_message"].pk],
        row(302, 404, 404, 302, 302, 404, 302),
        "post",
    ),
    # Venture projects. The project is led by youth_a at village A1, still an idea, with a
    # business plan and a photo, not on the showcase: the lead and staff of A1, town A and
    # the district see it; youth_b and town B do not learn it exists.
    "projects:mine": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "projects:create": (None, row(302, 200, 200, 404, 404, 404, 404)),
    "projects:detail": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 200, 200, 404, 200),
    ),
    # Only the lead edits, while it is an idea or an application; staff in scope may not.
    "projects:edit": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 403, 403, 404, 403),
    ),
    # Leaving is for team members; others who see the project are sent back with a message.
    "projects:leave": (
        lambda o: [o["project"].pk],
        row(302, 302, 404, 302, 302, 404, 302),
        "post",
    ),
    # An empty post is refused by the form: a redirect back to the page, for those who see it.
    "projects:move": (
        lambda o: [o["project"].pk],
        row(302, 302, 404, 302, 302, 404, 302),
        "post",
    ),
    # Figures are reported for a launched project (youth_a's second one) by its team and staff.
    "projects:outcome_create": (
        lambda o: [o["launched_project"].pk],
        row(302, 200, 404, 200, 200, 404, 200),
    ),
    # Business facts are recorded by staff only: to a young person it is a staff page (404).
    "projects:facts": (
        lambda o: [o["project"].pk],
        row(302, 404, 404, 200, 200, 404, 200),
    ),
    # Consent to publication is the lead's alone; staff in scope see the project but may not.
    "projects:showcase_settings": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 403, 403, 404, 403),
    ),
    "projects:plan": (
        lambda o: [o["project"].pk],
        row(302, 200, 404, 200, 200, 404, 200),
    ),
    # Photos of showcased projects are public; this one is not, so strangers get 404.
    "projects:photo": (
        lambda o: [o["photo"].pk],
        row(404, 200, 404, 200, 200, 404, 200),
    ),
    "projects:board": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "projects:list": (None, row(302, 404, 404, 200, 200, 200, 200)),
    "projects:showcase": (None, row(200, 200, 200, 200, 200, 200, 200)),
}

CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.fixture
def objects(cast, town_a, district, youth_a, village_a1):
    return {
        **cast,
        "enterprise": EnterpriseFactory(centre=town_a),
        "bank": BankFactory(centre=district),
        "failed_message": MessageFactory(recipient=youth_a, status=Message.Status.FAILED),
        "avatar_name": _give_avatar(youth_a),
        "erasure": ErasureRequest.objects.create(user=youth_a, centre=village_a1),
        **_give_projects(youth_a, village_a1),
    }


def _give_projects(youth_a, village_a1) -> dict:
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.IDEA)
    project.business_plan.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    photo = ProjectPhoto(project=project)
    photo.image.save("p.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    launched = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.LAUNCHED)
    return {"project": project, "photo": photo, "launched_project": launched}


def _give_avatar(user) -> str:
    profile = user.youth_profile
    profile.avatar.save("x.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    return profile.avatar.name.split("/")[-1]


@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(client, objects, url_name, role):
    build_args, expected, *method = MATRIX[url_name]
    method = method[0] if method else "get"
    url = reverse(url_name, args=build_args(objects) if build_args else None)
    if objects[role] is not None:
        client.force_login(objects[role])
    response = getattr(client, method)(url)
    assert response.status_code == expected[role], f"{role} {method} {url}"
    if expected[role] == 302 and role == "anonymous" and url_name not in PUBLIC_REDIRECTS:
        assert response["Location"].startswith(reverse("account_login"))


def _own_url_names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns not in FOREIGN_NAMESPACES:
                yield from _own_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if namespace is not None:
                yield f"{namespace}:{pattern.name}"
            elif namespace is None and pattern.name in OWN_TOP_LEVEL:
                yield pattern.name


def test_every_url_has_a_row_in_the_matrix():
    names = set(_own_url_names())
    assert "accounts:youth_detail" in names  # the walk itself works
    missing = names - set(MATRIX)
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"


def test_the_matrix_has_no_stale_rows():
    assert set(MATRIX) <= set(_own_url_names())
