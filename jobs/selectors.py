"""Reads the jobs pages and the work queues share."""

import datetime

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from .models import Application, Status, VacancyStatus

# Vacancies this close to their closing date with places unfilled need a push (the
# "closing" reminder fires on the third day before).
CLOSING_WITHIN_DAYS = 3


def closing_unfilled(vacancies, today: datetime.date | None = None):
    """Open vacancies closing within three days with places left, the soonest first
    (through ``vacancy_status_idx``)."""
    today = today or timezone.localdate()
    return vacancies.filter(
        status=VacancyStatus.OPEN,
        closes_on__gte=today,
        closes_on__lte=today + datetime.timedelta(days=CLOSING_WITHIN_DAYS),
        filled__lt=F("places"),
    ).order_by("closes_on", "pk")


def with_unanswered(vacancies):
    """Open vacancies with at least one application the employer has not answered yet
    (still "applied"), the one closing soonest first."""
    waiting = Application.objects.filter(vacancy=OuterRef("pk"), status=Status.APPLIED)
    return vacancies.filter(Exists(waiting), status=VacancyStatus.OPEN).order_by("closes_on", "pk")
