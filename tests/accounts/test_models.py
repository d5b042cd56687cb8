import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from accounts.models import OrgUnit, User, YouthProfile

from ..factories import OrgUnitFactory, UserFactory, YouthProfileFactory, make_national_id

# --- OrgUnit ---


def test_it_builds_the_path_from_the_codes(district, town_a, village_a1):
    assert district.path == "d/"
    assert town_a.path == "d/ta/"
    assert village_a1.path == "d/ta/va1/"
    assert OrgUnit.objects.get(pk=village_a1.pk).path == "d/ta/va1/"


def test_it_returns_a_town_and_its_villages_as_the_subtree(
    district, town_a, town_b, village_a1, village_a2, village_b1
):
    assert set(OrgUnit.objects.subtree(town_a)) == {town_a, village_a1, village_a2}
    assert set(OrgUnit.objects.subtree(town_b)) == {town_b, village_b1}
    assert set(OrgUnit.objects.subtree(village_a1)) == {village_a1}
    assert set(OrgUnit.objects.subtree(district)) == {
        district, town_a, town_b, village_a1, village_a2, village_b1,
    }  # fmt: skip


def test_it_does_not_mix_up_codes_that_share_a_prefix(district, town_a, village_a1):
    """Town "t" must not see the villages of town "ta" just because "ta" starts with "t"."""
    town_t = OrgUnitFactory(name="Town T", code="t", level=OrgUnit.Level.TOWN, parent=district)
    village_t1 = OrgUnitFactory(
        name="Village T1", code="t1", level=OrgUnit.Level.VILLAGE, parent=town_t
    )
    assert set(OrgUnit.objects.subtree(town_t)) == {town_t, village_t1}
    assert not village_a1.is_within(town_t)
    assert village_t1.is_within(town_t)
    assert village_t1.is_within(district)
    assert not town_t.is_within(village_t1)


def test_it_refuses_a_village_without_parent_at_database_level(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.create(name="Orphan", code="orphan", level=OrgUnit.Level.VILLAGE)
    assert not OrgUnit.objects.filter(code="orphan").exists()


def test_it_refuses_a_town_without_parent_at_database_level(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.create(name="Orphan", code="orphan", level=OrgUnit.Level.TOWN)


def test_it_refuses_a_district_with_a_parent_at_database_level(district):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.create(
            name="Nested", code="nested", level=OrgUnit.Level.DISTRICT, parent=district
        )


def test_it_refuses_a_duplicate_code_at_database_level(district):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.create(name="Again", code="d", level=OrgUnit.Level.DISTRICT)


# --- YouthProfile.visible_to ---

EXPECTED_VISIBLE = {
    "anonymous": set(),
    "youth_a": {"youth_a"},
    "youth_b": {"youth_b"},
    "village_staff": {"youth_a"},
    "town_staff": {"youth_a"},
    "other_town_staff": {"youth_b"},
    "district_staff": {"youth_a", "youth_b"},
}


@pytest.mark.parametrize("who,expected", EXPECTED_VISIBLE.items())
def test_it_limits_visible_youth_profiles_to_the_viewer_scope(cast, who, expected):
    viewer = cast[who] or AnonymousUser()
    visible = set(YouthProfile.objects.visible_to(viewer).values_list("user_id", flat=True))
    assert visible == {cast[name].pk for name in expected}


def test_it_shows_village_staff_only_their_own_village(cast, village_a2):
    other_village_youth = YouthProfileFactory(home_centre=village_a2).user
    visible = set(
        YouthProfile.objects.visible_to(cast["village_staff"]).values_list("user_id", flat=True)
    )
    assert visible == {cast["youth_a"].pk}
    town_visible = set(
        YouthProfile.objects.visible_to(cast["town_staff"]).values_list("user_id", flat=True)
    )
    assert town_visible == {cast["youth_a"].pk, other_village_youth.pk}


def test_it_shows_a_superuser_every_youth_profile(cast):
    admin = User.objects.create_superuser("admin@example.com", "pw-for-tests-only")
    assert YouthProfile.objects.visible_to(admin).count() == 2


def test_it_shows_a_plain_user_without_profile_nothing(cast):
    stranger = UserFactory()
    assert not YouthProfile.objects.visible_to(stranger).exists()


def test_it_hides_youth_without_a_home_centre_from_staff(cast):
    homeless = YouthProfileFactory(home_centre=None).user
    staff_view = YouthProfile.objects.visible_to(cast["district_staff"])
    assert not staff_view.filter(user=homeless).exists()
    own_view = YouthProfile.objects.visible_to(homeless)
    assert set(own_view.values_list("user_id", flat=True)) == {homeless.pk}


# --- Uniqueness at database level ---


def test_it_refuses_a_duplicate_national_id_at_database_level(youth_a):
    taken = youth_a.youth_profile.national_id
    other = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        YouthProfile.objects.create(
            user=other,
            national_id=taken,
            consent_policy_version="2026-11",
            consent_given_at=youth_a.youth_profile.consent_given_at,
        )
    assert YouthProfile.objects.with_national_id(taken).count() == 1


def test_it_allows_several_profiles_without_national_id(db):
    YouthProfileFactory(national_id=None)
    YouthProfileFactory(national_id=None)
    assert YouthProfile.objects.filter(national_id__isnull=True).count() == 2


def test_it_accepts_distinct_national_ids(db):
    YouthProfileFactory(national_id=make_national_id(101))
    YouthProfileFactory(national_id=make_national_id(103))
    assert YouthProfile.objects.count() == 2


def test_it_refuses_emails_differing_only_in_case_at_database_level(db):
    User.objects.create(email="A@x.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="a@x.com")
    assert User.objects.filter(email__iexact="a@x.com").count() == 1


def test_it_refuses_a_duplicate_phone_at_database_level(youth_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="other@example.com", phone=youth_a.phone)


def test_it_allows_several_users_without_phone(db):
    User.objects.create(email="one@example.com", phone=None)
    User.objects.create(email="two@example.com", phone=None)
    assert User.objects.filter(phone__isnull=True).count() == 2


def test_it_lower_cases_the_email_in_create_user(db):
    user = User.objects.create_user("Mixed.Case@Example.COM", "pw-for-tests-only")
    assert user.email == "mixed.case@example.com"
