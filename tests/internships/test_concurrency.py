"""The limits under concurrency (PostgreSQL only: real threads, each on its own connection,
held at a barrier so that they act at the same instant)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone

from internships import services
from internships.models import ALREADY_PLACED, NO_PLACES_LEFT, Placement, Position, Status
from internships.services import application_transition

from .helpers import application, graduate, make_eligible, position_at, station_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            outcomes[index] = ("ok", call())
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = ("raised", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def hold_before(monkeypatch, name, parties):
    """Each thread waits at a barrier just before ``services.<name>`` runs."""
    barrier = threading.Barrier(parties, timeout=20)
    original = getattr(services, name)

    def held(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, held)


def test_four_offers_at_once_for_two_places_give_two_offers(
    monkeypatch, enterprise_contact, village_a1
):
    station = station_for(enterprise_contact.partner_membership.enterprise)
    position = position_at(station, places=2)
    shortlisted = [
        application(position, graduate(village_a1, n), status=Status.SHORTLISTED) for n in range(4)
    ]
    # Everyone has passed every check in Python before the first UPDATE of the places.
    hold_before(monkeypatch, "_take_place", 4)
    outcomes = race(
        *[
            lambda a=a: application_transition(
                application=a,
                to_status=Status.OFFERED,
                actor=enterprise_contact,
                start_date=timezone.localdate(),
            )
            for a in shortlisted
        ]
    )
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "ok", "raised", "raised"], outcomes
    for kind, value in outcomes:
        if kind == "raised":
            assert isinstance(value, ValidationError), repr(value)
            assert value.messages == [str(NO_PLACES_LEFT)]
    assert Position.objects.get(pk=position.pk).places_taken == 2
    assert position.applications.filter(status=Status.OFFERED).count() == 2


def test_two_accepts_at_once_give_one_placement(monkeypatch, enterprise_contact, youth_a):
    make_eligible(youth_a)
    station = station_for(enterprise_contact.partner_membership.enterprise)
    offers = [
        application(position_at(station, title=f"P{n}"), youth_a, status=Status.OFFERED)
        for n in range(2)
    ]
    barrier = threading.Barrier(2, timeout=20)

    def accept(offer):
        barrier.wait()
        return application_transition(application=offer, to_status=Status.ACCEPTED, actor=youth_a)

    outcomes = race(*[lambda o=o: accept(o) for o in offers])
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "raised"], outcomes
    error = next(value for kind, value in outcomes if kind == "raised")
    assert isinstance(error, ValidationError), repr(error)
    assert Placement.objects.filter(youth=youth_a).count() == 1
    statuses = sorted(o.status for o in type(offers[0]).objects.filter(youth=youth_a))
    assert statuses == [Status.ACCEPTED, Status.WITHDRAWN]


def test_two_accepts_without_the_profile_lock_still_give_one_placement(
    monkeypatch, enterprise_contact, youth_a, village_a1
):
    """The partial unique index decides even if the service's ordering lock were gone:
    two accepts of different offers, both held after their checks, just before inserting."""
    make_eligible(youth_a)
    station = station_for(enterprise_contact.partner_membership.enterprise)
    offers = [
        application(position_at(station, title=f"P{n}"), youth_a, status=Status.OFFERED)
        for n in range(2)
    ]
    barrier = threading.Barrier(2, timeout=20)

    def start(offer):
        offer.refresh_from_db()
        barrier.wait()
        return services._start_placement(offer)

    def in_transaction(offer):
        with transaction.atomic():
            return start(offer)

    outcomes = race(*[lambda o=o: in_transaction(o) for o in offers])
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "raised"], outcomes
    error = next(value for kind, value in outcomes if kind == "raised")
    assert isinstance(error, ValidationError) and error.messages == [str(ALREADY_PLACED)]
    assert Placement.objects.filter(youth=youth_a).count() == 1
