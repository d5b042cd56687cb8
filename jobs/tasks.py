"""Thin Celery tasks: they take ids and call the import's steps (inline with TASKS_INLINE)."""

from celery import shared_task

from . import imports


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=1200, time_limit=1500)
def import_check(batch_id: int) -> None:
    imports.import_check(batch_id)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=1200, time_limit=1500)
def import_apply(batch_id: int) -> None:
    imports.import_apply(batch_id)
