"""The messages the guidance desk sends (see notifications/registry.py)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.registry import Due, Kind, register

from .models import Case, Consultation
from .selectors import staff_of


def _case_url(case) -> str:
    return settings.SITE_URL + reverse("guidance:case_detail", args=[case.pk])


def _follow_up_due(now):
    today = timezone.localdate(now)
    due = Consultation.objects.filter(
        follow_up_on__lte=today, followed_up_at__isnull=True, created_by__isnull=False
    ).select_related("created_by", "centre")
    for consultation in due.iterator(chunk_size=200):
        yield Due(
            recipient=consultation.created_by,
            key=f"consultation-{consultation.pk}-followup-{consultation.follow_up_on}",
            context={"consultation": consultation},
            url=settings.SITE_URL + reverse("guidance:queue"),
        )


def _stale(now):
    """Each quiet spell of 14 days is told once: the key carries the last activity's time."""
    cases = Case.objects.stale(now).select_related("centre", "centre__parent", "mediator")
    for case in cases.iterator(chunk_size=200):
        since = int(case.last_activity_at.timestamp())
        days = (now - case.last_activity_at).days
        people = {p.pk: p for p in staff_of(case.centre)}
        if case.mediator is not None:
            people[case.mediator.pk] = case.mediator
        for person in people.values():
            yield Due(
                recipient=person,
                key=f"case-{case.pk}-stale-{since}-user-{person.pk}",
                context={"case": case, "days": days},
                url=_case_url(case),
            )


FOLLOW_UP_DUE = register(
    Kind(
        code="guidance.followup_due",
        label=_("A consultation's follow-up is due"),
        channels=("email", "inapp"),
        collect=_follow_up_due,
    )
)
CASE_ASSIGNED = register(
    Kind(
        code="guidance.case_assigned",
        label=_("A rights-protection case was assigned to me"),
        channels=("email", "sms", "inapp"),
    )
)
CASE_STALE = register(
    Kind(
        code="guidance.case_stale",
        label=_("A rights-protection case has not been updated for 14 days"),
        channels=("email", "inapp"),
        collect=_stale,
    )
)
CASE_PROGRESS = register(
    Kind(code="guidance.case_progress", label=_("My rights-protection case moved on"))
)
