"""Codes by text message (accounts/sms_codes.py) and the flows built on them: registering with
a mobile number alone, signing in with a code, a new password by code, registration drives."""

import datetime
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts import sms_codes
from accounts.drives import drive_create
from accounts.models import Drive, SmsCode, User
from audit.models import Entry
from notifications.models import Message

from ..factories import YouthProfileFactory
from ..notifications import gateways

PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _counting_gateway(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.CountingGateway"
    gateways.calls.clear()
    yield
    gateways.calls.clear()


def last_code(phone=PHONE) -> str:
    texts = [text for number, text, _key in gateways.calls if number == phone]
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def send(phone=PHONE, purpose=SmsCode.Purpose.SIGNUP):
    sms_codes.code_send(phone=phone, purpose=purpose)


def check(code, phone=PHONE, purpose=SmsCode.Purpose.SIGNUP):
    sms_codes.code_check(phone=phone, purpose=purpose, code=code)


def test_a_code_works_once_and_is_stored_only_hashed(db, caplog):
    caplog.set_level(logging.DEBUG)
    send()
    code = last_code()

    check(code)

    with pytest.raises(sms_codes.ValidationError):  # reused
        check(code)
    row = SmsCode.objects.values().get()
    assert code not in str(row) and PHONE not in str(row)
    assert all(code not in m.body for m in Message.objects.all())
    assert all(code not in str(e.data) + e.path for e in Entry.objects.all())
    assert code not in caplog.text


def test_an_expired_code_is_refused(db):
    send()
    code = last_code()
    SmsCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(sms_codes.ValidationError) as refused:
        check(code)
    assert refused.value.code == "expired"


def test_five_wrong_tries_end_the_code(db):
    send()
    code = last_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        with pytest.raises(sms_codes.ValidationError) as refused:
            check(wrong)
        assert refused.value.code == "wrong"
    with pytest.raises(sms_codes.ValidationError) as refused:
        check(wrong)
    assert refused.value.code == "too_many_tries"
    with pytest.raises(sms_codes.ValidationError):
        check(code)  # even the right one, now


def test_a_code_for_another_number_or_purpose_is_refused(db):
    send()
    code = last_code()
    with pytest.raises(sms_codes.ValidationError):
        check(code, phone="13912345679")
    with pytest.raises(sms_codes.ValidationError):
        check(code, purpose=SmsCode.Purpose.LOGIN)
    check(code)  # still good for what it was sent for


def test_sending_is_limited_per_number_and_per_address(db, monkeypatch):
    send()
    with pytest.raises(sms_codes.ValidationError) as refused:
        send()
    assert refused.value.code == "too_soon"
    assert sms_codes.seconds_until_resend(PHONE, SmsCode.Purpose.SIGNUP) > 50
    for _ in range(4):
        SmsCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
        send()
    SmsCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    with pytest.raises(sms_codes.ValidationError) as refused:
        send()
    assert refused.value.code == "too_many_number"
    assert len(gateways.calls) == 5


def test_a_registered_number_gets_no_registration_code_and_the_page_says_the_same(client, youth_a):
    new = client.post(reverse("accounts:phone_signup"), {"phone": "13912340000"})
    registered = Client().post(reverse("accounts:phone_signup"), {"phone": youth_a.phone})

    assert new.status_code == registered.status_code == 302
    assert new["Location"] == registered["Location"]
    assert not any(number == youth_a.phone and re.search(r"\b\d{6}\b", text)
                   for number, text, _ in gateways.calls)  # fmt: skip


def _register(client, phone, name="陈小明", **extra):
    client.post(reverse("accounts:phone_signup"), {"phone": phone})
    client.post(reverse("accounts:phone_signup_code"), {"code": last_code(phone)})
    return client.post(
        reverse("accounts:phone_signup_details"),
        {"name": name, "password1": "Phone-first-2026", "password2": "Phone-first-2026",
         "consent": "on", **extra},
    )  # fmt: skip


def test_a_young_person_registers_with_a_mobile_number_alone(client, db):
    response = _register(client, PHONE)

    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:my_profile_edit"
    )
    user = User.objects.with_phone(PHONE).get()
    assert user.email is None and user.phone_verified_at is not None
    assert user.youth_profile.consent_given_at is not None

    # ...and signs in again with the number and password (no e-mail to confirm)...
    fresh = Client()
    signed_in = fresh.post(
        reverse("account_login"), {"login": PHONE, "password": "Phone-first-2026"}
    )
    assert signed_in.status_code == 302
    assert fresh.get(reverse("accounts:my_profile")).status_code == 200

    # ...or with a code.
    by_code = Client()
    by_code.post(reverse("accounts:login_code"), {"phone": PHONE})
    by_code.post(reverse("accounts:login_code_enter"), {"code": last_code()})
    assert by_code.get(reverse("accounts:my_profile")).status_code == 200


def test_a_new_password_by_text_message(client, youth_a):
    client.post(reverse("accounts:reset_sms"), {"phone": youth_a.phone})
    client.post(reverse("accounts:reset_sms_code"), {"code": last_code(youth_a.phone)})
    response = client.post(
        reverse("accounts:reset_sms_new"),
        {"password1": "Brand-new-2026", "password2": "Brand-new-2026"},
    )
    assert response.status_code == 302
    youth_a.refresh_from_db()
    assert youth_a.check_password("Brand-new-2026")


def test_an_unknown_number_gets_no_sign_in_code_and_the_same_answer(client, youth_a):
    known = client.post(reverse("accounts:login_code"), {"phone": youth_a.phone})
    unknown = Client().post(reverse("accounts:login_code"), {"phone": "13912349999"})
    assert known["Location"] == unknown["Location"]
    assert [number for number, _text, _key in gateways.calls] == [youth_a.phone]


def test_staff_do_not_sign_in_with_a_code(client, village_staff):
    village_staff.phone = "13955550000"
    village_staff.save()
    client.post(reverse("accounts:login_code"), {"phone": "13955550000"})
    response = client.post(reverse("accounts:login_code_enter"), {"code": last_code("13955550000")})
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session


def test_100_sign_ups_from_one_address_through_an_event_link_and_100_without(
    db, district_staff, village_a1
):
    drive = drive_create(
        created_by=district_staff, name="青年创业论坛", date=datetime.date.today(),
        centre=village_a1, capacity=100,
    )  # fmt: skip
    address = {"REMOTE_ADDR": "10.1.2.3"}
    for i in range(100):
        visitor = Client(**address)
        visitor.get(reverse("accounts:drive_entry", args=[drive.token]))
        response = _register(visitor, f"1390000{i:04d}", name="参会青年")
        assert response.status_code == 302, i
    drive.refresh_from_db()
    assert drive.registered == 100 == drive.registrations.count()
    assert User.objects.with_phone("13900000000").get().youth_profile.home_centre == village_a1

    refused = 0
    for i in range(100):
        response = Client(**address).post(
            reverse("accounts:phone_signup"), {"phone": f"1380000{i:04d}"}
        )
        if response.status_code == 200:
            refused += 1
            assert escape(str(sms_codes.SEND_TOO_MANY_ADDRESS)) in response.content.decode()
    assert refused == 100 - sms_codes.PER_ADDRESS_PER_HOUR


def test_a_full_drive_takes_no_more_registrations(client, district_staff, village_a1):
    drive = drive_create(
        created_by=district_staff, name="宣讲会", date=datetime.date.today(), centre=village_a1,
        capacity=1,
    )  # fmt: skip
    client.get(reverse("accounts:drive_entry", args=[drive.token]))
    _register(client, PHONE)
    assert Drive.objects.get().registered == 1
    assert Client().get(reverse("accounts:drive_entry", args=[drive.token])).status_code == 410


def test_registered_people_with_an_email_address_still_confirm_it(client, village_a1):
    YouthProfileFactory(user__email="has.mail@example.com", home_centre=village_a1)
    _register(client, PHONE, email="new.person@example.com")
    user = User.objects.with_phone(PHONE).get()
    assert user.email == "new.person@example.com"
    assert not user.emailaddress_set.get().verified
