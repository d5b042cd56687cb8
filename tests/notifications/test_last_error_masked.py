"""Gateway errors name the address they refused; staff see them masked, in the list and in the
stored row (and so does the log)."""

import smtplib

import pytest
from django.urls import reverse

from accounts.reminders import PROFILE_INCOMPLETE
from core.masking import mask_contacts
from notifications import services
from notifications.models import Message
from notifications.services import notify

from ..factories import MessageFactory
from . import gateways


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (
            "SMTPRecipientsRefused: {'bob.smith@example.com': (550, b'5.1.1 "
            "<bob.smith@example.com>: Recipient address rejected')}",
            "SMTPRecipientsRefused: {'b***@example.com': (550, b'5.1.1 "
            "<b***@example.com>: Recipient address rejected')}",
        ),
        ("refused 13800000001 (quota)", "refused 138****0001 (quota)"),
        ("refused +86 138 0000 0001", "refused 138****0001"),
        ("to=008613912345678,key=welcome-4:sms", "to=139****5678,key=welcome-4:sms"),
        ("ID 33010220000101123X rejected", "ID 3301**********123X rejected"),
        ("张三@公司.cn", "张***@公司.cn"),
        # What is not an address or a number is left as it is.
        ("ConnectionError: SMS provider unreachable", "ConnectionError: SMS provider unreachable"),
        ("timeout after 12345678901234567890 ms", "timeout after 12345678901234567890 ms"),
        ("", ""),
        (None, ""),
    ],
)
def test_addresses_and_numbers_in_free_text_are_masked(raw, masked):
    assert mask_contacts(raw) == masked


def test_a_refused_number_is_stored_masked(
    youth_a, counting_gateway, django_capture_on_commit_callbacks, caplog
):
    def refuse(phone, text, key):
        raise ConnectionError(f"gateway refused {phone}")

    gateways.hooks.append(refuse)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=youth_a, kind=PROFILE_INCOMPLETE.code, key="e1", channels=["sms"])

    sms = Message.objects.get(channel="sms")
    assert sms.last_error == "ConnectionError: gateway refused 138****0001"
    assert "13800000001" not in caplog.text


def test_a_refused_address_is_stored_masked(
    youth_a, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*, address, subject, body, key):
        raise smtplib.SMTPRecipientsRefused({address: (550, f"<{address}> unknown".encode())})

    monkeypatch.setattr(services, "send_email", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=youth_a, kind=PROFILE_INCOMPLETE.code, key="e2", channels=["email"])

    email = Message.objects.get(channel="email")
    assert youth_a.email not in email.last_error
    assert "y***@example.com" in email.last_error


def test_the_staff_list_masks_errors_stored_before(client, district_staff, youth_a):
    MessageFactory(
        recipient=youth_a,
        address=youth_a.phone,
        status=Message.Status.FAILED,
        attempts=5,
        last_error="ConnectionError: 13800000001 youth.a@example.com refused",
    )
    client.force_login(district_staff)
    html = client.get(reverse("notifications:message_list")).content.decode()
    assert "138****0001 y***@example.com refused" in html
    assert "13800000001" not in html and "youth.a@example.com refused" not in html
