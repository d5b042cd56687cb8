"""youth_register (through the real sign-up form) writes the welcome."""

from django.urls import reverse

from accounts.models import User
from accounts.reminders import WELCOME
from notifications.models import Message


def _signup(client, **overrides):
    data = {
        "name": "张三",
        "email": "new.person@example.com",
        "phone": "13900001111",
        "password1": "Xy7!kq-longpass",
        "password2": "Xy7!kq-longpass",
        "consent": "on",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_it_welcomes_a_new_youth_by_sms_and_in_the_inbox(
    client, db, sms_log, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    rows = {m.channel: m for m in Message.objects.filter(recipient=user)}
    assert set(rows) == {"sms", "inapp"}
    assert {m.kind for m in rows.values()} == {WELCOME.code}
    assert rows["sms"].key == f"welcome-{user.pk}:sms"
    assert rows["sms"].address == "13900001111"
    assert "张三" in rows["sms"].body
    assert rows["sms"].url.endswith(reverse("accounts:my_profile_edit"))
    assert rows["inapp"].status == Message.Status.SENT
    assert "张三" in rows["inapp"].body
    # After commit the text message went out through the gateway.
    assert rows["sms"].status == Message.Status.SENT
    assert sms_log() == [
        {"key": f"welcome-{user.pk}:sms", "phone": "13900001111", "text": rows["sms"].body}
    ]
    # The welcome is not e-mailed (only allauth's confirmation is).
    assert not any("X-Youthventure-Key" in m.extra_headers for m in mailoutbox)


def test_it_welcomes_a_youth_without_a_phone_only_in_the_inbox(
    client, db, sms_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, phone="")

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert list(Message.objects.filter(recipient=user).values_list("channel", flat=True)) == [
        "inapp"
    ]
    assert sms_log() == []


def test_it_writes_no_welcome_when_the_signup_is_refused(
    client, db, sms_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, consent="")

    assert response.status_code == 200
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert not Message.objects.exists()
    assert sms_log() == []


def test_it_writes_messages_in_the_language_the_youth_signed_up_in(client, db, settings):
    # The reminder settings page promises messages "in the language you use on the portal".
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Register now" in client.get(reverse("home")).content.decode()

    response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert user.language == "en"


def test_it_writes_messages_in_the_language_a_youth_switches_to(client, youth_a):
    client.force_login(youth_a)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    youth_a.refresh_from_db()
    assert youth_a.language == "en"
