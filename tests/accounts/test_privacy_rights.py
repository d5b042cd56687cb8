"""A young person's copy of their data, and erasure that leaves no personal datum behind
(the records the figures count stay, de-identified)."""

import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from accounts.models import ErasureRequest, User, YouthProfile
from audit.models import Entry
from notifications.models import Message

from .test_encryption_at_rest import _dump


def test_the_download_holds_the_persons_own_data_in_full(client, youth_a):
    client.force_login(youth_a)
    response = client.get(reverse("accounts:my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == youth_a.email
    assert data["account"]["mobile"] == "13800000001"
    assert data["profile"]["national_id"] == youth_a.youth_profile.national_id
    assert Entry.objects.filter(action="youth.data_exported", actor=youth_a).exists()


def test_asking_twice_makes_one_request(client, youth_a):
    client.force_login(youth_a)
    client.post(reverse("accounts:my_data_erase"))
    client.post(reverse("accounts:my_data_erase"))
    assert ErasureRequest.objects.filter(user=youth_a).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_erased_person_is_gone_from_database_history_and_files(
    client, youth_a, youth_b, district_staff, settings
):
    profile = youth_a.youth_profile
    profile.avatar.save("a.jpg", ContentFile(b"photo bytes"))
    photo = profile.avatar.path
    Message.objects.create(
        key="k:inapp", kind="accounts.welcome", recipient=youth_a, channel="inapp",
        body="hi Alice", status="sent", sent_at=profile.created_at,
    )  # fmt: skip
    client.force_login(youth_a)  # sign-in history in the audit log
    client.post(reverse("accounts:my_data_erase"))
    client.force_login(district_staff)
    client.get(reverse("accounts:youth_detail", args=[profile.pk]), {"reveal": "1"})
    erasure = ErasureRequest.objects.get()

    response = client.post(reverse("accounts:erasure_carry_out", args=[erasure.pk]))
    assert response.status_code == 302

    assert not User.objects.filter(email=youth_a.email).exists()
    tombstone = User.objects.get(pk=youth_a.pk)
    assert tombstone.erased_at is not None and not tombstone.is_active
    assert not tombstone.has_usable_password() and tombstone.phone is None
    assert tombstone.name == "" and str(tombstone) != youth_a.email
    kept = YouthProfile.objects.get(pk=profile.pk)
    assert kept.national_id is None and kept.national_id_hash is None and not kept.avatar
    assert kept.home_centre_id == profile.home_centre_id  # still counted where it was
    assert kept.date_of_birth.month == kept.date_of_birth.day == 1  # the birth year only
    assert not Message.objects.filter(key="k:inapp").exists()
    assert not Entry.objects.filter(target_id=str(profile.pk), target_type="accounts.youthprofile")
    erasure.refresh_from_db()
    assert erasure.user is None and erasure.status == "done"
    import os

    assert not os.path.exists(photo)
    dump = _dump()
    for trace in [youth_a.email, "Alice", "13800000001"]:
        assert trace not in dump, trace
    assert youth_b.email in dump  # others are untouched
    assert Entry.objects.filter(action="youth.erased").exists()
    assert connection.vendor in {"sqlite", "postgresql"}


def test_only_coordinators_in_scope_carry_out_erasure(client, youth_b, district, town_a):
    from accounts.models import StaffProfile

    from ..factories import StaffProfileFactory

    erasure = ErasureRequest.objects.create(user=youth_b, centre=youth_b.youth_profile.home_centre)
    coordinator_a = StaffProfileFactory(centre=town_a, role=StaffProfile.Role.COORDINATOR).user
    client.force_login(coordinator_a)
    response = client.post(reverse("accounts:erasure_carry_out", args=[erasure.pk]))
    assert response.status_code == 404
    assert User.objects.filter(pk=youth_b.pk).exists()


def test_a_request_without_home_centre_reaches_the_district(client, district_staff, town_staff):
    from ..factories import YouthProfileFactory

    newcomer = YouthProfileFactory(home_centre=None).user
    client.force_login(newcomer)
    client.post(reverse("accounts:my_data_erase"))
    erasure = ErasureRequest.objects.get(user=newcomer)
    client.force_login(district_staff)
    assert erasure in client.get(reverse("accounts:erasure_list")).context["requests"]
    response = client.post(reverse("accounts:erasure_carry_out", args=[erasure.pk]))
    assert response.status_code == 302
    assert User.objects.get(pk=newcomer.pk).erased_at is not None


def test_a_request_follows_the_person_when_they_move(client, youth_a, town_b, district):
    from accounts.models import StaffProfile

    from ..factories import StaffProfileFactory

    client.force_login(youth_a)
    client.post(reverse("accounts:my_data_erase"))
    YouthProfile.objects.filter(user=youth_a).update(home_centre=town_b)
    coordinator_b = StaffProfileFactory(centre=town_b, role=StaffProfile.Role.COORDINATOR).user
    client.force_login(coordinator_b)
    assert (
        ErasureRequest.objects.get()
        in client.get(reverse("accounts:erasure_list")).context["requests"]
    )
