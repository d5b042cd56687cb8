"""The messages the projects app sends (see notifications/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffProfile
from notifications.registry import Due, Kind, register

from .models import LAUNCHED_STAGES, WAITING_FOR_REVIEW, OutcomeReport, VentureProject

REVIEW_OVERDUE_AFTER = datetime.timedelta(days=10)


def _url(project) -> str:
    return settings.SITE_URL + reverse("projects:detail", args=[project.pk])


def _reviewers(project) -> list:
    """Staff of the project's centre, or of the nearest centre above it that has staff."""
    centre = project.centre
    while centre is not None:
        staff = [
            p.user
            for p in StaffProfile.objects.filter(
                centre=centre, user__is_active=True
            ).select_related("user")
        ]
        if staff:
            return staff
        centre = centre.parent
    return []


def _review_overdue(now):
    waiting = VentureProject.objects.filter(
        stage__in=WAITING_FOR_REVIEW, stage_changed_at__lte=now - REVIEW_OVERDUE_AFTER
    ).select_related("centre", "centre__parent")
    for project in waiting.iterator(chunk_size=200):
        since = int(project.stage_changed_at.timestamp())
        days = (now - project.stage_changed_at).days
        for person in _reviewers(project):
            yield Due(
                recipient=person,
                key=f"project-{project.pk}-review-{since}-user-{person.pk}",
                context={"project": project, "days": days},
                url=_url(project),
            )


def previous_quarter(today: datetime.date) -> tuple[int, int, datetime.date]:
    """(year, quarter) of the last quarter that has ended, and the day it ended."""
    start_of_this = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    end = start_of_this - datetime.timedelta(days=1)
    return end.year, (end.month - 1) // 3 + 1, end


def _outcome_due(now):
    # The district's calendar, not UTC: a quarter ends at midnight in Shanghai.
    year, quarter, ended = previous_quarter(timezone.localdate(now))
    reported = OutcomeReport.objects.filter(project=OuterRef("pk"), year=year, quarter=quarter)
    projects = (
        VentureProject.objects.filter(stage__in=LAUNCHED_STAGES, launched_on__lte=ended)
        .exclude(Exists(reported))
        .select_related("lead")
    )
    for project in projects.iterator(chunk_size=200):
        yield Due(
            recipient=project.lead,
            key=f"project-{project.pk}-outcome-{year}q{quarter}",
            context={"project": project, "year": year, "quarter": quarter},
            url=settings.SITE_URL + reverse("projects:outcome_create", args=[project.pk]),
        )


STAGE_CHANGED = register(
    Kind(code="projects.stage_changed", label=_("My project moved to another stage"))
)
REVIEW_OVERDUE = register(
    Kind(
        code="projects.review_overdue",
        label=_("A project has waited for review more than 10 days"),
        channels=("email", "inapp"),
        collect=_review_overdue,
    )
)
OUTCOME_DUE = register(
    Kind(
        code="projects.outcome_due",
        label=_("Quarterly outcome figures are due"),
        collect=_outcome_due,
    )
)
