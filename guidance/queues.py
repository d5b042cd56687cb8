from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .forms import HANDLER_MINE, HANDLER_NOBODY
from .models import Case, Status, consultations_visible_to
from .selectors import awaiting_q, follow_ups_awaiting
from .views import FOLLOW_UP_MINE


def _follow_ups(user):
    rows = (
        consultations_visible_to(user)
        .select_related("youth")
        .only("topic", "follow_up_on", "youth__name", "youth__email", "youth__erased_at")
    )
    return follow_ups_awaiting(rows, user)


def _cases(user):
    return Case.objects.visible_to(user).only("kind", "last_activity_at", "created_at")


def _stale(user):
    # Through case_status_idx (status, last_activity_at): the quietest first.
    return _cases(user).stale().filter(awaiting_q(user)).order_by("last_activity_at", "pk")


def _unassigned(user):
    return (
        _cases(user).filter(status=Status.OPEN, mediator__isnull=True).order_by("created_at", "pk")
    )


def _case_label(case) -> str:
    return f"{case} · {case.get_kind_display()}"


def _case_url(case) -> str:
    return reverse("guidance:case_detail", args=[case.pk])


register(
    Queue(
        key="guidance.follow_ups",
        label=_("Consultation follow-ups due"),
        explanation=_(
            "Consultations you logged (or that name nobody) whose follow-up day has come and "
            "that are not marked as followed up. Red once the day has passed."
        ),
        records=_follow_ups,
        item_label=lambda c: f"{c.get_topic_display()} · {c.youth or _('Walk-in')}",
        item_url=lambda c: f"{link('guidance:consultations')}?follow_up={FOLLOW_UP_MINE}",
        url=lambda: f"{link('guidance:consultations')}?follow_up={FOLLOW_UP_MINE}",
        due=lambda c: c.follow_up_on,
        urgent=lambda c: c.follow_up_on < timezone.localdate(),
        order=60,
    )
)
register(
    Queue(
        key="guidance.unassigned",
        label=_("Rights-protection cases waiting for a mediator"),
        explanation=_(
            "Open cases of your area that nobody carries yet: assign a mediator or take the "
            "case yourself. Oldest first."
        ),
        records=_unassigned,
        item_label=_case_label,
        item_url=_case_url,
        url=lambda: f"{link('guidance:cases')}?status={Status.OPEN}&handler={HANDLER_NOBODY}",
        due=lambda case: case.created_at,
        order=61,
    )
)
register(
    Queue(
        key="guidance.stale",
        label=_("Rights-protection cases not updated for 14 days"),
        explanation=_(
            "Cases still open, in mediation or in legal aid, with no move, note, document or "
            "assignment for 14 days, carried by you, by an outside mediator or by nobody: "
            "find out where they stand. The quietest first."
        ),
        records=_stale,
        item_label=_case_label,
        item_url=_case_url,
        url=lambda: f"{link('guidance:cases')}?stale=true&handler={HANDLER_MINE}",
        due=lambda case: case.last_activity_at,
        urgent=lambda case: True,
        order=62,
    )
)
