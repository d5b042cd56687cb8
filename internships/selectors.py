"""Reads the station's pages share, each with a fixed number of queries."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q

from .models import (
    Application,
    Evaluation,
    EvaluationKind,
    Outcome,
    Placement,
    PlacementStatus,
    Station,
)

ENDING_SOON_DAYS = 30


def with_evaluations_filed(placements):
    filed = Evaluation.objects.filter(placement=OuterRef("pk"))
    return placements.annotate(
        has_midterm=Exists(filed.filter(kind=EvaluationKind.MIDTERM)),
        has_final=Exists(filed.filter(kind=EvaluationKind.FINAL)),
    )


def overdue_q(today: datetime.date) -> Q:
    """Active placements with an evaluation past its due day and not filed (on a queryset
    annotated by ``with_evaluations_filed``)."""
    return Q(status=PlacementStatus.ACTIVE) & (
        Q(midterm_due__lt=today, has_midterm=False) | Q(end_date__lt=today, has_final=False)
    )


def due_soon_q(today: datetime.date, days: int = 14) -> Q:
    soon = today + datetime.timedelta(days=days)
    return Q(status=PlacementStatus.ACTIVE) & (
        Q(midterm_due__gte=today, midterm_due__lte=soon, has_midterm=False)
        | Q(end_date__gte=today, end_date__lte=soon, has_final=False)
    )


def ending_soon(placements, today: datetime.date):
    return placements.filter(
        status=PlacementStatus.ACTIVE,
        end_date__gte=today,
        end_date__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS),
    ).order_by("end_date", "pk")


def stations_with_figures(user, today: datetime.date):
    """Each station the user sees with this year's intake (against its quota), interns in
    placement now, and its retention rate: of the placements with a recorded outcome, the
    share kept on by the host. One query (aggregates over the placements the user sees)."""
    visible = Placement.objects.visible_to(user).values("pk")
    in_view = Q(placements__in=visible)
    return (
        Station.objects.visible_to(user)
        .select_related("enterprise")
        .annotate(
            intake=Count("placements", filter=in_view & Q(placements__start_date__year=today.year)),
            active=Count(
                "placements", filter=in_view & Q(placements__status=PlacementStatus.ACTIVE)
            ),
            with_outcome=Count("placements", filter=in_view & ~Q(placements__outcome="")),
            kept_on=Count("placements", filter=in_view & Q(placements__outcome=Outcome.KEPT_ON)),
        )
        .order_by("since", "pk")
    )


def retention_percent(station) -> int | None:
    if not station.with_outcome:
        return None
    return round(100 * station.kept_on / station.with_outcome)


def occupancy_percent(station) -> int:
    return round(100 * station.intake / station.annual_quota) if station.annual_quota else 0


ATTENTION_ENDING, ATTENTION_OVERDUE = "ending", "overdue"


def application_list_base(user):
    """The applications the list shows the viewer (the page and its export), in its order."""
    return (
        Application.objects.visible_to(user)
        .select_related("position", "station__enterprise", "youth", "centre")
        .order_by("-status_changed_at", "-pk")
    )


def placement_list_base(user, attention: str, today: datetime.date):
    """The placements the list shows the viewer for its "attention" tab, in its order."""
    base = with_evaluations_filed(
        Placement.objects.visible_to(user).select_related(
            "position", "station__enterprise", "youth", "centre"
        )
    ).order_by("-start_date", "-pk")
    if attention == ATTENTION_ENDING:
        return ending_soon(base, today)
    if attention == ATTENTION_OVERDUE:
        return base.filter(overdue_q(today)).order_by("midterm_due", "pk")
    return base
