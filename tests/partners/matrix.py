"""Permission-matrix rows of partners (gathered by tests/test_permission_matrix.py)."""

from ..matrix import row


def objects(cast, *, partner_enterprise, partner_bank, **_):
    # The enterprise (town A) has enterprise_contact; the bank (district) has bank_officer.
    return {"enterprise": partner_enterprise, "bank": partner_bank}


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "partners:enterprise_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "partners:enterprise_create": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    # The enterprise is registered with town A: seen from village A1 (below), edited only
    # from town A and above; town B does not see it.
    "partners:enterprise_detail": (
        lambda o: [o["enterprise"].pk],
        row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "partners:enterprise_update": (
        lambda o: [o["enterprise"].pk],
        row(302, 404, 404, 403, 200, 404, 200, 404, 404, 404, 404),
    ),
    "partners:bank_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "partners:bank_create": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # The bank is registered with the district: shared with every town, edited by the district.
    "partners:bank_update": (
        lambda o: [o["bank"].pk],
        row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404),
    ),
    # Inviting people to sign in for a partner: staff who may edit it.
    "partners:enterprise_invite": (
        lambda o: [o["enterprise"].pk],
        row(302, 404, 404, 403, 200, 404, 200, 404, 404, 404, 404),
    ),
    "partners:bank_invite": (
        lambda o: [o["bank"].pk],
        row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404),
    ),
    # A partner's own page: their organisation only; for everyone else it does not exist.
    "partner:home": (None, row(302, 404, 404, 404, 404, 404, 404, 404, 200, 200, 200)),
}
