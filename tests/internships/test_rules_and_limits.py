"""The eligibility rule (shown and checked, adjustable by staff), places never exceeded and
one active placement per graduate; evaluations, leaving early and outcomes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from internships import eligibility
from internships.models import (
    ALREADY_PLACED,
    NO_PLACES_LEFT,
    Application,
    EligibilityRule,
    Evaluation,
    Outcome,
    Placement,
    PlacementStatus,
    Position,
    Status,
)
from internships.services import (
    OUTCOME_TOO_EARLY,
    application_create,
    application_transition,
    eligibility_rule_update,
    evaluation_file,
    placement_leave,
    placement_outcome_record,
    position_update,
)

from .helpers import application, graduate, make_eligible, placement, position_at, station_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def station(enterprise_contact):
    return station_for(enterprise_contact.partner_membership.enterprise)


@pytest.fixture
def position(station):
    return position_at(station, places=1)


# --- Eligibility ---


def test_a_recent_graduate_with_a_complete_profile_may_apply(youth_a, position):
    make_eligible(youth_a)
    assert eligibility.reasons(youth_a, today=TODAY()) == []
    made = application_create(youth=youth_a, position=position, motivation="I like it")
    assert made.status == Status.APPLIED
    assert made.graduation_year == TODAY().year - 1
    assert made.centre == youth_a.youth_profile.home_centre


@pytest.mark.parametrize(
    ("change", "words"),
    [
        # The reasons in the page's language (Chinese): each names what to do.
        ({"graduation_year": None}, "填写毕业年份"),
        ({"graduation_year": 2000}, "年及以后毕业"),
        ({"graduation_year": 2099}, "毕业后即可申请"),
        ({"education_level": "senior_secondary"}, "以下学历"),
        ({"hukou": ""}, "资料尚未完善"),
    ],
)
def test_an_ineligible_graduate_is_told_why_and_cannot_apply(youth_a, position, change, words):
    make_eligible(youth_a)
    profile = youth_a.youth_profile
    for field, value in change.items():
        setattr(profile, field, value)
    profile.save()
    found = eligibility.reasons(youth_a, today=TODAY())
    assert len(found) == 1 and words in found[0]
    with pytest.raises(ValidationError) as refused:
        application_create(youth=youth_a, position=position)
    assert words in str(refused.value)
    assert not Application.objects.exists()


def test_the_position_page_shows_the_reasons_before_applying(client, youth_a, position):
    client.force_login(youth_a)  # no graduation year in the cast
    page = client.get(reverse("internships:position", args=[position.pk])).content.decode()
    assert 'id="not-eligible"' in page
    assert "毕业年份" in page  # "Add your graduation year to your profile."
    assert reverse("internships:apply", args=[position.pk]) not in page
    make_eligible(youth_a)
    page = client.get(reverse("internships:position", args=[position.pk])).content.decode()
    assert 'id="eligible"' in page
    response = client.post(reverse("internships:apply", args=[position.pk]), {"motivation": "x"})
    made = Application.objects.get()
    assert response["Location"] == reverse("internships:application", args=[made.pk])


def test_staff_widen_the_rule_and_an_older_graduate_becomes_eligible(youth_a, district_staff):
    make_eligible(youth_a, year=TODAY().year - 4)
    assert eligibility.reasons(youth_a, today=TODAY())
    eligibility_rule_update(
        actor=district_staff,
        years_since_graduation=5,
        education_levels=["junior_college", "bachelor"],
        require_complete_profile=True,
    )
    assert eligibility.reasons(youth_a, today=TODAY()) == []
    assert EligibilityRule.current().years_since_graduation == 5


def test_only_coordinators_change_the_rule(town_staff):
    with pytest.raises(PermissionDenied):
        eligibility_rule_update(
            actor=town_staff,
            years_since_graduation=9,
            education_levels=["bachelor"],
            require_complete_profile=False,
        )
    assert EligibilityRule.current().years_since_graduation == 2


# --- Places ---


def test_the_last_place_goes_to_one_offer_only(position, village_a1, enterprise_contact):
    first, second = (
        application(position, graduate(village_a1, n), status=Status.SHORTLISTED) for n in (1, 2)
    )
    application_transition(
        application=first, to_status=Status.OFFERED, actor=enterprise_contact, start_date=TODAY()
    )
    with pytest.raises(ValidationError) as refused:
        application_transition(
            application=second,
            to_status=Status.OFFERED,
            actor=enterprise_contact,
            start_date=TODAY(),
        )
    assert str(NO_PLACES_LEFT) in str(refused.value)
    second.refresh_from_db()
    assert second.status == Status.SHORTLISTED
    assert Position.objects.get(pk=position.pk).places_taken == 1


def test_the_database_refuses_more_taken_than_places(position):
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(places_taken=2)


def test_places_cannot_drop_below_the_offers_made(position, village_a1, enterprise_contact):
    application(position, graduate(village_a1, 1), status=Status.OFFERED)
    position.refresh_from_db()
    with pytest.raises(ValidationError):
        position_update(position=position, actor=enterprise_contact, places=0)
    position_update(position=position, actor=enterprise_contact, places=4)
    assert Position.objects.get(pk=position.pk).places == 4


# --- One active placement ---


def test_a_graduate_cannot_accept_a_second_placement(station, youth_a, enterprise_contact):
    make_eligible(youth_a)
    held = placement(application(position_at(station), youth_a, status=Status.ACCEPTED))
    second = application(position_at(station, title="Clerk"), youth_a, status=Status.OFFERED)
    with pytest.raises(ValidationError) as refused:
        application_transition(application=second, to_status=Status.ACCEPTED, actor=youth_a)
    assert str(ALREADY_PLACED) in str(refused.value)
    second.refresh_from_db()
    assert second.status == Status.OFFERED
    assert list(Placement.objects.filter(youth=youth_a)) == [held]


def test_the_database_refuses_two_active_placements(station, youth_a):
    make_eligible(youth_a)
    placement(application(position_at(station), youth_a, status=Status.ACCEPTED))
    with pytest.raises(IntegrityError), transaction.atomic():
        placement(application(position_at(station, title="B"), youth_a, status=Status.ACCEPTED))


def test_after_leaving_early_a_new_placement_may_start(station, youth_a, enterprise_contact):
    make_eligible(youth_a)
    first = placement(
        application(position_at(station), youth_a, status=Status.ACCEPTED),
        start=TODAY() - datetime.timedelta(days=40),
    )
    placement_leave(placement=first, actor=enterprise_contact, left_on=TODAY(), reason="Moved")
    assert eligibility.reasons(youth_a, today=TODAY()) == []
    second = application(position_at(station, title="B"), youth_a, status=Status.OFFERED)
    application_transition(application=second, to_status=Status.ACCEPTED, actor=youth_a)
    assert Placement.objects.filter(youth=youth_a, status=PlacementStatus.ACTIVE).count() == 1


# --- Evaluations, leaving, outcome ---


@pytest.fixture
def active(station, youth_a):
    make_eligible(youth_a)
    return placement(
        application(position_at(station), youth_a, status=Status.ACCEPTED),
        start=TODAY() - datetime.timedelta(days=200),
    )


def test_the_host_files_each_evaluation_once(active, enterprise_contact):
    scores = {"attitude": 5, "skills": 4, "teamwork": 3, "comments": "Good"}
    evaluation_file(placement=active, actor=enterprise_contact, kind="midterm", **scores)
    with pytest.raises(ValidationError):
        evaluation_file(placement=active, actor=enterprise_contact, kind="midterm", **scores)
    assert Evaluation.objects.get().average == 4.0


@pytest.mark.parametrize("who", ["youth_a", "district_staff", "other_enterprise_contact"])
def test_only_the_host_evaluates(request, active, who):
    with pytest.raises(PermissionDenied):
        evaluation_file(
            placement=active,
            actor=request.getfixturevalue(who),
            kind="midterm",
            attitude=5,
            skills=5,
            teamwork=5,
        )
    assert not Evaluation.objects.exists()


def test_leaving_early_needs_a_day_within_the_placement(active, town_staff):
    with pytest.raises(ValidationError):
        placement_leave(
            placement=active, actor=town_staff, left_on=TODAY() + datetime.timedelta(1), reason="x"
        )
    placement_leave(placement=active, actor=town_staff, left_on=TODAY(), reason="Family")
    active.refresh_from_db()
    assert (active.status, active.leave_reason) == (PlacementStatus.LEFT_EARLY, "Family")


def test_the_outcome_comes_after_the_year(active, enterprise_contact, other_town_staff):
    with pytest.raises(ValidationError) as refused:
        placement_outcome_record(placement=active, actor=enterprise_contact, outcome="kept_on")
    assert str(OUTCOME_TOO_EARLY) in str(refused.value)
    Placement.objects.filter(pk=active.pk).update(end_date=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        placement_outcome_record(placement=active, actor=other_town_staff, outcome="kept_on")
    placement_outcome_record(placement=active, actor=enterprise_contact, outcome="kept_on")
    active.refresh_from_db()
    assert (active.status, active.outcome) == (PlacementStatus.COMPLETED, Outcome.KEPT_ON)
