"""Thin Celery tasks: the summary table's recount (dashboard/refresh.py, beat every few
minutes) and the background exports (they take ids and call services)."""

from celery import shared_task

from . import exports, refresh


@shared_task(ignore_result=True, soft_time_limit=540, time_limit=600)
def refresh_figures() -> dict:
    # Idempotent: each figure is rewritten to what the records say now.
    return refresh.refresh_figures()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_export(job_id: int) -> None:
    # Idempotent: a job already taken by a worker, finished or gone is skipped.
    exports.export_run(job_id=job_id)


@shared_task(ignore_result=True)
def sweep_exports() -> int:
    return exports.export_sweep()


@shared_task(ignore_result=True)
def expire_exports() -> int:
    return exports.export_expire()
