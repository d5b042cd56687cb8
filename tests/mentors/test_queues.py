"""The mentoring work queues: young people waiting for a mentor, requests not answered,
matches with no session for 30 days."""

import datetime

from django.urls import reverse
from django.utils import timezone

from mentors.models import Match, Status
from mentors.services import match_accept, match_propose, mentoring_wish_create, session_plan

from ..queues import held
from .helpers import make_match, make_mentor


def test_young_people_wait_for_a_mentor_until_one_is_proposed(
    youth_a, youth_b, town_a, town_staff, other_town_staff
):
    wish = mentoring_wish_create(youth=youth_a, note="想学营销")
    other = mentoring_wish_create(youth=youth_b, note="")
    assert held("mentors.waiting", town_staff) == [wish.pk]
    assert held("mentors.waiting", other_town_staff) == [other.pk]

    match_propose(actor=town_staff, youth=youth_a, mentor=make_mentor(centre=town_a))
    assert held("mentors.waiting", town_staff) == []


def test_requests_wait_for_the_mentor_and_turn_red_after_three_days(
    youth_a, youth_b, town_a, town_b, town_staff, other_town_staff
):
    mentor = make_mentor(centre=town_a)
    old = make_match(youth=youth_a, mentor=mentor)
    Match.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    elsewhere = make_match(youth=youth_b, mentor=make_mentor(centre=town_b))

    assert held("mentors.requests", town_staff) == [old.pk]
    assert held("mentors.requests", other_town_staff) == [elsewhere.pk]

    match_accept(match=old, actor=mentor.user)
    assert held("mentors.requests", town_staff) == []


def test_active_matches_without_a_session_for_30_days_until_one_is_planned(
    client, youth_a, town_a, town_staff, other_town_staff
):
    mentor = make_mentor(centre=town_a)
    match = make_match(youth=youth_a, mentor=mentor, status=Status.ACTIVE)
    assert held("mentors.quiet", town_staff) == []  # started today

    Match.objects.filter(pk=match.pk).update(
        accepted_at=timezone.now() - datetime.timedelta(days=40)
    )
    assert held("mentors.quiet", town_staff) == [match.pk]
    assert held("mentors.quiet", other_town_staff) == []
    client.force_login(town_staff)
    listed = client.get(reverse("mentors:matches"), {"status": "active", "quiet": "on"})
    assert [m.pk for m in listed.context["page"]] == [match.pk]

    session_plan(
        match=match,
        actor=mentor.user,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        mode="phone",
    )
    assert held("mentors.quiet", town_staff) == []
