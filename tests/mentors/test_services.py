"""Matches and sessions through the services: every move, who may make it, the limits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import Entry
from mentors import services
from mentors.models import (
    MENTOR_FULL,
    YOUTH_HAS_MENTOR,
    Availability,
    CoachingSession,
    Match,
    MentoringWish,
    MentorProfile,
    SessionStatus,
    Status,
)
from notifications.models import Message

from ..factories import YouthProfileFactory
from .helpers import make_match, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(mentor, town_a):
    return make_mentor(user=mentor, centre=town_a, capacity=2)


def test_a_young_person_requests_and_the_mentor_accepts(youth_a, profile):
    match = services.match_request(youth=youth_a, mentor=profile, message="帮我看看商业计划")
    assert match.status == Status.REQUESTED
    assert match.centre == youth_a.youth_profile.home_centre
    assert Message.objects.filter(recipient=profile.user, kind="mentors.request_new").exists()

    services.match_accept(match=match, actor=profile.user)

    match.refresh_from_db()
    profile.refresh_from_db()
    assert match.status == Status.ACTIVE and match.accepted_at
    assert profile.active_count == 1
    assert [c.to_status for c in match.history.all()] == [Status.REQUESTED, Status.ACTIVE]
    assert Entry.objects.filter(action="mentor.match_moved").exists()


def test_only_the_mentor_accepts(youth_a, youth_b, profile, town_staff):
    match = services.match_request(youth=youth_a, mentor=profile, message="")
    for someone in (youth_a, youth_b, town_staff):
        with pytest.raises(ValidationError):
            services.match_accept(match=match, actor=someone)
    match.refresh_from_db()
    assert match.status == Status.REQUESTED
    assert MentorProfile.objects.get(pk=profile.pk).active_count == 0


def test_a_full_mentor_cannot_accept_and_nothing_changes(village_a1, profile):
    youths = [YouthProfileFactory(home_centre=village_a1).user for _ in range(3)]
    matches = [make_match(youth=y, mentor=profile) for y in youths]
    services.match_accept(match=matches[0], actor=profile.user)
    services.match_accept(match=matches[1], actor=profile.user)

    with pytest.raises(ValidationError) as error:
        services.match_accept(match=matches[2], actor=profile.user)

    assert error.value.messages == [str(MENTOR_FULL)]
    assert Match.objects.filter(mentor=profile, status=Status.ACTIVE).count() == 2
    assert MentorProfile.objects.get(pk=profile.pk).active_count == 2
    assert Match.objects.get(pk=matches[2].pk).status == Status.REQUESTED


def test_one_active_match_per_young_person(youth_a, profile, town_a):
    other = make_mentor(centre=town_a)
    first = make_match(youth=youth_a, mentor=profile)
    second = make_match(youth=youth_a, mentor=other)
    services.match_accept(match=first, actor=profile.user)
    # Accepting answered the other open request.
    assert Match.objects.get(pk=second.pk).status == Status.DECLINED
    with pytest.raises(ValidationError) as error:
        services.match_request(youth=youth_a, mentor=other, message="")
    assert error.value.messages == [str(YOUTH_HAS_MENTOR)]


def test_the_database_refuses_a_second_active_match(youth_a, profile, town_a):
    other = make_mentor(centre=town_a)
    make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(youth=youth_a, mentor=other, centre=profile.centre, status="active")


def test_the_database_refuses_a_load_above_capacity(profile):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MentorProfile.objects.filter(pk=profile.pk).update(active_count=3)


def test_an_expired_request_cannot_be_accepted(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, expires_at=timezone.now())
    with pytest.raises(ValidationError):
        services.match_accept(match=match, actor=profile.user)
    assert services.matches_expire() == [match]
    assert Match.objects.get(pk=match.pk).status == Status.EXPIRED


def test_either_side_ends_with_a_reason_and_the_place_is_freed(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    with pytest.raises(ValidationError):
        services.match_end(match=match, actor=youth_a, reason="  ")
    services.match_end(match=match, actor=youth_a, reason="项目暂停")
    match.refresh_from_db()
    assert (match.status, match.end_reason) == (Status.ENDED, "项目暂停")
    assert MentorProfile.objects.get(pk=profile.pk).active_count == 0
    assert Message.objects.filter(recipient=profile.user, kind="mentors.match_changed").exists()


def test_staff_out_of_scope_cannot_end(youth_a, profile, other_town_staff, town_staff):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    with pytest.raises(ValidationError):
        services.match_end(match=match, actor=other_town_staff, reason="x")
    services.match_end(match=match, actor=town_staff, reason="调整")
    assert Match.objects.get(pk=match.pk).status == Status.ENDED


def test_a_stale_move_is_refused(youth_a, profile):
    match = make_match(youth=youth_a, mentor=profile)
    with pytest.raises(ValidationError):
        services.match_accept(match=match, actor=profile.user, expected_status=Status.ACTIVE)


def test_staff_propose_in_scope_only(youth_a, youth_b, profile, town_staff):
    match = services.match_propose(actor=town_staff, youth=youth_a, mentor=profile)
    assert match.status == Status.PROPOSED and match.proposed_by == town_staff
    with pytest.raises(PermissionDenied):
        services.match_propose(actor=town_staff, youth=youth_b, mentor=profile)


def test_the_chief_mentor_reassigns(youth_a, profile, town_a):
    chief = make_mentor(centre=town_a, chief=True)
    new = make_mentor(centre=town_a)
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    with pytest.raises(PermissionDenied):
        services.match_reassign(match=match, actor=new.user, mentor=new, reason="x")

    proposal = services.match_reassign(match=match, actor=chief.user, mentor=new, reason="换导师")

    assert Match.objects.get(pk=match.pk).status == Status.ENDED
    assert (proposal.mentor, proposal.status) == (new, Status.PROPOSED)
    assert MentorProfile.objects.get(pk=profile.pk).active_count == 0


def test_sessions_are_planned_logged_and_confirmed(youth_a, youth_b, profile):
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    with pytest.raises(ValidationError):
        services.session_plan(
            match=match, actor=profile.user, starts_at=timezone.now(), mode="phone"
        )
    session = services.session_plan(
        match=match,
        actor=profile.user,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        mode="phone",
    )
    with pytest.raises(ValidationError):  # not held yet
        services.session_log(
            session=session,
            actor=profile.user,
            minutes=60,
            topics="t",
            notes="",
            next_steps="",
            private_notes="",
        )
    CoachingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    services.session_log(
        session=session,
        actor=profile.user,
        minutes=45,
        topics="定价",
        notes="讨论了定价",
        next_steps="做成本表",
        private_notes="需要更多信心",
    )
    assert Message.objects.filter(recipient=youth_a, kind="mentors.session_to_confirm").exists()
    with pytest.raises(ValidationError):
        services.session_confirm(session=session, actor=youth_b, rating=5)
    services.session_confirm(session=session, actor=youth_a, rating=4)
    session.refresh_from_db()
    assert (session.status, session.rating, session.minutes) == (SessionStatus.CONFIRMED, 4, 45)


def test_a_paused_mentor_is_not_in_the_directory(youth_a, profile):
    MentorProfile.objects.filter(pk=profile.pk).update(availability=Availability.PAUSED)
    profile.refresh_from_db()
    with pytest.raises(ValidationError):
        services.match_request(youth=youth_a, mentor=profile, message="")
    assert not Match.objects.exists()


def test_lowering_capacity_below_the_load_is_refused(mentor, profile, village_a1):
    make_match(
        youth=YouthProfileFactory(home_centre=village_a1).user, mentor=profile, status=Status.ACTIVE
    )
    make_match(
        youth=YouthProfileFactory(home_centre=village_a1).user, mentor=profile, status=Status.ACTIVE
    )
    with pytest.raises(ValidationError):
        services.mentor_profile_save(
            user=mentor,
            title="t",
            organisation="o",
            sectors=["food"],
            skills="s",
            service_centres=[],
            bio="",
            capacity=1,
            availability="open",
        )
    assert MentorProfile.objects.get(pk=profile.pk).capacity == 2


def test_a_wish_puts_the_young_person_on_the_waiting_list(youth_a, town_staff, profile):
    from mentors.selectors import waiting

    services.mentoring_wish_create(youth=youth_a, note="想学电商")
    assert [w.youth for w in waiting(town_staff)] == [youth_a]
    match = services.match_propose(actor=town_staff, youth=youth_a, mentor=profile)
    assert list(waiting(town_staff)) == []  # an open proposal: no longer waiting
    services.match_accept(match=match, actor=profile.user)
    assert not MentoringWish.objects.exists()
