"""The internship station's work queues: applications awaiting the station, placements ending
within 30 days, evaluations overdue."""

import datetime

from django.urls import reverse
from django.utils import timezone

from internships.models import Status
from internships.services import application_transition, evaluation_file, placement_leave

from ..factories import EnterpriseFactory
from ..queues import held
from .helpers import application, graduate, placement, position_at, station_for

SCORES = {"attitude": 4, "skills": 4, "teamwork": 4}


def _stations(enterprise_contact, town_b):
    mine = station_for(enterprise_contact.partner_membership.enterprise)
    theirs = station_for(EnterpriseFactory(centre=town_b, name="乙实习基地"))
    return position_at(mine), position_at(theirs)


def test_applications_wait_for_the_station_until_it_answers(
    enterprise_contact, youth_a, village_a1, village_b1, town_b, town_staff, other_town_staff
):
    position, other_position = _stations(enterprise_contact, town_b)
    waiting = application(position, graduate(village_a1, 1))
    application(position, graduate(village_a1, 2), status=Status.SHORTLISTED)
    theirs = application(other_position, graduate(village_b1, 3))

    assert held("internships.applied", town_staff) == [waiting.pk]
    assert held("internships.applied", other_town_staff) == [theirs.pk]

    application_transition(
        application=waiting, to_status=Status.SHORTLISTED, actor=enterprise_contact
    )
    assert held("internships.applied", town_staff) == []


def test_placements_ending_within_30_days_and_evaluations_overdue(
    client, enterprise_contact, village_a1, village_b1, town_b, town_staff, other_town_staff
):
    position, other_position = _stations(enterprise_contact, town_b)
    today = timezone.localdate()
    ending = placement(
        application(position, graduate(village_a1, 1), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=350),
    )
    running = placement(application(position, graduate(village_a1, 2), status=Status.ACCEPTED))
    late = placement(
        application(position, graduate(village_a1, 3), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=200),
    )
    theirs = placement(
        application(other_position, graduate(village_b1, 4), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=355),
    )

    assert held("internships.ending", town_staff) == [ending.pk]
    assert held("internships.ending", other_town_staff) == [theirs.pk]
    # Both passed mid-term without an evaluation; the one ending soonest is the oldest.
    assert held("internships.evaluation_overdue", town_staff) == [ending.pk, late.pk]
    assert running.pk not in held("internships.evaluation_overdue", town_staff)
    client.force_login(town_staff)
    listed = client.get(reverse("internships:placements"), {"attention": "overdue"})
    assert [p.pk for p in listed.context["page"]] == [ending.pk, late.pk]

    evaluation_file(placement=late, actor=enterprise_contact, kind="midterm", **SCORES)
    assert held("internships.evaluation_overdue", town_staff) == [ending.pk]
    placement_leave(placement=ending, actor=town_staff, left_on=today, reason="找到工作")
    assert held("internships.ending", town_staff) == []
    assert held("internships.evaluation_overdue", town_staff) == []
