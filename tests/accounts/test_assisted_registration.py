"""Assisted registration at the desk (accounts/assisted.py): staff register a young person
without a smartphone; the young person consents by reading out the code of a text message, or
by signing the paper form staff upload; the account has no password, and the young person signs
in (and sets a password) by text message code later."""

import io
import re

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from accounts import assisted, sms_codes
from accounts.assisted_views import ALREADY_REGISTERED_HERE
from accounts.models import ConsentMethod, SmsCode, User, YouthProfile
from accounts.privacy import erasure_carry_out, erasure_request
from accounts.services import PHONE_TAKEN
from accounts.timeline import ASSISTED
from audit.models import Entry
from notifications.models import Message

from ..factories import pdf_bytes
from ..notifications import gateways

PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _counting_gateway(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.CountingGateway"
    gateways.calls.clear()
    yield
    gateways.calls.clear()


def texts_to(phone=PHONE) -> list[str]:
    return [text for number, text, _key in gateways.calls if number == phone]


def last_code(phone=PHONE) -> str:
    return re.search(r"\b(\d{6})\b", texts_to(phone)[-1]).group(1)


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def image_bytes(fmt: str, size=(1200, 1700), **save_kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (250, 250, 250)).save(out, format=fmt, **save_kwargs)
    return out.getvalue()


def form_data(centre, **extra) -> dict:
    return {
        "name": "王小红",
        "phone": PHONE,
        "home_centre": centre.pk,
        "language": "zh-hans",
        "consent_method": ConsentMethod.SMS_CODE,
        **extra,
    }


def paper(content: bytes, name="form.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


@pytest.fixture
def desk(client, village_staff):
    client.force_login(village_staff)
    return client


# --- consent by a code the young person reads out ---------------------------------------------


def test_consent_by_code_registers_the_young_person_without_a_password(
    desk, village_staff, village_a1
):
    response = desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    assert response["Location"] == reverse("accounts:assisted_register_code")
    assert not User.objects.with_phone(PHONE).exists()  # nothing before the code
    # The text says what agreeing means and where the policy is.
    [text] = texts_to()
    assert reverse("accounts:privacy") in text

    page = desk.get(reverse("accounts:assisted_register_code"))
    assert page.status_code == 200 and "139****5678" in page.content.decode()

    response = desk.post(reverse("accounts:assisted_register_code"), {"code": last_code()})

    user = User.objects.with_phone(PHONE).get()
    profile = user.youth_profile
    assert response["Location"] == reverse("accounts:youth_detail", args=[profile.pk])
    assert user.name == "王小红" and not user.has_usable_password() and user.email is None
    assert user.phone_verified_at is not None  # the code reached this number
    assert profile.home_centre == village_a1
    assert profile.consent_method == ConsentMethod.SMS_CODE
    assert profile.assisted_by == village_staff
    assert profile.consent_given_at is not None and profile.consent_policy_version
    entry = Entry.objects.get(action="youth.registered_assisted")
    assert entry.actor == village_staff and entry.target_id == str(profile.pk)
    assert entry.data == {"consent": "sms_code"}
    # The welcome message goes to the young person; the code is in no message or audit row.
    assert Message.objects.filter(recipient=user, kind="accounts.welcome").exists()
    code = last_code()
    assert all(code not in m.body for m in Message.objects.all())
    assert all(code not in str(e.data) + e.path for e in Entry.objects.all())
    # The youth page names how consent was given.
    detail = desk.get(reverse("accounts:youth_detail", args=[profile.pk])).content.decode()
    with translation.override("zh-hans"):
        assert escape(str(ASSISTED[ConsentMethod.SMS_CODE])) in detail


def test_a_wrong_code_registers_no_one_and_five_end_the_code(desk, village_a1):
    desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    code = last_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        response = desk.post(reverse("accounts:assisted_register_code"), {"code": wrong})
        assert response.status_code == 200
    assert escape(str(sms_codes.CODE_TOO_MANY_TRIES)) in response.content.decode()
    # Even the right code no longer works, and nobody was registered.
    desk.post(reverse("accounts:assisted_register_code"), {"code": code})
    assert not User.objects.with_phone(PHONE).exists()


def test_a_code_sent_for_something_else_is_no_consent(desk, village_a1):
    desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    # A sign-up code to the same number (the young person starting on their own, say).
    sms_codes.SmsCode.objects.update(
        created_at=sms_codes.timezone.now() - sms_codes.RESEND_AFTER * 2
    )
    sms_codes.code_send(phone=PHONE, purpose=SmsCode.Purpose.SIGNUP)
    signup_code = last_code()
    desk.post(reverse("accounts:assisted_register_code"), {"code": signup_code})
    assert not User.objects.with_phone(PHONE).exists()


def test_the_code_step_without_a_registration_waiting_goes_back_to_the_form(desk):
    response = desk.post(reverse("accounts:assisted_register_code"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:assisted_register")
    assert not User.objects.with_phone(PHONE).exists()


def test_another_staff_member_cannot_finish_a_registration_begun_by_someone_else(
    desk, town_staff, village_a1
):
    desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    desk.force_login(town_staff)  # the same browser, someone else signed in
    response = desk.post(reverse("accounts:assisted_register_code"), {"code": last_code()})
    assert response.status_code == 302
    assert not User.objects.with_phone(PHONE).exists()


def test_a_resend_waits_for_the_countdown(desk, village_a1):
    desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    response = desk.post(reverse("accounts:assisted_register_code"), {"resend": "1"}, follow=True)
    assert len(texts_to()) == 1
    assert "seconds" in response.content.decode() or "秒" in response.content.decode()


def test_consent_codes_a_staff_member_sends_are_limited(desk, village_a1, monkeypatch):
    monkeypatch.setattr(assisted, "CODES_PER_STAFF_PER_HOUR", 2)
    for phone in ("13912340001", "13912340002"):
        desk.post(reverse("accounts:assisted_register"), form_data(village_a1, phone=phone))
    response = desk.post(
        reverse("accounts:assisted_register"), form_data(village_a1, phone="13912340003")
    )
    assert response.status_code == 200
    assert escape(str(assisted.TOO_MANY_CODES)) in response.content.decode()
    assert not texts_to("13912340003")


def test_the_desk_is_not_held_to_the_per_address_limit(desk, village_a1):
    for i in range(sms_codes.PER_ADDRESS_PER_HOUR + 2):
        response = desk.post(
            reverse("accounts:assisted_register"), form_data(village_a1, phone=f"1391234{i:04d}")
        )
        assert response.status_code == 302, i


# --- consent by the signed paper form ---------------------------------------------------------


def test_consent_by_a_signed_pdf(desk, village_staff, village_a1, settings):
    response = desk.post(
        reverse("accounts:assisted_register"),
        form_data(
            village_a1, consent_method=ConsentMethod.PAPER_FORM, consent_form=paper(pdf_bytes())
        ),
    )
    profile = YouthProfile.objects.get(
        user__phone_hash=User.objects.with_phone(PHONE).get().phone_hash
    )
    assert response["Location"] == reverse("accounts:youth_detail", args=[profile.pk])
    assert texts_to() == [] or not re.search(r"\b\d{6}\b", " ".join(texts_to()))  # no code
    assert profile.consent_method == ConsentMethod.PAPER_FORM
    assert profile.assisted_by == village_staff
    assert re.fullmatch(r"consent/[0-9a-f]{32}\.pdf", profile.consent_form.name)
    assert not profile.user.has_usable_password()
    assert profile.user.phone_verified_at is None  # nothing proved the number yet
    assert Entry.objects.get(action="youth.registered_assisted").data == {"consent": "paper_form"}

    # Served to staff in scope (through the youth page's link), each look audited.
    detail = desk.get(reverse("accounts:youth_detail", args=[profile.pk])).content.decode()
    url = reverse("accounts:consent_form", args=[profile.pk])
    assert url in detail
    served = desk.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == pdf_bytes()
    assert Entry.objects.filter(action="youth.consent_form_viewed").count() == 1
    # ...never from /media/, and not to the young person's own page.
    assert desk.get(settings.MEDIA_URL + profile.consent_form.name).status_code != 200
    own = Client()
    own.force_login(profile.user)
    assert own.get(url).status_code == 404
    assert url not in own.get(reverse("accounts:my_profile")).content.decode()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_scan_is_accepted_and_re_encoded(desk, village_a1, fmt):
    content = image_bytes(fmt) + b"appended secrets"
    upload = paper(content, name=f"scan.{fmt.lower()}", content_type=f"image/{fmt.lower()}")
    desk.post(
        reverse("accounts:assisted_register"),
        form_data(village_a1, consent_method=ConsentMethod.PAPER_FORM, consent_form=upload),
    )
    profile = User.objects.with_phone(PHONE).get().youth_profile
    assert profile.consent_form.name.endswith(".jpg")
    stored = profile.consent_form.read()
    assert b"appended secrets" not in stored
    assert Image.open(io.BytesIO(stored)).format == "JPEG"


def _encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_FILES = {
    "text named .pdf": (lambda: paper(b"just some text"), assisted.CONSENT_FORM_BAD),
    "pdf header, no pdf": (
        lambda: paper(b"%PDF-1.7\n garbage " * 50),
        assisted.CONSENT_FORM_UNREADABLE,
    ),
    "pdf with a password": (lambda: paper(_encrypted_pdf()), assisted.CONSENT_FORM_ENCRYPTED),
    "gif": (
        lambda: paper(image_bytes("GIF", size=(40, 40)), "f.gif", "image/gif"),
        assisted.CONSENT_FORM_BAD,
    ),
    "broken jpeg": (
        lambda: paper(b"\xff\xd8\xff\xe0" + b"\x00" * 500, "f.jpg", "image/jpeg"),
        assisted.CONSENT_FORM_UNREADABLE,
    ),
    "over 10 MB": (
        lambda: paper(pdf_bytes(padding=assisted.CONSENT_FORM_MAX_BYTES)),
        assisted.CONSENT_FORM_TOO_LARGE,
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_consent_form_is_refused_and_nothing_is_written(desk, village_a1, settings, case):
    make, message = BAD_FILES[case]
    response = desk.post(
        reverse("accounts:assisted_register"),
        form_data(village_a1, consent_method=ConsentMethod.PAPER_FORM, consent_form=make()),
    )
    assert response.status_code == 200
    assert escape(str(message)) in response.content.decode()
    assert not User.objects.with_phone(PHONE).exists()
    assert media_files(settings) == []
    assert not Entry.objects.filter(action="youth.registered_assisted").exists()


def test_the_paper_form_needs_its_file(desk, village_a1):
    response = desk.post(
        reverse("accounts:assisted_register"),
        form_data(village_a1, consent_method=ConsentMethod.PAPER_FORM),
    )
    assert escape(str(assisted.CONSENT_FORM_REQUIRED)) in response.content.decode()
    assert not User.objects.with_phone(PHONE).exists()
    assert gateways.calls == []


# --- nobody without consent, nobody outside one's scope ----------------------------------------


def test_the_service_registers_no_one_without_consent(village_staff, village_a1):
    common = {"assisted_by": village_staff, "phone": PHONE, "name": "王小红",
              "home_centre": village_a1, "language": "zh-hans"}  # fmt: skip
    with pytest.raises(ValidationError):
        assisted.youth_register_assisted(**common, consent_method=ConsentMethod.SELF)
    with pytest.raises(ValidationError):
        assisted.youth_register_assisted(**common, consent_method=ConsentMethod.PAPER_FORM)
    with pytest.raises(ValidationError):  # no code was ever sent
        assisted.youth_register_assisted(
            **common, consent_method=ConsentMethod.SMS_CODE, code="123456"
        )
    assert not User.objects.with_phone(PHONE).exists()


def test_staff_register_only_for_their_centre_and_below(
    client, village_staff, village_b1, town_a, youth_a
):
    with pytest.raises(PermissionDenied):
        assisted.youth_register_assisted(
            assisted_by=village_staff, phone=PHONE, name="王小红", home_centre=town_a,
            language="zh-hans", consent_method=ConsentMethod.PAPER_FORM,
            consent_form=assisted.process_consent_form(paper(pdf_bytes())),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        assisted.youth_register_assisted(
            assisted_by=youth_a, phone=PHONE, name="王小红", home_centre=village_b1,
            language="zh-hans", consent_method=ConsentMethod.PAPER_FORM,
            consent_form=assisted.process_consent_form(paper(pdf_bytes())),
        )  # fmt: skip
    client.force_login(village_staff)
    response = client.post(reverse("accounts:assisted_register"), form_data(village_b1))
    assert response.status_code == 200 and gateways.calls == []
    assert not User.objects.with_phone(PHONE).exists()


def test_someone_registered_in_ones_own_area_is_pointed_to(desk, youth_a, village_a1):
    response = desk.post(
        reverse("accounts:assisted_register"), form_data(village_a1, phone=youth_a.phone)
    )
    assert response.status_code == 200
    assert escape(str(ALREADY_REGISTERED_HERE)) in response.content.decode()
    assert gateways.calls == []
    assert User.objects.with_phone(youth_a.phone).count() == 1


def test_a_number_registered_elsewhere_looks_like_a_new_one_and_gets_no_code(
    desk, youth_b, village_a1
):
    new = desk.post(reverse("accounts:assisted_register"), form_data(village_a1))
    desk.session.pop("assisted_registration", None)
    registered = desk.post(
        reverse("accounts:assisted_register"), form_data(village_a1, phone=youth_b.phone)
    )
    assert new.status_code == registered.status_code == 302
    assert new["Location"] == registered["Location"]
    assert not any(re.search(r"\b\d{6}\b", text) for text in texts_to(youth_b.phone))
    # Its owner is told someone tried (through the outbox), as at a sign-up.
    assert Message.objects.filter(recipient=youth_b, kind="accounts.signup_attempt").exists()
    # No code, so no registration.
    desk.post(reverse("accounts:assisted_register_code"), {"code": "123456"})
    assert User.objects.with_phone(youth_b.phone).count() == 1


def test_a_paper_form_for_a_number_registered_elsewhere_is_refused_rationed(
    desk, youth_b, village_a1, settings
):
    response = desk.post(
        reverse("accounts:assisted_register"),
        form_data(
            village_a1,
            phone=youth_b.phone,
            consent_method=ConsentMethod.PAPER_FORM,
            consent_form=paper(pdf_bytes()),
        ),
    )
    assert response.status_code == 200
    assert escape(str(PHONE_TAKEN)) in response.content.decode()
    assert Entry.objects.filter(action="youth.identifier_refused").count() == 1
    assert User.objects.with_phone(youth_b.phone).count() == 1
    assert media_files(settings) == []


# --- later: signing in and a password by text message ------------------------------------------


def _register_by_paper(client, centre):
    client.post(
        reverse("accounts:assisted_register"),
        form_data(centre, consent_method=ConsentMethod.PAPER_FORM, consent_form=paper(pdf_bytes())),
    )
    return User.objects.with_phone(PHONE).get()


def test_the_young_person_signs_in_by_code_then_sets_a_password(desk, village_a1):
    user = _register_by_paper(desk, village_a1)
    gateways.calls.clear()

    by_code = Client()
    by_code.post(reverse("accounts:login_code"), {"phone": PHONE})
    response = by_code.post(reverse("accounts:login_code_enter"), {"code": last_code()})
    assert response.status_code == 302
    assert by_code.get(reverse("accounts:my_profile")).status_code == 200
    user.refresh_from_db()
    assert user.phone_verified_at is not None  # the code proved the number

    # A password, set by text message code...
    reset = Client()
    reset.post(reverse("accounts:reset_sms"), {"phone": PHONE})
    reset.post(reverse("accounts:reset_sms_code"), {"code": last_code()})
    reset.post(
        reverse("accounts:reset_sms_new"),
        {"password1": "Desk-registered-2026", "password2": "Desk-registered-2026"},
    )
    # ...then signing in with the number and the password.
    fresh = Client()
    fresh.post(reverse("account_login"), {"login": PHONE, "password": "Desk-registered-2026"})
    assert fresh.get(reverse("accounts:my_profile")).status_code == 200


def test_a_password_by_code_works_for_a_paper_registration_straight_away(desk, village_a1):
    _register_by_paper(desk, village_a1)
    gateways.calls.clear()
    reset = Client()
    reset.post(reverse("accounts:reset_sms"), {"phone": PHONE})
    reset.post(reverse("accounts:reset_sms_code"), {"code": last_code()})
    reset.post(
        reverse("accounts:reset_sms_new"),
        {"password1": "Desk-registered-2026", "password2": "Desk-registered-2026"},
    )
    fresh = Client()
    fresh.post(reverse("account_login"), {"login": PHONE, "password": "Desk-registered-2026"})
    assert fresh.get(reverse("accounts:my_profile")).status_code == 200


# --- the young person's rights ------------------------------------------------------------------


def test_erasure_removes_the_signed_form_and_who_assisted(
    desk, village_a1, district_staff, settings, django_capture_on_commit_callbacks
):
    user = _register_by_paper(desk, village_a1)
    stored = media_files(settings)
    assert len(stored) == 1
    request = erasure_request(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        erasure_carry_out(erasure=request, coordinator=district_staff)
    profile = YouthProfile.objects.get(pk=user.youth_profile.pk)
    assert not profile.consent_form and profile.assisted_by is None
    assert media_files(settings) == []
