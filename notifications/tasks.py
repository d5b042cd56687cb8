"""Thin Celery tasks: they take ids and call services (HackSoft style)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def send_messages(ids: list[int]) -> int:
    # Idempotent: a message already sent or claimed by a live worker is skipped.
    return services.deliver(ids)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    return services.sweep()


@shared_task(ignore_result=True)
def send_reminders() -> dict:
    written = services.run_reminders()
    services.sweep()
    return written
