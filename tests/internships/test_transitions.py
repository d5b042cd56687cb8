"""Every move of the table × every role: only the role the table names may make it, and
every move outside the table is refused; a made move writes history, audit and a message."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import Entry
from internships.models import (
    TRANSITIONS,
    YOUTH,
    Application,
    ApplicationChange,
    Placement,
    Position,
    Status,
)
from internships.services import (
    REASON_REQUIRED,
    STALE_STATUS,
    application_transition,
)
from notifications.models import Message

from .helpers import application, make_eligible, position_at, station_for

pytestmark = pytest.mark.django_db

ROLES = ["graduate", "host", "other_host", "staff", "other_youth"]


@pytest.fixture
def world(youth_a, youth_b, enterprise_contact, other_enterprise_contact, district_staff):
    make_eligible(youth_a)
    station = station_for(enterprise_contact.partner_membership.enterprise)
    station_for(other_enterprise_contact.partner_membership.enterprise)
    return {
        "position": position_at(station),
        "graduate": youth_a,
        "host": enterprise_contact,
        "other_host": other_enterprise_contact,
        "staff": district_staff,
        "other_youth": youth_b,
    }


def _args(to_status):
    return {
        "reason": "Another candidate fitted better",
        "interview_at": timezone.now() + datetime.timedelta(days=2),
        "interview_place": "Room 3",
        "start_date": timezone.localdate() + datetime.timedelta(days=7),
    }


@pytest.mark.parametrize(
    ("pair", "role"),
    list(itertools.product(TRANSITIONS, ROLES)),
    ids=[f"{f}-{t}-{r}" for (f, t), r in itertools.product(TRANSITIONS, ROLES)],
)
def test_only_the_tables_role_makes_each_move(world, pair, role):
    from_status, to_status = pair
    subject = application(world["position"], world["graduate"], status=from_status)
    allowed = {"graduate": YOUTH, "host": "host"}.get(role) == TRANSITIONS[pair]
    before = ApplicationChange.objects.count()
    if allowed:
        application_transition(
            application=subject, to_status=to_status, actor=world[role], **_args(to_status)
        )
        subject.refresh_from_db()
        assert subject.status == to_status
        change = ApplicationChange.objects.latest("pk")
        assert (change.from_status, change.to_status) == (from_status, to_status)
        assert change.actor == world[role]
        assert Entry.objects.filter(action="internships.application_moved").exists()
        told = Message.objects.filter(kind="internships.application_changed")
        # The graduate hears of the host's moves, not of their own.
        assert told.exists() == (role == "host")
        if to_status == Status.ACCEPTED:
            assert Placement.objects.get(application=subject).youth == world["graduate"]
    else:
        with pytest.raises(ValidationError):
            application_transition(
                application=subject, to_status=to_status, actor=world[role], **_args(to_status)
            )
        subject.refresh_from_db()
        assert subject.status == from_status
        assert ApplicationChange.objects.count() == before


OUTSIDE = [(f, t) for f in Status.values for t in Status.values if (f, t) not in TRANSITIONS]


@pytest.mark.parametrize(("from_status", "to_status"), OUTSIDE)
def test_moves_outside_the_table_are_refused_for_everyone(world, from_status, to_status):
    subject = application(world["position"], world["graduate"], status=from_status)
    for role in ("graduate", "host"):
        with pytest.raises(ValidationError):
            application_transition(
                application=subject, to_status=to_status, actor=world[role], **_args(to_status)
            )
    subject.refresh_from_db()
    assert subject.status == from_status


def test_turning_down_needs_a_reason_the_graduate_reads(world):
    subject = application(world["position"], world["graduate"])
    with pytest.raises(ValidationError) as refused:
        application_transition(
            application=subject, to_status=Status.REJECTED, actor=world["host"], reason="  "
        )
    assert str(REASON_REQUIRED) in str(refused.value)
    application_transition(
        application=subject, to_status=Status.REJECTED, actor=world["host"], reason="Full"
    )
    subject.refresh_from_db()
    assert (subject.status, subject.reason) == (Status.REJECTED, "Full")


def test_an_interview_needs_date_and_place(world):
    subject = application(world["position"], world["graduate"], status=Status.SHORTLISTED)
    with pytest.raises(ValidationError):
        application_transition(application=subject, to_status=Status.INTERVIEW, actor=world["host"])
    when = timezone.now() + datetime.timedelta(days=1)
    application_transition(
        application=subject,
        to_status=Status.INTERVIEW,
        actor=world["host"],
        interview_at=when,
        interview_place="Room 3",
    )
    subject.refresh_from_db()
    assert (subject.interview_at, subject.interview_place) == (when, "Room 3")


def test_a_stale_page_changes_nothing(world):
    subject = application(world["position"], world["graduate"], status=Status.SHORTLISTED)
    with pytest.raises(ValidationError) as refused:
        application_transition(
            application=subject,
            to_status=Status.REJECTED,
            actor=world["host"],
            reason="x",
            expected_status=Status.APPLIED,
        )
    assert str(STALE_STATUS) in str(refused.value)
    assert Application.objects.get(pk=subject.pk).status == Status.SHORTLISTED


def test_offer_takes_a_place_and_declining_gives_it_back(world):
    position = world["position"]
    subject = application(position, world["graduate"], status=Status.SHORTLISTED)
    application_transition(
        application=subject,
        to_status=Status.OFFERED,
        actor=world["host"],
        start_date=timezone.localdate(),
    )
    assert Position.objects.get(pk=position.pk).places_taken == 1
    application_transition(application=subject, to_status=Status.DECLINED, actor=world["graduate"])
    assert Position.objects.get(pk=position.pk).places_taken == 0


def test_accepting_starts_a_year_and_withdraws_the_other_applications(world):
    position = world["position"]
    other = position_at(position.station, title="Clerk")
    waiting = application(other, world["graduate"])
    offered_elsewhere = application(
        position_at(position.station, title="Driver"), world["graduate"], status=Status.OFFERED
    )
    subject = application(position, world["graduate"], status=Status.SHORTLISTED)
    start = datetime.date(2026, 3, 1)
    application_transition(
        application=subject, to_status=Status.OFFERED, actor=world["host"], start_date=start
    )
    application_transition(application=subject, to_status=Status.ACCEPTED, actor=world["graduate"])
    placement = Placement.objects.get(application=subject)
    assert (placement.start_date, placement.end_date) == (start, datetime.date(2027, 2, 28))
    assert placement.midterm_due == datetime.date(2026, 9, 1)
    waiting.refresh_from_db()
    offered_elsewhere.refresh_from_db()
    assert waiting.status == offered_elsewhere.status == Status.WITHDRAWN
    assert Position.objects.get(pk=offered_elsewhere.position_id).places_taken == 0
    assert Position.objects.get(pk=position.pk).places_taken == 1
