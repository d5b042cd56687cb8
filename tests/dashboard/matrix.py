"""Permission-matrix rows of dashboard (gathered by tests/test_permission_matrix.py)."""

from ..matrix import row

# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "dashboard:index": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # A figure's drill-down: every staff member sees the records of their own subtree (a
    # foreign centre parameter is a 404: tests/dashboard/test_drill_down.py).
    "dashboard:figure": (
        lambda o: ["accounts.youth_registered"],
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
}
