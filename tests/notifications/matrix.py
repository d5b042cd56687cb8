"""Permission-matrix rows of notifications (gathered by tests/test_permission_matrix.py)."""

from notifications.models import Message

from ..factories import MessageFactory
from ..matrix import row


def objects(cast, *, youth_a, **_):
    return {"failed_message": MessageFactory(recipient=youth_a, status=Message.Status.FAILED)}


# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "notifications:inbox": (None, row(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "notifications:inbox_read": (
        None,
        row(302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "post",
    ),
    "notifications:preferences": (None, row(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "notifications:message_list": (
        None,
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    # A failed message to youth_a (village A1): staff of A1, town A and the district may resend.
    "notifications:message_resend": (
        lambda o: [o["failed_message"].pk],
        row(302, 404, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
}
