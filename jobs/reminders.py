"""The messages the jobs app sends (see notifications/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffProfile
from notifications.registry import Due, Kind, register

from .models import FairRegistration, Vacancy, VacancyStatus

CLOSING_AHEAD = datetime.timedelta(days=3)


def _closing_soon(now):
    """Vacancies closing in three days with places unfilled: the employer's contacts and the
    staff of the employer's centre hear once."""
    day = timezone.localdate(now) + CLOSING_AHEAD
    vacancies = Vacancy.objects.filter(
        status=VacancyStatus.OPEN, closes_on=day, filled__lt=F("places")
    ).select_related("enterprise")
    for vacancy in vacancies.iterator(chunk_size=200):
        people = [
            m.user for m in vacancy.enterprise.members.filter(is_active=True).select_related("user")
        ]
        people += [
            p.user
            for p in StaffProfile.objects.filter(
                centre_id=vacancy.enterprise.centre_id, user__is_active=True
            ).select_related("user")
        ]
        for person in people:
            yield Due(
                recipient=person,
                key=f"vacancy-{vacancy.pk}-closing-{day.isoformat()}-user-{person.pk}",
                context={"vacancy": vacancy, "left": vacancy.places_left},
                url=settings.SITE_URL + reverse("jobs:applicants", args=[vacancy.pk]),
            )


def _fair_tomorrow(now):
    """Young people registered for a fair that starts tomorrow (the district's calendar)."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    registrations = FairRegistration.objects.filter(
        fair__starts_at__date=tomorrow, youth__is_active=True
    ).select_related("fair", "youth")
    for registration in registrations.iterator(chunk_size=500):
        yield Due(
            recipient=registration.youth,
            key=f"fair-{registration.fair_id}-tomorrow-user-{registration.youth_id}",
            context={"fair": registration.fair},
            url=settings.SITE_URL + reverse("jobs:fair_detail", args=[registration.fair_id]),
        )


NEW_APPLICANT = register(
    Kind(code="jobs.new_applicant", label=_("A young person applied for our vacancy"))
)
OFFER_MADE = register(Kind(code="jobs.offer_made", label=_("An employer offered me a job")))
STATUS_CHANGED = register(Kind(code="jobs.status_changed", label=_("A job application changed")))
VACANCY_CLOSING = register(
    Kind(
        code="jobs.vacancy_closing",
        label=_("A vacancy closes in 3 days with places unfilled"),
        channels=("email", "inapp"),
        collect=_closing_soon,
    )
)
FAIR_TOMORROW = register(
    Kind(
        code="jobs.fair_tomorrow",
        label=_("A job fair I registered for is tomorrow"),
        collect=_fair_tomorrow,
    )
)
