"""Permission-matrix rows of audit (gathered by tests/test_permission_matrix.py)."""

from ..matrix import row

# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    # The audit log: coordinators only (the district coordinator in this cast).
    "audit:entry_list": (None, row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404)),
}
