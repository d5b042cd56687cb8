"""The fixed cast every test uses.

District ``d`` has towns A and B; town A has villages A1 and A2, town B has B1.
youth_a lives in village A1, youth_b in village B1. Staff: an officer in A1, an
officer in town A, an officer in town B and a coordinator at the district.
"""

import pytest
from django.core.cache import cache

from accounts.models import OrgUnit, StaffProfile

from .factories import (
    BankFactory,
    EnterpriseFactory,
    MentorRoleFactory,
    OrgUnitFactory,
    PartnerMemberFactory,
    StaffProfileFactory,
    YouthProfileFactory,
)

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"
    # Argon2 is deliberately slow; tests that create hundreds of users need a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate-limit counters live in the cache (the database one in production); tests use a
    # process-local cache so that tests without a database can run, and start with none.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` (real concurrency, say: SQLite has one writer at a time) skip
    on SQLite; CI runs the suite on PostgreSQL too (.ci/run)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def district(db):
    return OrgUnitFactory(name="Test District", code="d", level=OrgUnit.Level.DISTRICT)


@pytest.fixture
def town_a(district):
    return OrgUnitFactory(name="Town A", code="ta", level=OrgUnit.Level.TOWN, parent=district)


@pytest.fixture
def town_b(district):
    return OrgUnitFactory(name="Town B", code="tb", level=OrgUnit.Level.TOWN, parent=district)


@pytest.fixture
def village_a1(town_a):
    return OrgUnitFactory(name="Village A1", code="va1", level=OrgUnit.Level.VILLAGE, parent=town_a)


@pytest.fixture
def village_a2(town_a):
    return OrgUnitFactory(name="Village A2", code="va2", level=OrgUnit.Level.VILLAGE, parent=town_a)


@pytest.fixture
def village_b1(town_b):
    return OrgUnitFactory(name="Village B1", code="vb1", level=OrgUnit.Level.VILLAGE, parent=town_b)


@pytest.fixture
def youth_a(village_a1):
    return YouthProfileFactory(
        user__email="youth.a@example.com",
        user__name="Alice",
        user__phone="13800000001",
        home_centre=village_a1,
    ).user


@pytest.fixture
def youth_b(village_b1):
    return YouthProfileFactory(
        user__email="youth.b@example.com",
        user__name="Bob",
        user__phone="13800000002",
        home_centre=village_b1,
    ).user


@pytest.fixture
def village_staff(village_a1):
    return StaffProfileFactory(user__email="village@example.com", centre=village_a1).user


@pytest.fixture
def town_staff(town_a):
    return StaffProfileFactory(user__email="town.a@example.com", centre=town_a).user


@pytest.fixture
def other_town_staff(town_b):
    return StaffProfileFactory(user__email="town.b@example.com", centre=town_b).user


@pytest.fixture
def district_staff(district):
    return StaffProfileFactory(
        user__email="district@example.com", centre=district, role=StaffProfile.Role.COORDINATOR
    ).user


@pytest.fixture
def mentor(town_a):
    """A mentor invited by town A (no youth or staff profile)."""
    return MentorRoleFactory(user__email="mentor@example.com", centre=town_a).user


@pytest.fixture
def partner_bank(district):
    return BankFactory(centre=district)


@pytest.fixture
def partner_enterprise(town_a):
    return EnterpriseFactory(centre=town_a)


@pytest.fixture
def bank_officer(partner_bank):
    return PartnerMemberFactory(
        user__email="officer@bank.example.com", bank=partner_bank, role="officer"
    ).user


@pytest.fixture
def enterprise_contact(partner_enterprise):
    return PartnerMemberFactory(
        user__email="contact@enterprise.example.com", enterprise=partner_enterprise
    ).user


@pytest.fixture
def other_enterprise_contact(town_b):
    other = EnterpriseFactory(centre=town_b, name="Other Enterprise")
    return PartnerMemberFactory(user__email="contact@other.example.com", enterprise=other).user


@pytest.fixture
def cast(
    youth_a,
    youth_b,
    village_staff,
    town_staff,
    other_town_staff,
    district_staff,
    village_a2,
    mentor,
    bank_officer,
    enterprise_contact,
    other_enterprise_contact,
):
    """Everyone at once, keyed by the names the permission matrices use."""
    return {
        "anonymous": None,
        "youth_a": youth_a,
        "youth_b": youth_b,
        "village_staff": village_staff,
        "town_staff": town_staff,
        "other_town_staff": other_town_staff,
        "district_staff": district_staff,
        "mentor": mentor,
        "bank_officer": bank_officer,
        "enterprise_contact": enterprise_contact,
        "other_enterprise_contact": other_enterprise_contact,
    }


@pytest.fixture
def setup(cast, district, town_a, town_b, village_a1):
    """The centres the form corpora post, by name (tests/test_bad_input.py)."""
    return {"district": district, "town_a": town_a, "town_b": town_b, "village_a1": village_a1}
