"""Permission-matrix rows of dashboard (gathered by tests/test_permission_matrix.py)."""

from ..matrix import row

# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "dashboard:index": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "dashboard:queues": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
}
