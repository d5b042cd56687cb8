"""Periodic reminders: run_reminders() and the send_reminders command."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import YouthProfile
from accounts.reminders import EMAIL_UNVERIFIED, PROFILE_INCOMPLETE
from notifications.models import Message, OptOut
from notifications.services import run_reminders

from ..factories import UserFactory


@pytest.fixture
def now():
    return timezone.now()


def _registered(user, days_ago, now):
    YouthProfile.objects.filter(user=user).update(created_at=now - timedelta(days=days_ago))


def _incomplete(user):
    YouthProfile.objects.filter(user=user).update(education_level="")


def _unverified(user, joined_days_ago, now):
    EmailAddress.objects.filter(user=user).update(verified=False)
    type(user).objects.filter(pk=user.pk).update(date_joined=now - timedelta(days=joined_days_ago))


def _rows(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__email", "channel"))


# --- profile incomplete ------------------------------------------------------------------


def test_it_reminds_a_youth_whose_profile_is_still_incomplete_after_two_weeks(youth_a, now):
    _incomplete(youth_a)
    _registered(youth_a, 15, now)

    written = run_reminders(now=now)

    assert written[EMAIL_UNVERIFIED.code] == 0
    assert written[PROFILE_INCOMPLETE.code] == 1
    assert sum(written.values()) == 1  # no other app found anything due
    assert _rows(PROFILE_INCOMPLETE.code) == [
        ("youth.a@example.com", "email"),
        ("youth.a@example.com", "inapp"),
        ("youth.a@example.com", "sms"),
    ]
    email = Message.objects.get(kind=PROFILE_INCOMPLETE.code, channel="email")
    assert email.url == settings.SITE_URL + reverse("accounts:my_profile_edit")
    assert email.url in email.body


def test_it_reminds_about_an_incomplete_profile_only_once(youth_a, now):
    _incomplete(youth_a)
    _registered(youth_a, 15, now)
    run_reminders(now=now)

    again = run_reminders(now=now + timedelta(days=1))

    assert again[PROFILE_INCOMPLETE.code] == 0
    assert Message.objects.filter(kind=PROFILE_INCOMPLETE.code).count() == 3


def test_it_does_not_remind_about_a_complete_profile(youth_a, now):
    assert youth_a.youth_profile.is_complete
    _registered(youth_a, 15, now)

    assert run_reminders(now=now)[PROFILE_INCOMPLETE.code] == 0
    assert not Message.objects.exists()


def test_it_does_not_remind_before_two_weeks(youth_a, now):
    _incomplete(youth_a)
    _registered(youth_a, 13, now)

    assert run_reminders(now=now)[PROFILE_INCOMPLETE.code] == 0
    assert not Message.objects.exists()


def test_it_does_not_remind_a_youth_who_opted_out(youth_a, youth_b, now):
    for youth in (youth_a, youth_b):
        _incomplete(youth)
        _registered(youth, 15, now)
    OptOut.objects.create(user=youth_a, kind=PROFILE_INCOMPLETE.code)

    assert run_reminders(now=now)[PROFILE_INCOMPLETE.code] == 1
    assert {email for email, _ in _rows(PROFILE_INCOMPLETE.code)} == {"youth.b@example.com"}


def test_it_does_not_remind_a_deactivated_youth(youth_a, now):
    _incomplete(youth_a)
    _registered(youth_a, 15, now)
    type(youth_a).objects.filter(pk=youth_a.pk).update(is_active=False)

    assert run_reminders(now=now)[PROFILE_INCOMPLETE.code] == 0


# --- e-mail address not confirmed ---------------------------------------------------------


def test_it_sends_one_confirmation_reminder_to_an_unverified_address(
    youth_a, youth_b, now, mailoutbox
):
    _unverified(youth_a, 4, now)
    _unverified(youth_b, 2, now)  # too early

    written = run_reminders(now=now)

    assert written[EMAIL_UNVERIFIED.code] == 1
    assert _rows(EMAIL_UNVERIFIED.code) == [("youth.a@example.com", "email")]
    assert run_reminders(now=now + timedelta(days=1))[EMAIL_UNVERIFIED.code] == 1  # youth_b now
    assert Message.objects.filter(kind=EMAIL_UNVERIFIED.code, recipient=youth_a).count() == 1


def test_it_does_not_remind_a_verified_address(youth_a, now):
    type(youth_a).objects.filter(pk=youth_a.pk).update(date_joined=now - timedelta(days=30))

    assert run_reminders(now=now)[EMAIL_UNVERIFIED.code] == 0


def _confirmation_path(body: str) -> str:
    urls = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", body)
    assert len(urls) == 1, body
    return urlsplit(urls[0]).path


def test_it_emails_a_confirmation_link_that_works(
    client, db, now, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="late@example.com", name="Late")
    _unverified(user, 4, now)

    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(now=now)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["late@example.com"]
    assert email.extra_headers["X-Youthventure-Key"].startswith("email-unverified-")
    path = _confirmation_path(email.body)

    page = client.get(path)
    assert page.status_code == 200
    assert page.context["confirmation"].email_address.email == "late@example.com"
    assert not EmailAddress.objects.get(user=user).verified

    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # Confirmed: no more reminders.
    assert run_reminders(now=now + timedelta(days=5))[EMAIL_UNVERIFIED.code] == 0


# --- the management command -------------------------------------------------------------


def test_it_prints_what_the_command_wrote_and_sends_it(youth_a, youth_b, now, sms_log, mailoutbox):
    _incomplete(youth_a)
    _registered(youth_a, 15, now)
    _unverified(youth_b, 4, now)
    out = StringIO()

    call_command("send_reminders", stdout=out)

    lines = out.getvalue().splitlines()
    assert "accounts.email_unverified: 1 new" in lines
    assert "accounts.profile_incomplete: 1 new" in lines
    assert lines[-1] == "queued: 3"
    assert all(line.endswith(": 0 new") for line in lines if line.startswith("projects."))
    assert [line["key"] for line in sms_log()] == [
        f"profile-incomplete-{youth_a.youth_profile.pk}:sms"
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["youth.a@example.com", "youth.b@example.com"]
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()

    out = StringIO()
    call_command("send_reminders", stdout=out)
    lines = out.getvalue().splitlines()
    assert all(line.endswith(": 0 new") for line in lines[:-1])
    assert lines[-1] == "queued: 0"
    assert len(mailoutbox) == 2
    assert len(sms_log()) == 1
