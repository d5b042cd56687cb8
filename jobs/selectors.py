"""Reads the jobs pages, their exports (jobs/exports.py) and the work queues share."""

import datetime

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from .models import Application, Placement, Status, Vacancy, VacancyStatus

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


def managed_vacancies(user):
    """The vacancies of the managing list (an employer's own; staff: their area's)."""
    return (
        Vacancy.objects.visible_to(user).select_related("enterprise").order_by("-created_at", "-id")
    )


def vacancy_applications(user, vacancy):
    """A vacancy's applicants as its page lists them."""
    return (
        Application.objects.visible_to(user)
        .filter(vacancy=vacancy)
        .select_related("youth__youth_profile")
        .order_by("-created_at", "-id")
    )


def placement_list_base(user):
    """The placements of the staff list, newest first."""
    return (
        Placement.objects.visible_to(user)
        .select_related("centre", "youth")
        .only(
            *("employer_name", "job_title", "start_date", "how_found", "labour_export"),
            *("centre__name", "youth__name", "youth__email", "youth__erased_at"),
        )
        .order_by("-start_date", "-id")
    )
