"""The inbox, the reminder settings and the staff message list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import StaffProfile
from accounts.reminders import EMAIL_UNVERIFIED, PROFILE_INCOMPLETE, WELCOME
from notifications.models import Message, OptOut
from notifications.services import notify

from ..factories import MessageFactory, StaffProfileFactory

INBOX = reverse("notifications:inbox")
INBOX_READ = reverse("notifications:inbox_read")
PREFERENCES = reverse("notifications:preferences")
MESSAGES = reverse("notifications:message_list")


def _resend_url(message):
    return reverse("notifications:message_resend", args=[message.pk])


# --- inbox -------------------------------------------------------------------------------


@pytest.fixture
def inbox_messages(youth_a, youth_b):
    """Two in-app messages for youth_a (plus their e-mail and SMS twins), one for youth_b."""
    notify(recipient=youth_a, kind=PROFILE_INCOMPLETE.code, key="one", url="http://x/1")
    notify(recipient=youth_a, kind=WELCOME.code, key="two", url="http://x/2")
    notify(recipient=youth_b, kind=WELCOME.code, key="three", url="http://x/3")
    return Message.objects.filter(channel="inapp")


def _badge(html: str) -> str | None:
    link = re.search(r'<a class="nav-link" href="/me/inbox/">(.*?)</a>', html, re.S)
    assert link, "no inbox link in the navigation"
    count = re.search(r'<span class="badge[^"]*">(\d+)<', link.group(1))
    return count.group(1) if count else None


def test_it_lists_only_the_users_own_inapp_messages(client, youth_a, inbox_messages):
    client.force_login(youth_a)

    response = client.get(INBOX)

    assert response.status_code == 200
    shown = list(response.context["page"])
    assert {m.key for m in shown} == {"one:inapp", "two:inapp"}
    html = response.content.decode()
    for message in shown:
        assert message.subject in html
    assert "three:" not in html and "Bob" not in html


def test_it_shows_the_unread_count_in_the_navigation(client, youth_a, inbox_messages):
    client.force_login(youth_a)

    html = client.get(reverse("home"), follow=True).content.decode()

    assert _badge(html) == "2"


def test_it_marks_the_inbox_read(client, youth_a, youth_b, inbox_messages):
    client.force_login(youth_a)

    response = client.post(INBOX_READ)

    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert not Message.objects.filter(recipient=youth_a, channel="inapp", read_at=None).exists()
    # Other people's messages, and other channels, are left alone.
    assert Message.objects.get(recipient=youth_b, channel="inapp").read_at is None
    assert Message.objects.filter(recipient=youth_a, channel="sms", read_at=None).count() == 2
    html = client.get(INBOX).content.decode()
    assert _badge(html) is None


def test_it_refuses_to_mark_read_by_get(client, youth_a, inbox_messages):
    client.force_login(youth_a)

    assert client.get(INBOX_READ).status_code == 405
    assert Message.objects.filter(recipient=youth_a, read_at=None, channel="inapp").count() == 2


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    for url in (INBOX, PREFERENCES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(INBOX_READ)
    assert response.status_code == 302


# --- reminder settings -------------------------------------------------------------------


def _save_preferences(client, enabled):
    # A browser always sends the submit button (and the CSRF token) along with the boxes.
    return client.post(PREFERENCES, {"enabled": enabled, "submit": "Save"})


def test_it_shows_optional_reminders_switched_on_by_default(client, youth_a):
    client.force_login(youth_a)

    form = client.get(PREFERENCES).context["form"]

    assert [code for code, _ in form.fields["enabled"].choices] == [PROFILE_INCOMPLETE.code]
    assert form.initial["enabled"] == [PROFILE_INCOMPLETE.code]


def test_it_saves_an_opt_out(client, youth_a, youth_b):
    client.force_login(youth_a)

    response = _save_preferences(client, [])

    assert response.status_code == 302
    assert list(OptOut.objects.values_list("user", "kind")) == [
        (youth_a.pk, PROFILE_INCOMPLETE.code)
    ]
    form = client.get(PREFERENCES).context["form"]
    assert form.initial["enabled"] == []


def test_it_switches_an_optional_reminder_back_on(client, youth_a):
    OptOut.objects.create(user=youth_a, kind=PROFILE_INCOMPLETE.code)
    client.force_login(youth_a)

    response = _save_preferences(client, [PROFILE_INCOMPLETE.code])

    assert response.status_code == 302
    assert not OptOut.objects.exists()


def test_it_does_not_let_anyone_opt_out_of_a_mandatory_kind(client, youth_a):
    client.force_login(youth_a)

    # Posting a mandatory kind is refused by the form, and saves nothing.
    response = _save_preferences(client, [EMAIL_UNVERIFIED.code])
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not OptOut.objects.exists()
    # Leaving everything unticked opts out of the optional kind only.
    _save_preferences(client, [])
    assert set(OptOut.objects.values_list("kind", flat=True)) == {PROFILE_INCOMPLETE.code}
    # And the mandatory messages are still written.
    assert notify(recipient=youth_a, kind=EMAIL_UNVERIFIED.code, key="k") == ["k:email"]
    assert len(notify(recipient=youth_a, kind=WELCOME.code, key="w")) == 2


def test_it_drops_a_stray_opt_out_of_a_mandatory_kind_on_save(client, youth_a):
    OptOut.objects.create(user=youth_a, kind=WELCOME.code)
    client.force_login(youth_a)

    _save_preferences(client, [PROFILE_INCOMPLETE.code])

    assert not OptOut.objects.exists()


# --- staff message list ------------------------------------------------------------------


@pytest.fixture
def staff_messages(youth_a, youth_b):
    now = timezone.now()
    return {
        "a_failed": MessageFactory(
            recipient=youth_a,
            address=youth_a.phone,
            status=Message.Status.FAILED,
            attempts=5,
            last_error="ConnectionError: down",
        ),
        "a_sent": MessageFactory(
            recipient=youth_a,
            channel=Message.Channel.EMAIL,
            address=youth_a.email,
            status=Message.Status.SENT,
            sent_at=now,
        ),
        "b_failed": MessageFactory(
            recipient=youth_b,
            address=youth_b.phone,
            status=Message.Status.FAILED,
            attempts=5,
        ),
    }


def _listed(client, **params):
    response = client.get(MESSAGES, params)
    assert response.status_code == 200
    return {m.pk for m in response.context["page"]}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("village_staff", {"a_failed", "a_sent"}),
        ("town_staff", {"a_failed", "a_sent"}),
        ("other_town_staff", {"b_failed"}),
        ("district_staff", {"a_failed", "a_sent", "b_failed"}),
    ],
)
def test_it_lists_only_the_messages_in_the_staff_members_scope(
    client, cast, staff_messages, who, expected
):
    client.force_login(cast[who])

    assert _listed(client) == {staff_messages[name].pk for name in expected}


def test_it_lists_messages_to_staff_in_scope(client, town_staff, village_staff, other_town_staff):
    to_village = MessageFactory(recipient=village_staff)
    to_other_town = MessageFactory(recipient=other_town_staff)
    client.force_login(town_staff)

    assert _listed(client) == {to_village.pk}
    assert to_other_town.pk not in _listed(client)


@pytest.mark.parametrize("who", ["youth_a", "youth_b"])
def test_it_hides_the_message_list_from_youth(client, cast, staff_messages, who):
    client.force_login(cast[who])

    assert client.get(MESSAGES).status_code == 404
    assert client.post(_resend_url(staff_messages["a_failed"])).status_code == 404


def test_it_filters_by_status_and_channel(client, district_staff, staff_messages):
    client.force_login(district_staff)
    pk = {name: m.pk for name, m in staff_messages.items()}

    assert _listed(client, status="failed") == {pk["a_failed"], pk["b_failed"]}
    assert _listed(client, status="sent") == {pk["a_sent"]}
    assert _listed(client, status="pending") == set()
    assert _listed(client, channel="email") == {pk["a_sent"]}
    assert _listed(client, status="failed", channel="email") == set()
    assert _listed(client, kind=WELCOME.code) == set(pk.values())
    assert _listed(client, kind=PROFILE_INCOMPLETE.code) == set()


def test_it_masks_phone_numbers_for_officers(client, town_staff, staff_messages):
    client.force_login(town_staff)

    html = client.get(MESSAGES).content.decode()

    assert "138****0001" in html
    assert "13800000001" not in html


def test_it_masks_phone_numbers_even_for_the_coordinator(client, district_staff, staff_messages):
    # Full numbers are only shown on a young person's page, on request, and logged.
    client.force_login(district_staff)

    html = client.get(MESSAGES).content.decode()

    assert "13800000001" not in html
    assert "138****0001" in html


def test_it_requeues_a_failed_message_in_scope(
    client, town_staff, staff_messages, counting_gateway, django_capture_on_commit_callbacks
):
    message = staff_messages["a_failed"]
    client.force_login(town_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(message))

    assert response.status_code == 302
    assert response["Location"] == MESSAGES
    message.refresh_from_db()
    assert counting_gateway == [("13800000001", "test", message.key)]
    assert message.status == Message.Status.SENT
    assert message.attempts == 1


def test_it_requeues_without_sending_before_commit(client, town_staff, staff_messages):
    message = staff_messages["a_failed"]
    client.force_login(town_staff)

    client.post(_resend_url(message))

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.PENDING, 0)


def test_it_refuses_to_resend_a_message_out_of_scope(
    client, other_town_staff, staff_messages, counting_gateway, django_capture_on_commit_callbacks
):
    message = staff_messages["a_failed"]
    client.force_login(other_town_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(message))

    assert response.status_code == 404
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.FAILED, 5)
    assert counting_gateway == []


def test_it_refuses_to_resend_a_sent_message(
    client, town_staff, staff_messages, counting_gateway, django_capture_on_commit_callbacks
):
    message = staff_messages["a_sent"]
    client.force_login(town_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(message), follow=True)

    assert response.status_code == 200
    flashed = [str(m) for m in response.context["messages"]]
    assert len(flashed) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert counting_gateway == []


def test_it_refuses_to_resend_by_get(client, town_staff, staff_messages):
    client.force_login(town_staff)

    assert client.get(_resend_url(staff_messages["a_failed"])).status_code == 405


# --- query count -------------------------------------------------------------------------


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MESSAGES)
    assert response.status_code == 200
    return len(queries)


def _make_messages(count, recipients):
    for n in range(count):
        recipient = recipients[n % len(recipients)]
        MessageFactory(
            recipient=recipient,
            address=recipient.phone,
            status=Message.Status.FAILED if n % 3 == 0 else Message.Status.PENDING,
            attempts=n % 6,
            last_error="boom" if n % 3 == 0 else "",
        )


@pytest.mark.parametrize("role", [StaffProfile.Role.OFFICER, StaffProfile.Role.COORDINATOR])
def test_message_list_queries_do_not_grow_with_rows(client, district, youth_a, youth_b, role):
    staff = StaffProfileFactory(centre=district, role=role).user
    client.force_login(staff)
    client.get(MESSAGES)  # the first request after sign-in saves the session
    _make_messages(5, [youth_a, youth_b])
    with_5 = _list_queries(client)
    _make_messages(195, [youth_a, youth_b])
    with_200 = _list_queries(client)

    assert Message.objects.count() == 200
    assert with_5 == with_200
    # session, the user with roles, centre and unread messages, count, page of rows.
    assert with_200 == 4, with_200


def test_it_escapes_message_text_in_the_inbox(client, youth_a):
    type(youth_a).objects.filter(pk=youth_a.pk).update(name="<script>alert(1)</script>")
    youth_a.refresh_from_db()
    notify(recipient=youth_a, kind=WELCOME.code, key="w", url="http://x/")
    client.force_login(youth_a)

    html = client.get(INBOX).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reminder_settings_offer_only_reminders_that_can_reach_the_person(
    client, youth_a, village_staff, mentor
):
    from notifications.registry import optional_for

    assert [k.code for k in optional_for(youth_a)] == ["accounts.profile_incomplete"]
    client.force_login(youth_a)
    assert "accounts.profile_incomplete" in client.get("/me/reminders/").content.decode()

    for person in (village_staff, mentor):
        assert optional_for(person) == []
        client.force_login(person)
        page = client.get("/me/reminders/").content.decode()
        assert "accounts.profile_incomplete" not in page
        assert 'type="checkbox"' not in page
