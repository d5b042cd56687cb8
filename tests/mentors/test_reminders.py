"""The mentoring reminders: new request, pending 3 days, expired after 7 (the sweep expires
it), session tomorrow to both, no session for 30 days, session awaiting confirmation."""

import datetime

import pytest
from django.utils import timezone

from mentors import services
from mentors.models import Match, MentorProfile, SessionStatus, Status
from mentors.reminders import (
    NO_SESSION,
    REQUEST_EXPIRED,
    REQUEST_PENDING,
    SESSION_TO_CONFIRM,
    SESSION_TOMORROW,
)
from notifications.models import Message
from notifications.services import run_reminders

from .helpers import make_match, make_mentor, make_session

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def profile(mentor, town_a):
    return make_mentor(user=mentor, centre=town_a)


def _to(kind):
    return sorted(set(Message.objects.filter(kind=kind).values_list("recipient__email", flat=True)))


def _age(match, days):
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - days * DAY)


def test_a_new_request_tells_the_mentor_in_chinese(youth_a, profile):
    services.match_request(youth=youth_a, mentor=profile, message="")
    body = Message.objects.get(kind="mentors.request_new", channel="email").body
    assert "Alice" in body and "7天内" in body


def test_a_request_pending_three_days_reminds_the_mentor_once(youth_a, youth_b, profile):
    old = make_match(youth=youth_a, mentor=profile)
    _age(old, 3.5)
    young = make_match(youth=youth_b, mentor=profile)
    _age(young, 1)

    assert run_reminders()[REQUEST_PENDING.code] == 1
    assert _to(REQUEST_PENDING.code) == ["mentor@example.com"]
    assert run_reminders()[REQUEST_PENDING.code] == 0  # once only


def test_after_seven_days_the_request_expires_and_the_young_person_hears(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, expires_at=timezone.now() - DAY / 24)

    written = run_reminders()

    assert written[REQUEST_EXPIRED.code] == 1
    match.refresh_from_db()
    assert match.status == Status.EXPIRED
    assert match.history.last().to_status == Status.EXPIRED
    assert _to(REQUEST_EXPIRED.code) == ["youth.a@example.com"]
    assert run_reminders()[REQUEST_EXPIRED.code] == 0


def test_a_session_tomorrow_reminds_both_sides(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    tomorrow = timezone.localtime() + DAY
    make_session(match=match).__class__.objects.update(
        starts_at=tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    )
    make_session(match=match, days=5)  # not tomorrow

    assert run_reminders()[SESSION_TOMORROW.code] == 2
    assert _to(SESSION_TOMORROW.code) == ["mentor@example.com", "youth.a@example.com"]


def test_an_active_match_without_a_session_for_thirty_days_reminds_the_mentor(
    youth_a, youth_b, profile
):
    quiet = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    Match.objects.filter(pk=quiet.pk).update(accepted_at=timezone.now() - 40 * DAY)
    busy = make_match(youth=youth_b, mentor=profile, status=Status.ACTIVE)
    Match.objects.filter(pk=busy.pk).update(accepted_at=timezone.now() - 40 * DAY)
    make_session(match=busy, status=SessionStatus.CONFIRMED, days=-5)

    assert run_reminders()[NO_SESSION.code] == 1
    message = Message.objects.get(kind=NO_SESSION.code, channel="email")
    assert "Alice" in message.body and "40" in message.body


def test_a_session_awaiting_confirmation_reminds_the_young_person(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    make_session(
        match=match, status=SessionStatus.LOGGED, days=-4, logged_at=timezone.now() - 4 * DAY
    )
    make_session(match=match, status=SessionStatus.LOGGED, days=-1)  # logged today: not yet

    assert run_reminders()[SESSION_TO_CONFIRM.code] == 1
    assert _to(SESSION_TO_CONFIRM.code) == ["youth.a@example.com"]


def test_ending_a_match_frees_the_place_for_the_directory(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    MentorProfile.objects.filter(pk=profile.pk).update(capacity=1)
    assert not MentorProfile.objects.directory().filter(pk=profile.pk).exists()
    services.match_end(match=match, actor=profile.user, reason="结束")
    assert MentorProfile.objects.directory().filter(pk=profile.pk).exists()
