"""Permission-matrix rows of partners (gathered by tests/test_permission_matrix.py)."""

from ..factories import BankFactory, EnterpriseFactory
from ..matrix import row


def objects(cast, *, town_a, district, **_):
    return {"enterprise": EnterpriseFactory(centre=town_a), "bank": BankFactory(centre=district)}


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
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
}
