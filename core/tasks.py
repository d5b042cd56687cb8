"""The base's own periodic work."""

from celery import shared_task

from . import changes


@shared_task
def fold_changes() -> int:
    """Keep the log of table writes short (core/changes.py): every minute from beat."""
    return changes.fold()
