"""The messages the internship station sends (see notifications/registry.py)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffProfile
from notifications.registry import Due, Kind, register
from partners.models import PartnerMember

from .models import Application, EvaluationKind, Placement, PlacementStatus, Status
from .selectors import due_soon_q, overdue_q, with_evaluations_filed

EVALUATION_DUE_WITHIN = datetime.timedelta(days=14)
ENDING_WITHIN = datetime.timedelta(days=30)


def _url(name, pk) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


def _interview_tomorrow(now):
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    applications = Application.objects.filter(
        status=Status.INTERVIEW, interview_at__date=tomorrow
    ).select_related("youth", "position__station__enterprise")
    for application in applications.iterator(chunk_size=200):
        yield Due(
            recipient=application.youth,
            key=f"internship-application-{application.pk}-interview-{tomorrow.isoformat()}",
            context={"application": application},
            url=_url("internships:application", application.pk),
        )


def _hosts_by_station(station_ids) -> dict:
    contacts: dict = {}
    members = PartnerMember.objects.filter(
        is_active=True, enterprise__internship_station__in=station_ids
    ).select_related("user", "enterprise__internship_station")
    for member in members:
        contacts.setdefault(member.enterprise.internship_station.pk, []).append(member.user)
    return contacts


def _evaluations(now, *, overdue: bool):
    """Active placements whose mid-term (half-way) or final (end date) evaluation falls due in
    the next 14 days (``overdue``: has passed), not yet filed: to the station's contacts."""
    today = timezone.localdate(now)
    placements = with_evaluations_filed(Placement.objects.all()).filter(
        overdue_q(today) if overdue else due_soon_q(today, EVALUATION_DUE_WITHIN.days)
    )
    rows = []
    for placement in placements.select_related("youth").iterator(chunk_size=200):
        if not placement.has_midterm and (placement.midterm_due < today) == overdue:
            rows.append((placement, EvaluationKind.MIDTERM, placement.midterm_due))
        elif not placement.has_final and (placement.end_date < today) == overdue:
            rows.append((placement, EvaluationKind.FINAL, placement.end_date))
    hosts = _hosts_by_station({p.station_id for p, _k, _d in rows})
    label = "overdue" if overdue else "due"
    for placement, kind, due in rows:
        for person in hosts.get(placement.station_id, []):
            yield Due(
                recipient=person,
                key=f"internship-placement-{placement.pk}-{kind}-{label}-user-{person.pk}",
                context={"placement": placement, "kind": kind.label, "due": due},
                url=_url("internships:placement", placement.pk),
            )


def _ending(now):
    """Placements ending within 30 days: to the intern and to staff of their centre (the
    staff of all the centres concerned read in one query)."""
    today = timezone.localdate(now)
    ending = list(
        Placement.objects.filter(
            status=PlacementStatus.ACTIVE,
            end_date__gte=today,
            end_date__lte=today + ENDING_WITHIN,
        ).select_related("youth", "station__enterprise")
    )
    staff: dict = {}
    for profile in StaffProfile.objects.filter(
        centre__in={p.centre_id for p in ending}, user__is_active=True
    ).select_related("user"):
        staff.setdefault(profile.centre_id, []).append(profile.user)
    for placement in ending:
        context = {"placement": placement, "host": placement.station.enterprise.name}
        url = _url("internships:placement", placement.pk)
        for person in [placement.youth, *staff.get(placement.centre_id, [])]:
            yield Due(
                recipient=person,
                key=f"internship-placement-{placement.pk}-ending-user-{person.pk}",
                context=context,
                url=url,
            )


APPLICATION_CHANGED = register(
    Kind(code="internships.application_changed", label=_("My internship application changed"))
)
INTERVIEW_TOMORROW = register(
    Kind(
        code="internships.interview_tomorrow",
        label=_("My internship interview is tomorrow"),
        collect=_interview_tomorrow,
    )
)
EVALUATION_DUE = register(
    Kind(
        code="internships.evaluation_due",
        label=_("An intern's evaluation is due"),
        channels=("email", "inapp"),
        collect=lambda now: _evaluations(now, overdue=False),
    )
)
EVALUATION_OVERDUE = register(
    Kind(
        code="internships.evaluation_overdue",
        label=_("An intern's evaluation is overdue"),
        channels=("email", "inapp"),
        collect=lambda now: _evaluations(now, overdue=True),
    )
)
PLACEMENT_ENDING = register(
    Kind(
        code="internships.placement_ending",
        label=_("An internship placement ends within 30 days"),
        collect=_ending,
    )
)
