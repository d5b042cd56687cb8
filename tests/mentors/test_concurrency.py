"""Acceptance 3: 50 concurrent accepts for a mentor with capacity 3 leave exactly 3 active
matches (PostgreSQL only: real threads, each on its own connection, released together)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from mentors.models import MENTOR_FULL, YOUTH_HAS_MENTOR, Match, MentorProfile, Status
from mentors.services import match_accept

from ..factories import YouthProfileFactory
from .helpers import make_match, make_mentor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REQUESTS = 50


def test_fifty_concurrent_accepts_fill_exactly_the_capacity(mentor, town_a, village_a1):
    profile = make_mentor(user=mentor, centre=town_a, capacity=3)
    matches = [
        make_match(youth=YouthProfileFactory(home_centre=village_a1).user, mentor=profile)
        for _ in range(REQUESTS)
    ]
    barrier = threading.Barrier(REQUESTS, timeout=60)
    outcomes = [None] * REQUESTS

    def accept(index):
        try:
            barrier.wait()
            match_accept(match=matches[index], actor=mentor)
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = error.messages
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(i,)) for i in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"

    assert outcomes.count("ok") == 3, outcomes
    assert all(o == "ok" or o == [str(MENTOR_FULL)] for o in outcomes), outcomes
    assert Match.objects.filter(mentor=profile, status=Status.ACTIVE).count() == 3
    assert Match.objects.filter(mentor=profile, status=Status.REQUESTED).count() == REQUESTS - 3
    assert MentorProfile.objects.get(pk=profile.pk).active_count == 3


def test_two_mentors_accepting_the_same_young_person_at_once_give_one_active_match(youth_a, town_a):
    first, second = make_mentor(centre=town_a), make_mentor(centre=town_a)
    matches = [make_match(youth=youth_a, mentor=m) for m in (first, second)]
    barrier = threading.Barrier(2, timeout=30)
    outcomes = [None, None]

    def accept(index):
        try:
            barrier.wait()
            match_accept(match=matches[index], actor=matches[index].mentor.user)
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = error.messages
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("ok") == 1 and [str(YOUTH_HAS_MENTOR)] in outcomes, outcomes
    assert Match.objects.filter(youth=youth_a, status=Status.ACTIVE).count() == 1
    # The place of the mentor who lost is not taken.
    loads = sorted(
        MentorProfile.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "active_count", flat=True
        )
    )
    assert loads == [0, 1]
