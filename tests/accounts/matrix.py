"""Permission-matrix rows of accounts (gathered by tests/test_permission_matrix.py)."""

from django.core.files.base import ContentFile

from accounts.models import ErasureRequest

from ..matrix import row


def objects(cast, *, youth_a, village_a1, **_):
    profile = youth_a.youth_profile
    profile.avatar.save("x.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    return {
        "avatar_name": profile.avatar.name.split("/")[-1],
        "erasure": ErasureRequest.objects.create(user=youth_a, centre=village_a1),
    }


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
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
}
