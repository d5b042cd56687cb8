"""The summary table's recount (dashboard/refresh.py), run by Celery beat every few minutes."""

from celery import shared_task

from . import refresh


@shared_task(ignore_result=True, soft_time_limit=540, time_limit=600)
def refresh_figures() -> dict:
    # Idempotent: each figure is rewritten to what the records say now.
    return refresh.refresh_figures()
