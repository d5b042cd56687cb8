"""What a work queue (core.queues) holds for one staff member, for the apps' queue tests."""

from core.queues import QUEUES


def held(key: str, user) -> list[int]:
    """The primary keys in the queue ``key`` for ``user``, in the queue's order."""
    return [row.pk for row in QUEUES.get(key).records(user)]
