"""Building blocks of the internship tests: a station, a position, an eligible graduate."""

import datetime

from django.utils import timezone

from internships.models import (
    Application,
    ApplicationChange,
    Placement,
    PlacementStatus,
    Position,
    Station,
    Status,
    end_of,
    midterm_of,
)

from ..factories import EnterpriseFactory, PartnerMemberFactory, YouthProfileFactory


def station_for(enterprise, *, quota: int = 50) -> Station:
    enterprise.is_internship_host = True
    enterprise.save(update_fields=["is_internship_host"])
    return Station.objects.create(
        enterprise=enterprise, since=datetime.date(2020, 3, 1), annual_quota=quota
    )


def position_at(station: Station, *, places: int = 3, title: str = "Assistant") -> Position:
    return Position.objects.create(
        station=station, title=title, places=places, stipend=2800, duration_months=12
    )


def make_eligible(user, *, year: int | None = None):
    """A complete profile of a recent graduate (the fixture cast has no graduation year)."""
    profile = user.youth_profile
    profile.graduation_year = year or timezone.localdate().year - 1
    profile.education_level = "junior_college"
    profile.save(update_fields=["graduation_year", "education_level"])
    return user


def graduate(centre, n: int):
    profile = YouthProfileFactory(
        user__email=f"grad{n}@example.com",
        user__phone=f"1370000{n:04d}",
        home_centre=centre,
        graduation_year=timezone.localdate().year - 1,
        education_level="junior_college",
    )
    return profile.user


def host_contact(station: Station, email: str):
    return PartnerMemberFactory(user__email=email, enterprise=station.enterprise).user


def application(position: Position, youth, *, status: str = Status.APPLIED, **fields):
    """An application in ``status`` written directly (for pages and permissions; the
    services are tested on their own)."""
    if status in (Status.OFFERED, Status.ACCEPTED):
        fields.setdefault("start_date", timezone.localdate())
        Position.objects.filter(pk=position.pk).update(places_taken=position.places_taken + 1)
        position.refresh_from_db()
    made = Application.objects.create(
        position=position,
        station=position.station,
        youth=youth,
        centre=youth.youth_profile.home_centre,
        education_level="junior_college",
        graduation_year=timezone.localdate().year - 1,
        status=status,
        **fields,
    )
    ApplicationChange.objects.create(application=made, to_status=status)
    return made


def placement(application_: Application, *, start=None, status=PlacementStatus.ACTIVE, **fields):
    start = start or application_.start_date or timezone.localdate()
    months = application_.position.duration_months
    return Placement.objects.create(
        application=application_,
        position=application_.position,
        station=application_.station,
        youth=application_.youth,
        centre=application_.centre,
        start_date=start,
        end_date=end_of(start, months),
        midterm_due=midterm_of(start, months),
        status=status,
        **fields,
    )


def other_station(centre):
    return station_for(EnterpriseFactory(centre=centre, name="Elsewhere Ltd"))
