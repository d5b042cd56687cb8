"""No one learns from the portal whether another person is registered.

A sign-up with a new e-mail address and one with a registered address or mobile number get
the same status, redirect and page, after about as long (the registered paths hash the
password too); the owner of the address or number is told through the outbox. The profile
form, which must say "already registered", answers about a rationed number of numbers an hour
and records each such answer in the audit log.
"""

import re
import statistics
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from accounts.models import User, YouthProfile
from accounts.reminders import SIGNUP_ATTEMPT
from audit.models import Entry
from notifications.models import Message

from ..factories import make_national_id

PASSWORD = "Xy7!kq-longpass"
REGISTERED_EMAIL = "youth.a@example.com"  # youth_a's
REGISTERED_PHONE = "13800000001"  # youth_a's

# (e-mail, mobile) of each path; {i} makes the new ones new on every round.
PATHS = {
    "new e-mail, new mobile": ("new{i}@example.com", "1391234{i:04d}"),
    "registered e-mail, new mobile": (REGISTERED_EMAIL, "1371234{i:04d}"),
    "new e-mail, registered mobile": ("other{i}@example.com", REGISTERED_PHONE),
    "registered e-mail and mobile": (REGISTERED_EMAIL, REGISTERED_PHONE),
}
# What differs between two renderings of one page whoever signs up.
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), "CSRF"),
    (re.compile(r'nonce="[^"]*"'), "NONCE"),
]


def _sign_up(client, path: str, i: int = 0):
    email, phone = (template.format(i=i) for template in PATHS[path])
    data = {
        "name": "陈明",
        "email": email,
        "phone": phone,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    return client.post(reverse("account_signup"), data), email


def _page(client, response, email: str) -> str:
    html = client.get(response["Location"]).content.decode()
    # The page names the address the visitor typed: theirs, whichever path it took.
    html = html.replace(email, "EMAIL")
    for pattern, placeholder in VOLATILE:
        html = pattern.sub(placeholder, html)
    return html


def test_every_sign_up_gets_the_same_status_redirect_and_page(client, youth_a):
    answers = {}
    for path in PATHS:
        client.cookies.clear()
        cache.clear()  # the sign-up rate limit
        response, email = _sign_up(client, path)
        answers[path] = (response.status_code, response["Location"], _page(client, response, email))

    new = answers["new e-mail, new mobile"]
    assert new[:2] == (302, reverse("account_email_verification_sent"))
    for path, answer in answers.items():
        assert answer[:2] == new[:2], path
        assert answer[2] == new[2], path


def test_a_registered_e_mail_makes_nothing_and_its_owner_is_told(client, youth_a, mailoutbox):
    _sign_up(client, "registered e-mail, new mobile")

    assert User.objects.count() == 1
    assert not User.objects.with_phone("13712340000").exists()
    notice = Message.objects.get(kind=SIGNUP_ATTEMPT.code)
    assert (notice.recipient, notice.channel, notice.address) == (youth_a, "email", youth_a.email)
    assert notice.url.endswith(reverse("account_reset_password"))
    # Through the outbox (not allauth's own mail), only to the owner, and within the request
    # (not after it, as outbox messages usually are), as a new address's confirmation is.
    assert notice.status == Message.Status.SENT
    assert [m.to for m in mailoutbox] == [[youth_a.email]]
    entry = Entry.objects.get(action="account.signup_repeated")
    assert (entry.target_id, entry.data) == (str(youth_a.pk), {"channel": "email"})


def test_a_registered_mobile_is_left_off_the_new_account_and_its_owner_is_told(
    client, youth_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, "new e-mail, registered mobile")

    new = User.objects.get(email="other0@example.com")
    assert new.phone is None
    assert YouthProfile.objects.filter(user=new).exists()
    notice = Message.objects.get(kind=SIGNUP_ATTEMPT.code)
    assert (notice.recipient, notice.channel, notice.address) == (youth_a, "sms", REGISTERED_PHONE)
    assert notice.status == Message.Status.SENT
    # The new account gets no welcome text (it has no number), only the in-app one.
    assert not Message.objects.filter(recipient=new, channel="sms").exists()


def test_both_registered_tell_the_owner_on_both_channels_once_a_day(client, youth_a):
    for _ in range(3):
        client.cookies.clear()
        cache.clear()
        _sign_up(client, "registered e-mail and mobile")

    notices = Message.objects.filter(kind=SIGNUP_ATTEMPT.code, recipient=youth_a)
    assert sorted(notices.values_list("channel", flat=True)) == ["email", "sms"]
    assert Entry.objects.filter(action="account.signup_repeated").count() == 6


def test_a_registered_e_mail_or_mobile_does_not_answer_faster(client, youth_a, settings):
    """Median times within a factor of 1.5, with the production hasher (Argon2).

    Rounds interleave the paths, so that a busy spell of the machine slows all of them.
    (Registered e-mail and mobile together is the registered e-mail path plus a text.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    rounds = 15
    timed = [
        "new e-mail, new mobile",
        "registered e-mail, new mobile",
        "new e-mail, registered mobile",
    ]
    times = {path: [] for path in timed}
    for i in range(-1, rounds):  # round -1 warms up and is not counted
        for path in timed:
            client.cookies.clear()
            cache.clear()
            started = time.perf_counter()
            response, _ = _sign_up(client, path, i + 1)
            elapsed = time.perf_counter() - started
            assert response.status_code == 302, path
            if i >= 0:
                times[path].append(elapsed)

    medians = {path: statistics.median(t) for path, t in times.items()}
    shown = ", ".join(f"{path}: {m * 1000:.0f} ms" for path, m in medians.items())
    print(f"\nmedian sign-up times: {shown}")
    assert max(medians.values()) < 1.5 * min(medians.values()), shown


# --- the profile form: rationed, audited answers -------------------------------------------


def _free_number(i: int) -> str:
    return f"1590000{i:04d}"


@pytest.fixture
def edit(client, youth_a, youth_b, village_a1):
    """Post youth_a's profile form with some values changed; returns {field: [error codes]}."""
    client.force_login(youth_a)
    profile = youth_a.youth_profile

    def post(**changes):
        data = {
            "name": "Alice",
            "phone": youth_a.phone,
            "national_id": profile.national_id,
            "gender": "female",
            "education_level": "bachelor",
            "employment_status": "seeking",
            "hukou": "rural",
            "home_centre": str(village_a1.pk),
            **changes,
        }
        response = client.post(reverse("accounts:my_profile_edit"), data)
        if response.status_code == 302:
            return {}
        errors = response.context["form"].errors.as_data()
        return {field: [e.code for e in found] for field, found in errors.items()}

    return post


def test_a_mobile_number_of_another_account_is_refused_and_audited(edit, youth_a, youth_b):
    assert edit(phone=youth_b.phone) == {"phone": ["taken"]}

    youth_a.refresh_from_db()
    assert youth_a.phone == REGISTERED_PHONE
    entry = Entry.objects.get(action="youth.identifier_refused")
    assert (entry.actor, entry.target_id) == (youth_a, str(youth_a.pk))
    assert entry.data == {"field": "phone"}  # never the number


def test_an_id_number_of_another_account_is_refused_and_audited(edit, youth_b):
    taken = youth_b.youth_profile.national_id

    assert edit(national_id=taken, date_of_birth="") == {"national_id": ["taken"]}
    entry = Entry.objects.get(action="youth.identifier_refused")
    assert entry.data == {"field": "national_id"}
    assert taken not in str(list(Entry.objects.values()))


def test_keeping_ones_own_numbers_asks_nothing(edit):
    for _ in range(services.IDENTIFIER_CHECKS_PER_HOUR + 2):
        assert edit() == {}
    assert not Entry.objects.filter(action__startswith="youth.identifier").exists()
    assert edit(phone=_free_number(1)) == {}


def test_past_ten_numbers_an_hour_every_new_number_gets_the_same_refusal(
    edit, youth_a, youth_b, monkeypatch
):
    # Answers about free numbers count too (here the form fails on another field, so
    # nothing is saved and the visitor only learned the number is free).
    for i in range(services.IDENTIFIER_CHECKS_PER_HOUR):
        assert edit(phone=_free_number(i), hukou="") == {"hukou": ["required"]}

    # The eleventh number: the same refusal whether it is someone's or no one's.
    assert edit(phone=youth_b.phone) == {"phone": ["throttled"]}
    assert edit(phone=_free_number(99)) == {"phone": ["throttled"]}
    other_id = make_national_id(801)
    assert edit(national_id=other_id, date_of_birth="") == {"national_id": ["throttled"]}
    # A number already answered is answered again, at no cost.
    assert edit(phone=_free_number(3)) == {}
    youth_a.refresh_from_db()
    assert youth_a.phone == _free_number(3)

    # Audited: the throttling once (not once per refusal), and no "already registered".
    assert Entry.objects.filter(action="youth.identifier_checks_throttled").count() == 1
    assert not Entry.objects.filter(action="youth.identifier_refused").exists()

    # An hour later, answers again.
    later = time.time() + services.IDENTIFIER_CHECK_WINDOW + 1
    monkeypatch.setattr(services.time, "time", lambda: later)
    assert edit(phone=youth_b.phone) == {"phone": ["taken"]}


def test_the_ration_is_per_person(edit, client, youth_a, youth_b, village_b1):
    for i in range(services.IDENTIFIER_CHECKS_PER_HOUR + 1):
        edit(phone=_free_number(i), hukou="")
    assert edit(phone=_free_number(50)) == {"phone": ["throttled"]}

    client.force_login(youth_b)
    data = {
        "name": "Bob",
        "phone": youth_a.phone,
        "national_id": youth_b.youth_profile.national_id,
        "gender": "female",
        "education_level": "bachelor",
        "employment_status": "seeking",
        "hukou": "rural",
        "home_centre": str(village_b1.pk),
    }
    response = client.post(reverse("accounts:my_profile_edit"), data)
    codes = [e.code for e in response.context["form"].errors.as_data()["phone"]]
    assert codes == ["taken"]
