from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .models import Application, Placement, Status
from .selectors import (
    ATTENTION_ENDING,
    ATTENTION_OVERDUE,
    ending_soon,
    overdue_q,
    with_evaluations_filed,
)


def _applied(user):
    # Oldest first, through application_status_idx (status, status_changed_at).
    return (
        Application.objects.visible_to(user)
        .filter(status=Status.APPLIED)
        .select_related("youth", "position")
        .only("status_changed_at", "position__title", *_YOUTH)
        .order_by("status_changed_at", "pk")
    )


_YOUTH = ("youth__name", "youth__email", "youth__erased_at")


def _placements(user):
    return (
        Placement.objects.visible_to(user)
        .select_related("youth", "position")
        .only("status", "end_date", "midterm_due", "position__title", *_YOUTH)
    )


def _ending(user):
    return ending_soon(_placements(user), timezone.localdate())


def _evaluation_overdue(user):
    today = timezone.localdate()
    return (
        with_evaluations_filed(_placements(user))
        .filter(overdue_q(today))
        .order_by("midterm_due", "pk")
    )


def _overdue_since(placement):
    """The evaluation overdue first: the mid-term one if it is missing, else the final one."""
    return placement.end_date if placement.has_midterm else placement.midterm_due


def _label(row) -> str:
    return f"{row.youth} · {row.position.title}"


def _placement(placement) -> str:
    return reverse("internships:placement", args=[placement.pk])


register(
    Queue(
        key="internships.applied",
        label=_("Internship applications awaiting the station"),
        explanation=_(
            "Graduates of your area who applied for an internship position and have no answer "
            "from the host station yet (the station shortlists or turns down): follow up with "
            "the station. Oldest first."
        ),
        records=_applied,
        item_label=_label,
        item_url=lambda application: reverse("internships:application", args=[application.pk]),
        url=lambda: f"{link('internships:applications')}?status={Status.APPLIED}",
        due=lambda application: application.status_changed_at,
        order=50,
    )
)
register(
    Queue(
        key="internships.ending",
        label=_("Internship placements ending within 30 days"),
        explanation=_(
            "Placements in progress that end in the next 30 days: prepare the final "
            "evaluation and ask about the intern's next step. Soonest first."
        ),
        records=_ending,
        item_label=_label,
        item_url=_placement,
        url=lambda: f"{link('internships:placements')}?attention={ATTENTION_ENDING}",
        due=lambda placement: placement.end_date,
        order=51,
    )
)
register(
    Queue(
        key="internships.evaluation_overdue",
        label=_("Intern evaluations overdue"),
        explanation=_(
            "Placements in progress whose mid-term evaluation (half-way) or final evaluation "
            "(end date) is past its day and not filed by the station: remind the station."
        ),
        records=_evaluation_overdue,
        item_label=_label,
        item_url=_placement,
        url=lambda: f"{link('internships:placements')}?attention={ATTENTION_OVERDUE}",
        due=_overdue_since,
        urgent=lambda placement: True,
        order=52,
    )
)
