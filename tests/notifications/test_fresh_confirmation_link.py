"""The "confirm your e-mail address" reminder signs a new link at each send: a retry, or staff
sending it again days later, never carries a link that has expired meanwhile."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import signing
from django.urls import resolve
from django.utils import timezone

from accounts.reminders import EMAIL_UNVERIFIED
from notifications.models import Message
from notifications.services import deliver, message_resend, run_reminders

from ..factories import UserFactory

LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def _key(url: str) -> str:
    return resolve(urlsplit(url).path).kwargs["key"]


@pytest.fixture
def unverified(db):
    now = timezone.now()
    user = UserFactory(email="late@example.com", name="Late")
    EmailAddress.objects.filter(user=user).update(verified=False)
    type(user).objects.filter(pk=user.pk).update(date_joined=now - timedelta(days=4))
    return user


@pytest.fixture
def signed_days_ago(monkeypatch):
    """Links signed while this is set carry a time stamp so many days back."""

    def sign_at(days: float):
        stamp = signing.b62_encode(int(timezone.now().timestamp() - days * 86400))
        monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: stamp)

    yield sign_at
    monkeypatch.undo()


def test_staff_sending_a_failed_reminder_again_send_a_fresh_link(
    unverified, signed_days_ago, mailoutbox, django_capture_on_commit_callbacks
):
    # Written (and failed) four days ago: its link has expired since (allauth: three days).
    signed_days_ago(4)
    with django_capture_on_commit_callbacks(execute=False):
        run_reminders()
    message = Message.objects.get(kind=EMAIL_UNVERIFIED.code)
    stale = _key(message.url)
    assert stale in message.body
    Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED, attempts=5)
    signed_days_ago(0)
    assert EmailConfirmationHMAC.from_key(stale) is None

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)

    assert len(mailoutbox) == 1
    [sent_link] = LINK.findall(mailoutbox[0].body)
    fresh = _key(sent_link)
    assert fresh != stale
    assert EmailConfirmationHMAC.from_key(fresh).email_address.email == "late@example.com"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.url == sent_link and fresh in message.body and stale not in message.body


def test_the_fresh_link_confirms_the_address(
    client, unverified, signed_days_ago, mailoutbox, django_capture_on_commit_callbacks
):
    signed_days_ago(4)
    with django_capture_on_commit_callbacks(execute=False):
        run_reminders()
    message = Message.objects.get(kind=EMAIL_UNVERIFIED.code)
    Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED)
    signed_days_ago(0)
    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)

    [link] = LINK.findall(mailoutbox[0].body)
    client.post(urlsplit(link).path)
    assert EmailAddress.objects.get(user=unverified).verified


def test_an_address_confirmed_meanwhile_gets_the_message_as_written(
    unverified, mailoutbox, django_capture_on_commit_callbacks
):
    """(It was due when written; the link then says the address is confirmed.)"""
    with django_capture_on_commit_callbacks(execute=False):
        run_reminders()
    message = Message.objects.get(kind=EMAIL_UNVERIFIED.code)
    EmailAddress.objects.filter(user=unverified).update(verified=True)

    deliver([message.pk])

    assert mailoutbox[0].body == message.body
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
