import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.invitations import staff_invite
from accounts.models import Invitation, StaffProfile, User, YouthProfile
from accounts.services import (
    CONSENT_REQUIRED,
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


# --- staff invitations (accounts/invitations.py staff_invite) ---


def _invite_staff(by, centre, role="officer"):
    return staff_invite(
        invited_by=by, kind="staff", name="新同事", email="new.colleague@example.com", phone="",
        centre=centre, role=role,
    )  # fmt: skip


def test_a_coordinator_invites_staff_at_their_centre_or_below(district_staff, district, town_a):
    assert _invite_staff(district_staff, town_a).centre == town_a
    assert _invite_staff(district_staff, district, "coordinator").data == {"role": "coordinator"}
    assert not StaffProfile.objects.filter(user__email="new.colleague@example.com").exists()


@pytest.mark.parametrize("who", ["town_staff", "youth_a"])
def test_officers_and_young_people_invite_no_staff(cast, town_a, who):
    with pytest.raises(PermissionDenied):
        _invite_staff(cast[who], town_a)
    assert not Invitation.objects.exists()


def test_a_town_coordinator_invites_staff_only_in_their_town(town_a, town_b, district, village_a1):
    coordinator = StaffProfileFactory(centre=town_a, role=StaffProfile.Role.COORDINATOR).user
    for outside in (town_b, district):
        with pytest.raises(PermissionDenied):
            _invite_staff(coordinator, outside)
    assert _invite_staff(coordinator, village_a1).centre == village_a1
    assert Invitation.objects.count() == 1


def test_every_staff_member_invites_mentors_in_scope(town_staff, town_a, town_b):
    invitation = staff_invite(
        invited_by=town_staff, kind="mentor", name="王导师", email="m@example.com", phone="",
        centre=town_a,
    )  # fmt: skip
    assert invitation.kind == "mentor"
    with pytest.raises(PermissionDenied):
        staff_invite(invited_by=town_staff, kind="mentor", name="王", email="n@example.com",
                     phone="", centre=town_b)  # fmt: skip
