"""Reminders: status changes to the graduate, interview tomorrow, evaluations due and overdue
to the host, a placement ending within 30 days to the intern and to staff of their centre."""

import datetime

import pytest
from django.utils import timezone

from internships.models import Evaluation, Status
from internships.reminders import (
    EVALUATION_DUE,
    EVALUATION_OVERDUE,
    INTERVIEW_TOMORROW,
    PLACEMENT_ENDING,
)
from internships.services import application_transition
from notifications.models import Message
from notifications.services import run_reminders

from .helpers import application, make_eligible, placement, position_at, station_for

pytestmark = pytest.mark.django_db


def _rows(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__email", "channel"))


@pytest.fixture
def station(enterprise_contact):
    return station_for(enterprise_contact.partner_membership.enterprise)


def test_the_graduate_hears_of_every_decision(station, youth_a, enterprise_contact):
    make_eligible(youth_a)
    subject = application(position_at(station), youth_a)
    application_transition(
        application=subject, to_status=Status.REJECTED, actor=enterprise_contact, reason="Full"
    )
    email = Message.objects.get(kind="internships.application_changed", channel="email")
    assert email.recipient == youth_a
    assert "Full" in email.body
    assert {m.channel for m in Message.objects.filter(recipient=youth_a)} == {
        "email",
        "sms",
        "inapp",
    }


def test_interview_tomorrow(station, youth_a):
    make_eligible(youth_a)
    now = timezone.now()
    tomorrow = timezone.localtime(now) + datetime.timedelta(days=1)
    application(
        position_at(station),
        youth_a,
        status=Status.INTERVIEW,
        interview_at=tomorrow,
        interview_place="Room 3",
    )
    written = run_reminders(now=now)
    assert written[INTERVIEW_TOMORROW.code] == 1
    assert ("youth.a@example.com", "sms") in _rows(INTERVIEW_TOMORROW.code)
    run_reminders(now=now)  # once only
    assert Message.objects.filter(kind=INTERVIEW_TOMORROW.code, channel="sms").count() == 1


def test_evaluations_due_and_overdue_go_to_the_host(station, youth_a, youth_b, enterprise_contact):
    make_eligible(youth_a)
    today = timezone.localdate()
    # youth_a's mid-term falls due in a week; youth_b's passed a month ago.
    due = placement(
        application(position_at(station), youth_a, status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=175),
    )
    late = placement(
        application(position_at(station, title="B"), youth_b, status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=220),
    )
    written = run_reminders()
    assert written[EVALUATION_DUE.code] == 1
    assert written[EVALUATION_OVERDUE.code] == 1
    assert _rows(EVALUATION_DUE.code) == [
        ("contact@enterprise.example.com", "email"),
        ("contact@enterprise.example.com", "inapp"),
    ]
    assert Message.objects.get(kind=EVALUATION_DUE.code, channel="email").url.endswith(
        f"/internships/placements/{due.pk}/"
    )
    assert Message.objects.get(kind=EVALUATION_OVERDUE.code, channel="email").url.endswith(
        f"/internships/placements/{late.pk}/"
    )
    # Once filed, nothing more is sent about it.
    Evaluation.objects.create(placement=late, kind="midterm", attitude=4, skills=4, teamwork=4)
    Message.objects.all().delete()
    assert run_reminders()[EVALUATION_OVERDUE.code] == 0


def test_a_placement_ending_within_30_days(station, youth_a, village_staff):
    make_eligible(youth_a)
    today = timezone.localdate()
    placement(
        application(position_at(station), youth_a, status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=350),
    )
    written = run_reminders()
    assert written[PLACEMENT_ENDING.code] == 2
    recipients = {email for email, _channel in _rows(PLACEMENT_ENDING.code)}
    assert recipients == {"youth.a@example.com", "village@example.com"}
