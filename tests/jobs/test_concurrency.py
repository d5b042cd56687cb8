"""The last place of a vacancy, hired twice at the same instant: one hire, one refusal, never
more hires than places. The same job recorded twice at once: one placement. PostgreSQL only
(real threads on their own connections, held at a barrier after every check in Python)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError

from jobs import services
from jobs.models import PLACES_EXCEEDED, HowFound, Placement, Status, Vacancy

from ..factories import YouthProfileFactory
from ..test_concurrent_unique import race
from .factories import make_application, make_vacancy

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_hires_for_the_last_place_at_once(
    monkeypatch, partner_enterprise, enterprise_contact, town_staff, youth_a, village_a1
):
    vacancy = make_vacancy(partner_enterprise, places=1)
    other = YouthProfileFactory(home_centre=village_a1).user
    applications = [
        make_application(vacancy, youth, status=Status.ACCEPTED) for youth in (youth_a, other)
    ]
    barrier = threading.Barrier(2, timeout=20)
    original = services._take_place

    def held(vacancy):
        barrier.wait()  # both have read their application and checked the move
        return original(vacancy)

    monkeypatch.setattr(services, "_take_place", held)
    outcomes = race(
        *[
            lambda a=a, who=who: services.application_transition(
                application=a, to_status=Status.HIRED, actor=who
            )
            for a, who in zip(applications, (enterprise_contact, town_staff), strict=True)
        ]
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "raised"], outcomes
    error = next(value for kind, value in outcomes if kind == "raised")
    assert isinstance(error, ValidationError) and str(PLACES_EXCEEDED) in error.messages
    assert Vacancy.objects.get(pk=vacancy.pk).filled == 1
    assert Placement.objects.count() == 1


def test_the_same_placement_recorded_twice_at_once(
    monkeypatch, town_staff, district_staff, youth_a
):
    barrier = threading.Barrier(2, timeout=20)
    original = Placement.save

    def save(self, *args, **kwargs):
        barrier.wait()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Placement, "save", save)
    outcomes = race(
        *[
            lambda who=who: services.placement_record(
                recorded_by=who,
                youth=youth_a,
                employer_name="鑫达有色金属",
                job_title="熔炼工",
                start_date=datetime.date(2024, 1, 1),
                how_found=HowFound.FAIR,
            )
            for who in (town_staff, district_staff)
        ]
    )
    assert sorted(kind for kind, _ in outcomes) == ["ok", "raised"], outcomes
    assert Placement.objects.count() == 1
