"""The guidance desk's work queues: follow-ups due, cases waiting for a mediator, stale cases;
each staff member sees what is theirs or nobody's, in their part of the tree."""

import datetime

from django.urls import reverse
from django.utils import timezone

from guidance.models import Case, Consultation, Status
from guidance.services import (
    case_assign,
    case_note_add,
    consultation_create,
    consultation_follow_up_done,
)

from ..factories import StaffProfileFactory
from ..queues import held
from .conftest import make_case


def _consultation(actor, centre, days_ago):
    consultation = consultation_create(
        actor=actor, centre=centre, topic="career", summary="想找工作。"
    )
    due = timezone.localdate() - datetime.timedelta(days=days_ago)
    Consultation.objects.filter(pk=consultation.pk).update(follow_up_on=due)
    return consultation


def _quiet(case, days=20):
    Case.objects.filter(pk=case.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_follow_ups_due_are_the_ones_i_logged_or_nobody_did(
    town_staff, village_staff, other_town_staff, village_a1, village_b1, town_a
):
    colleague = StaffProfileFactory(centre=town_a).user
    mine = _consultation(town_staff, village_a1, days_ago=2)
    today = _consultation(town_staff, village_a1, days_ago=0)
    nobodys = _consultation(colleague, village_a1, days_ago=1)
    Consultation.objects.filter(pk=nobodys.pk).update(created_by=None)
    _consultation(colleague, village_a1, days_ago=3)  # a colleague's
    _consultation(town_staff, village_a1, days_ago=-2)  # not due yet
    theirs = _consultation(other_town_staff, village_b1, days_ago=1)

    assert held("guidance.follow_ups", town_staff) == [mine.pk, nobodys.pk, today.pk]
    assert held("guidance.follow_ups", other_town_staff) == [theirs.pk]
    assert held("guidance.follow_ups", village_staff) == [nobodys.pk]

    consultation_follow_up_done(consultation=mine, actor=town_staff)
    assert held("guidance.follow_ups", town_staff) == [nobodys.pk, today.pk]


def test_open_cases_without_a_mediator_wait_until_one_is_assigned(
    youth_a, youth_b, town_staff, other_town_staff, mediator_a
):
    case = make_case(youth_a)
    make_case(youth_a, mediator=mediator_a)
    elsewhere = make_case(youth_b)

    assert held("guidance.unassigned", town_staff) == [case.pk]
    assert held("guidance.unassigned", other_town_staff) == [elsewhere.pk]

    case_assign(case=case, mediator=mediator_a, actor=town_staff)
    assert held("guidance.unassigned", town_staff) == []


def test_stale_cases_are_mine_an_outside_mediators_or_nobodys_until_something_happens(
    youth_a, youth_b, town_staff, town_a, other_town_staff, mediator_a
):
    colleague = StaffProfileFactory(centre=town_a).user
    mine = make_case(youth_a, mediator=town_staff)
    outside = make_case(youth_a, mediator=mediator_a)
    nobodys = make_case(youth_a)
    colleagues = make_case(youth_a, mediator=colleague)
    resolved = make_case(youth_a, status=Status.RESOLVED)
    fresh = make_case(youth_a)
    elsewhere = make_case(youth_b)
    for case, days in ((mine, 30), (outside, 20), (nobodys, 15), (colleagues, 40)):
        _quiet(case, days)
    _quiet(resolved, 60)
    _quiet(elsewhere, 20)

    assert held("guidance.stale", town_staff) == [mine.pk, outside.pk, nobodys.pk]
    assert fresh.pk not in held("guidance.stale", town_staff)
    assert held("guidance.stale", other_town_staff) == [elsewhere.pk]
    assert held("guidance.stale", colleague) == [colleagues.pk, outside.pk, nobodys.pk]

    case_note_add(case=mine, actor=town_staff, text="已联系对方。", noted_on=timezone.localdate())
    assert mine.pk not in held("guidance.stale", town_staff)


def test_the_case_list_filters_to_the_same_cases(client, youth_a, town_staff, mediator_a):
    stale = make_case(youth_a, mediator=mediator_a)
    _quiet(stale)
    waiting = make_case(youth_a)
    client.force_login(town_staff)

    def listed(params):
        return [c.pk for c in client.get(reverse("guidance:cases"), params).context["page"]]

    assert listed({"stale": "true", "handler": "mine"}) == held("guidance.stale", town_staff)
    assert listed({"status": "open", "handler": "nobody"}) == [waiting.pk]
    assert client.get(reverse("guidance:cases"), {"handler": "<x>"}).status_code == 200
