import datetime
import io
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import StaffProfile, User, YouthProfile
from accounts.services import (
    CENTRE_OUTSIDE_SCOPE,
    CONSENT_REQUIRED,
    staff_member_create,
    youth_profile_update,
    youth_register,
)
from core.images import process_avatar

from ..factories import StaffProfileFactory, UserFactory, make_national_id

# --- youth_register ---


def test_it_records_consent_with_the_policy_version_and_time(db):
    user = UserFactory(name="")
    before = timezone.now()

    profile = youth_register(user=user, name="Chen Jing", consented=True)

    after = timezone.now()
    profile = YouthProfile.objects.get(pk=profile.pk)
    assert profile.user_id == user.pk
    assert profile.consent_policy_version == settings.PRIVACY_POLICY_VERSION
    assert before <= profile.consent_given_at <= after
    assert User.objects.get(pk=user.pk).name == "Chen Jing"


def test_it_uses_the_current_policy_version_setting(db, settings):
    settings.PRIVACY_POLICY_VERSION = "2031-04"
    profile = youth_register(user=UserFactory(), name="Li Na", consented=True)
    assert YouthProfile.objects.get(pk=profile.pk).consent_policy_version == "2031-04"


def test_it_refuses_to_register_without_consent_and_writes_nothing(db):
    user = UserFactory(name="Original")

    with pytest.raises(ValidationError) as exc_info:
        youth_register(user=user, name="Changed", consented=False)

    assert exc_info.value.messages == [str(CONSENT_REQUIRED)]
    assert not YouthProfile.objects.filter(user=user).exists()
    assert YouthProfile.objects.count() == 0
    assert User.objects.get(pk=user.pk).name == "Original"


# --- youth_profile_update ---


def test_it_saves_the_profile_fields(youth_a, village_a2):
    profile = youth_a.youth_profile
    new_id = make_national_id(77, born=datetime.date(1998, 5, 4))

    youth_profile_update(
        profile=profile,
        name="Alice Wang",
        phone="13900000009",
        school="Zhejiang University",
        graduation_year=2020,
        employment_status="employed",
        national_id=new_id,
        home_centre=village_a2,
    )

    saved = YouthProfile.objects.select_related("user").get(pk=profile.pk)
    assert saved.user.name == "Alice Wang"
    assert saved.user.phone == "13900000009"
    assert saved.school == "Zhejiang University"
    assert saved.graduation_year == 2020
    assert saved.employment_status == "employed"
    assert saved.national_id == new_id
    assert saved.home_centre_id == village_a2.pk


def test_it_clears_the_phone_when_given_an_empty_one(youth_a):
    youth_profile_update(profile=youth_a.youth_profile, name="Alice", phone="")
    assert User.objects.get(pk=youth_a.pk).phone is None


def test_it_rejects_a_phone_used_by_another_user_and_changes_nothing(youth_a, youth_b):
    profile = youth_a.youth_profile
    school_before = YouthProfile.objects.get(pk=profile.pk).school

    with pytest.raises(ValidationError) as exc_info:
        youth_profile_update(
            profile=profile,
            name="Alice Changed",
            phone=youth_b.phone,
            school="Somewhere New",
        )

    assert "phone" in exc_info.value.message_dict
    saved = YouthProfile.objects.select_related("user").get(pk=profile.pk)
    assert saved.user.name == "Alice"
    assert saved.user.phone == "13800000001"
    assert saved.school == school_before
    assert User.objects.get(pk=youth_b.pk).phone == "13800000002"


def test_it_rolls_back_the_user_when_the_profile_is_invalid(youth_a):
    """The user row is saved before the profile is validated: the transaction must undo it."""
    profile = youth_a.youth_profile
    id_before = YouthProfile.objects.get(pk=profile.pk).national_id

    with pytest.raises(ValidationError) as exc_info:
        youth_profile_update(
            profile=profile,
            name="Alice Changed",
            phone="13900000009",
            national_id="110105194912310021",  # wrong check digit
        )

    assert "national_id" in exc_info.value.message_dict
    saved = YouthProfile.objects.select_related("user").get(pk=profile.pk)
    assert saved.user.name == "Alice"
    assert saved.user.phone == "13800000001"
    assert saved.national_id == id_before


def test_it_rejects_a_national_id_used_by_another_youth(youth_a, youth_b):
    taken = youth_b.youth_profile.national_id
    with pytest.raises(ValidationError) as exc_info:
        youth_profile_update(
            profile=youth_a.youth_profile, name="Alice", phone="13800000001",
            national_id=taken,
        )  # fmt: skip
    assert "national_id" in exc_info.value.message_dict
    assert YouthProfile.objects.get(user=youth_a).national_id != taken


def avatar_file(name="me.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), (20, 120, 220)).save(buffer, format="JPEG")
    return process_avatar(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg"))


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_it_stores_a_new_avatar_and_deletes_the_old_one_after_commit(
    youth_a, settings, django_capture_on_commit_callbacks
):
    profile = youth_a.youth_profile
    youth_profile_update(profile=profile, name="Alice", phone="13800000001", avatar=avatar_file())
    first = YouthProfile.objects.get(pk=profile.pk).avatar.name
    assert first.startswith("avatars/")
    assert media_files(settings) == [Path(settings.MEDIA_ROOT) / first]

    with django_capture_on_commit_callbacks(execute=True):
        youth_profile_update(
            profile=profile, name="Alice", phone="13800000001", avatar=avatar_file()
        )

    second = YouthProfile.objects.get(pk=profile.pk).avatar.name
    assert second != first
    assert media_files(settings) == [Path(settings.MEDIA_ROOT) / second]


def test_it_leaves_no_avatar_file_behind_when_the_update_fails(
    youth_a, settings, django_capture_on_commit_callbacks
):
    """A rolled-back update must not leave the uploaded photo (personal data) on disk."""
    profile = youth_a.youth_profile
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        youth_profile_update(
            profile=profile, name="Alice", phone="13800000001",
            national_id="110105194912310021",  # wrong check digit
            avatar=avatar_file(),
        )  # fmt: skip
    assert not YouthProfile.objects.get(pk=profile.pk).avatar
    assert media_files(settings) == []


# --- staff_member_create ---


def counts() -> tuple[int, int, int]:
    return User.objects.count(), StaffProfile.objects.count(), EmailAddress.objects.count()


def test_it_lets_a_coordinator_create_an_officer_below_them(district_staff, town_a):
    profile = staff_member_create(
        created_by=district_staff,
        email="New.Officer@Example.com",
        name="Zhang Wei",
        centre=town_a,
        role=StaffProfile.Role.OFFICER,
        phone="13911112222",
    )

    profile = StaffProfile.objects.select_related("user").get(pk=profile.pk)
    user = profile.user
    assert user.email == "new.officer@example.com"
    assert user.name == "Zhang Wei"
    assert user.phone == "13911112222"
    assert not user.has_usable_password()
    assert profile.centre == town_a
    assert profile.role == StaffProfile.Role.OFFICER
    assert profile.created_by == district_staff
    address = EmailAddress.objects.get(user=user)
    assert address.email == "new.officer@example.com"
    assert address.verified
    assert address.primary


def test_it_lets_a_coordinator_create_staff_at_their_own_centre(district_staff, district):
    profile = staff_member_create(
        created_by=district_staff, email="colleague@example.com", name="Wang Fang",
        centre=district, role=StaffProfile.Role.COORDINATOR,
    )  # fmt: skip
    assert StaffProfile.objects.get(pk=profile.pk).centre == district


def test_it_refuses_an_officer_and_writes_nothing(town_staff, town_a):
    before = counts()
    with pytest.raises(PermissionDenied):
        staff_member_create(
            created_by=town_staff, email="sneaky@example.com", name="Sneaky",
            centre=town_a, role=StaffProfile.Role.OFFICER,
        )  # fmt: skip
    assert counts() == before
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_it_refuses_a_youth(youth_a, village_a1):
    before = counts()
    with pytest.raises(PermissionDenied):
        staff_member_create(
            created_by=youth_a, email="sneaky@example.com", name="Sneaky",
            centre=village_a1, role=StaffProfile.Role.COORDINATOR,
        )  # fmt: skip
    assert counts() == before


def test_it_refuses_a_town_coordinator_creating_staff_in_another_town(town_a, town_b):
    coordinator = StaffProfileFactory(role=StaffProfile.Role.COORDINATOR, centre=town_a).user
    before = counts()

    with pytest.raises(ValidationError) as exc_info:
        staff_member_create(
            created_by=coordinator, email="elsewhere@example.com", name="Elsewhere",
            centre=town_b, role=StaffProfile.Role.OFFICER,
        )  # fmt: skip

    assert exc_info.value.message_dict == {"centre": [str(CENTRE_OUTSIDE_SCOPE)]}
    assert counts() == before
    assert not User.objects.filter(email="elsewhere@example.com").exists()


def test_it_refuses_a_town_coordinator_creating_staff_at_the_district(town_a, district):
    coordinator = StaffProfileFactory(role=StaffProfile.Role.COORDINATOR, centre=town_a).user
    before = counts()
    with pytest.raises(ValidationError):
        staff_member_create(
            created_by=coordinator, email="above@example.com", name="Above",
            centre=district, role=StaffProfile.Role.COORDINATOR,
        )  # fmt: skip
    assert counts() == before


def test_it_lets_a_town_coordinator_create_staff_in_their_village(town_a, village_a1):
    coordinator = StaffProfileFactory(role=StaffProfile.Role.COORDINATOR, centre=town_a).user
    profile = staff_member_create(
        created_by=coordinator, email="village.new@example.com", name="Liu Yang",
        centre=village_a1, role=StaffProfile.Role.OFFICER,
    )  # fmt: skip
    assert StaffProfile.objects.get(pk=profile.pk).centre == village_a1


def test_it_refuses_an_email_already_taken_in_another_case(district_staff, town_a, youth_a):
    before = counts()
    with pytest.raises(ValidationError) as exc_info:
        staff_member_create(
            created_by=district_staff, email="YOUTH.A@example.com", name="Copy",
            centre=town_a, role=StaffProfile.Role.OFFICER,
        )  # fmt: skip
    assert "email" in exc_info.value.message_dict
    assert counts() == before


def test_it_refuses_a_phone_already_taken_and_writes_nothing(district_staff, town_a, youth_a):
    before = counts()
    with pytest.raises(ValidationError) as exc_info:
        staff_member_create(
            created_by=district_staff, email="fresh@example.com", name="Fresh",
            centre=town_a, role=StaffProfile.Role.OFFICER, phone=youth_a.phone,
        )  # fmt: skip
    assert "phone" in exc_info.value.message_dict
    assert counts() == before


def test_it_refuses_an_unknown_role_and_writes_nothing(district_staff, town_a):
    before = counts()
    with pytest.raises(ValidationError) as exc_info:
        staff_member_create(
            created_by=district_staff, email="fresh@example.com", name="Fresh",
            centre=town_a, role="overlord",
        )  # fmt: skip
    assert "role" in exc_info.value.message_dict
    assert counts() == before


def request_for(rf, user):
    request = rf.post("/staff/new/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.session.save()
    request.user = user
    return request


def test_it_emails_a_password_link_after_commit(
    district_staff, town_a, rf, mailoutbox, django_capture_on_commit_callbacks
):
    request = request_for(rf, district_staff)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        staff_member_create(
            created_by=district_staff, email="new.officer@example.com", name="Zhang Wei",
            centre=town_a, role=StaffProfile.Role.OFFICER, request=request,
        )  # fmt: skip
        assert mailoutbox == []  # nothing is sent before the transaction commits

    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.officer@example.com"]
    assert "/password/reset/key/" in message.body


def test_it_sends_no_email_without_a_request(
    district_staff, town_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        staff_member_create(
            created_by=district_staff, email="quiet@example.com", name="Quiet",
            centre=town_a, role=StaffProfile.Role.OFFICER,
        )  # fmt: skip
    assert callbacks == []
    assert mailoutbox == []


def test_it_sends_no_email_when_creation_is_refused(
    town_staff, town_a, rf, mailoutbox, django_capture_on_commit_callbacks
):
    request = request_for(rf, town_staff)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied),
    ):
        staff_member_create(
            created_by=town_staff, email="sneaky@example.com", name="Sneaky",
            centre=town_a, role=StaffProfile.Role.OFFICER, request=request,
        )  # fmt: skip
    assert callbacks == []
    assert mailoutbox == []
