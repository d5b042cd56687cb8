"""notify(): the outbox rows written with the change that causes them."""

import pytest
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.reminders import EMAIL_UNVERIFIED, PROFILE_INCOMPLETE, WELCOME
from notifications.models import Message, OptOut
from notifications.services import notify

URL = "http://testserver/me/profile/edit/"


def _notify(user, key="event-1", kind=PROFILE_INCOMPLETE.code, **kwargs):
    return notify(recipient=user, kind=kind, key=key, url=URL, **kwargs)


def _rows(user):
    return {m.channel: m for m in Message.objects.filter(recipient=user)}


def test_it_writes_one_row_per_channel(youth_a):
    keys = _notify(youth_a)

    rows = _rows(youth_a)
    assert sorted(keys) == ["event-1:email", "event-1:inapp", "event-1:sms"]
    assert set(rows) == {"email", "sms", "inapp"}
    assert rows["email"].address == "youth.a@example.com"
    assert rows["sms"].address == "13800000001"
    assert rows["inapp"].address == ""
    for channel in ("email", "sms", "inapp"):
        assert rows[channel].kind == PROFILE_INCOMPLETE.code
        assert rows[channel].url == URL
    assert URL in rows["email"].body and URL in rows["sms"].body
    # The inbox shows an "open" link beside the text instead of the address in it.
    assert URL not in rows["inapp"].body
    assert rows["email"].subject and rows["inapp"].subject
    assert rows["sms"].subject == ""


def test_it_leaves_email_and_sms_pending_and_writes_inapp_as_sent(youth_a):
    _notify(youth_a)

    rows = _rows(youth_a)
    for channel in ("email", "sms"):
        assert rows[channel].status == Message.Status.PENDING
        assert rows[channel].sent_at is None
        assert rows[channel].attempts == 0
    assert rows["inapp"].status == Message.Status.SENT
    assert rows["inapp"].sent_at is not None
    assert rows["inapp"].read_at is None


def test_it_writes_no_sms_for_a_user_without_a_phone(youth_a):
    youth_a.phone = None
    youth_a.save(update_fields=["phone"])

    keys = _notify(youth_a)

    assert sorted(keys) == ["event-1:email", "event-1:inapp"]
    assert set(_rows(youth_a)) == {"email", "inapp"}


def test_it_only_uses_the_channels_of_the_kind(youth_a):
    _notify(youth_a, kind=WELCOME.code)
    _notify(youth_a, kind=EMAIL_UNVERIFIED.code, key="event-2")

    channels = sorted(Message.objects.values_list("key", "channel"))
    assert channels == [
        ("event-1:inapp", "inapp"),
        ("event-1:sms", "sms"),
        ("event-2:email", "email"),
    ]


def test_it_writes_nothing_new_for_the_same_key_twice(youth_a):
    first = _notify(youth_a)
    before = list(Message.objects.order_by("pk").values_list("pk", "key", "status", "body"))

    second = _notify(youth_a)

    assert len(first) == 3
    assert second == []
    assert list(Message.objects.order_by("pk").values_list("pk", "key", "status", "body")) == before


def test_it_adds_only_the_missing_channel_when_a_key_is_repeated(youth_a):
    youth_a.phone = None
    youth_a.save(update_fields=["phone"])
    _notify(youth_a)
    youth_a.phone = "13800000001"
    youth_a.save(update_fields=["phone"])

    assert _notify(youth_a) == ["event-1:sms"]
    assert Message.objects.count() == 3


def test_it_renders_in_the_recipients_language(language_kind, youth_a, youth_b):
    youth_b.language = "en"
    youth_b.save(update_fields=["language"])

    with translation.override("en"):  # whatever the caller's language is
        _notify(youth_a, kind=language_kind.code, key="lang-a")
    with translation.override("zh-hans"):
        _notify(youth_b, kind=language_kind.code, key="lang-b")

    for message in _rows(youth_a).values():
        assert message.body == "zh-hans|立即注册", message.channel
    for message in _rows(youth_b).values():
        assert message.body == "en|Register now", message.channel
    assert _rows(youth_a)["email"].subject == "zh-hans|立即注册"
    assert _rows(youth_b)["email"].subject == "en|Register now"


def test_it_writes_the_real_messages_in_the_recipients_language(youth_a, youth_b):
    assert youth_a.language == "zh-hans"  # the default
    youth_b.language = "en"
    youth_b.save(update_fields=["language"])

    _notify(youth_a, key="zh")
    _notify(youth_b, key="en")

    zh, en = _rows(youth_a), _rows(youth_b)
    subject = "Your profile is not complete yet"
    assert en["email"].subject == subject
    assert en["email"].body.startswith("Hello Bob,")
    assert "your profile still misses some details" in en["email"].body
    assert en["sms"].body.startswith("[Youthventure] Your profile is not complete yet")
    assert zh["email"].subject == "您的资料尚未完善"
    assert zh["sms"].body.startswith("【青春创业】您的资料尚未完善")
    context = {"recipient": youth_a, "site_url": settings.SITE_URL, "url": URL}
    with translation.override("zh-hans"):
        expected_body = render_to_string(
            "notifications/messages/accounts.profile_incomplete/body.txt", context
        ).strip()
    assert zh["email"].body == expected_body
    with translation.override("zh-hans"):
        inbox_body = render_to_string(
            "notifications/messages/accounts.profile_incomplete/body.txt", {**context, "url": ""}
        ).strip()
    assert zh["inapp"].body == inbox_body
    assert URL not in inbox_body
    assert zh["inapp"].subject == "您的资料尚未完善"
    assert "个人资料还不完整" in zh["email"].body


def test_it_writes_nothing_for_an_optional_kind_the_user_opted_out_of(youth_a):
    assert PROFILE_INCOMPLETE.optional
    OptOut.objects.create(user=youth_a, kind=PROFILE_INCOMPLETE.code)

    assert _notify(youth_a) == []
    assert not Message.objects.exists()


def test_it_ignores_an_opt_out_of_a_mandatory_kind(youth_a, youth_b):
    assert not EMAIL_UNVERIFIED.optional
    OptOut.objects.create(user=youth_a, kind=EMAIL_UNVERIFIED.code)
    # An opt-out of another kind, or by another person, does not stop an optional one.
    OptOut.objects.create(user=youth_a, kind=WELCOME.code)
    OptOut.objects.create(user=youth_b, kind=PROFILE_INCOMPLETE.code)

    assert _notify(youth_a, kind=EMAIL_UNVERIFIED.code) == ["event-1:email"]
    assert len(_notify(youth_a, key="event-2")) == 3


def test_it_writes_and_sends_nothing_when_the_transaction_rolls_back(
    youth_a, sms_log, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert len(_notify(youth_a)) == 3
        assert Message.objects.count() == 3
        raise RuntimeError("the change that caused the message failed")

    assert callbacks == []
    assert not Message.objects.exists()
    assert sms_log() == []
    assert mailoutbox == []
