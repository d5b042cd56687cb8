"""The messages the loans app sends (see notifications/registry.py)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffProfile
from core.scoping import is_youth
from notifications.registry import Due, Kind, register
from partners.models import PartnerMember

from .models import Referral, Status, WealthLeader

EXPIRY_WARNING = datetime.timedelta(days=30)


def _staff_of(centre) -> list:
    """Staff of the centre, or of the nearest centre above it that has staff."""
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


def _decision_overdue(now):
    today = timezone.localdate(now)
    late = Referral.objects.filter(
        status=Status.REFERRED, decision_due_on__lt=today
    ).select_related("centre", "centre__parent", "bank")
    officers: dict[int, list] = {}
    for referral in late.iterator(chunk_size=200):
        if referral.bank_id not in officers:
            officers[referral.bank_id] = [
                m.user
                for m in PartnerMember.objects.filter(
                    bank_id=referral.bank_id, is_active=True, user__is_active=True
                ).select_related("user")
            ]
        url = settings.SITE_URL + reverse("loans:detail", args=[referral.pk])
        for person in officers[referral.bank_id] + _staff_of(referral.centre):
            yield Due(
                recipient=person,
                key=f"referral-{referral.pk}-overdue-{referral.decision_due_on}-user-{person.pk}",
                context={"referral": referral},
                url=url,
            )


def _designation_expiring(now):
    today = timezone.localdate(now)
    soon = WealthLeader.objects.filter(
        expires_on__gte=today, expires_on__lte=today + EXPIRY_WARNING
    ).select_related("person", "centre", "centre__parent")
    for designation in soon.iterator(chunk_size=200):
        for person in _staff_of(designation.centre):
            yield Due(
                recipient=person,
                key=f"wealthleader-{designation.pk}-expiring-user-{person.pk}",
                context={"designation": designation},
                url=settings.SITE_URL + reverse("loans:leaders"),
            )


RECEIVED = register(
    Kind(code="loans.received", label=_("My loan application was received"), audience=is_youth)
)
DECIDED = register(
    Kind(code="loans.decided", label=_("My loan application was decided"), audience=is_youth)
)
INFO_REQUESTED = register(
    Kind(
        code="loans.info_requested",
        label=_("More information is asked for my loan application"),
        audience=is_youth,
    )
)
DECISION_OVERDUE = register(
    Kind(
        code="loans.decision_overdue",
        label=_("A bank's loan decision is overdue"),
        channels=("email", "inapp"),
        collect=_decision_overdue,
    )
)
DESIGNATION_EXPIRING = register(
    Kind(
        code="loans.designation_expiring",
        label=_("A wealth-leader designation expires within 30 days"),
        channels=("email", "inapp"),
        collect=_designation_expiring,
    )
)
