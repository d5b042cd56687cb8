from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from audit.models import Entry
from partners.models import Bank, Enterprise
from partners.services import bank_create, bank_update, enterprise_create, enterprise_update

from ..factories import BankFactory, EnterpriseFactory, make_uscc


@pytest.fixture
def enterprises(district, town_a, town_b, village_a1, village_a2, village_b1):
    return {
        centre.code: EnterpriseFactory(name=f"Enterprise at {centre.name}", centre=centre)
        for centre in (district, town_a, town_b, village_a1, village_a2, village_b1)
    }


@pytest.fixture
def banks(district, town_a, town_b, village_a1, village_a2, village_b1):
    return {
        centre.code: BankFactory(branch=f"Branch at {centre.name}", centre=centre)
        for centre in (district, town_a, town_b, village_a1, village_a2, village_b1)
    }


# Who sees partners registered at which centre (by centre code).
EXPECTED_PARTNER_CODES = {
    "anonymous": set(),
    "youth_a": set(),
    "youth_b": set(),
    "village_staff": {"d", "ta", "va1"},
    "town_staff": {"d", "ta", "va1", "va2"},
    "other_town_staff": {"d", "tb", "vb1"},
    "district_staff": {"d", "ta", "tb", "va1", "va2", "vb1"},
}


@pytest.mark.parametrize("who,expected", EXPECTED_PARTNER_CODES.items())
def test_it_shows_enterprises_of_the_subtree_and_above(cast, enterprises, who, expected):
    viewer = cast[who] or AnonymousUser()
    visible = set(Enterprise.objects.visible_to(viewer).values_list("centre__code", flat=True))
    assert visible == expected


@pytest.mark.parametrize("who,expected", EXPECTED_PARTNER_CODES.items())
def test_it_shows_banks_of_the_subtree_and_above(cast, banks, who, expected):
    viewer = cast[who] or AnonymousUser()
    visible = set(Bank.objects.visible_to(viewer).values_list("centre__code", flat=True))
    assert visible == expected


def test_it_shows_town_staff_the_district_and_own_town_not_the_sibling(
    town_staff, enterprises, banks
):
    names = set(Enterprise.objects.visible_to(town_staff).values_list("name", flat=True))
    assert "Enterprise at Test District" in names
    assert "Enterprise at Town A" in names
    assert "Enterprise at Town B" not in names
    assert "Enterprise at Village B1" not in names
    assert not Bank.objects.visible_to(town_staff).filter(centre__code="tb").exists()


def test_it_shows_a_superuser_every_partner(cast, enterprises):
    admin = User.objects.create_superuser("admin@example.com", "pw-for-tests-only")
    assert Enterprise.objects.visible_to(admin).count() == Enterprise.objects.count()
    assert set(enterprises.values()) <= set(Enterprise.objects.visible_to(admin))


def test_it_does_not_treat_a_code_prefix_as_an_ancestor(district, town_a, town_staff):
    """A town coded "t" is not an ancestor of town "ta"."""
    from ..factories import OrgUnitFactory

    town_t = OrgUnitFactory(name="Town T", code="t", level="town", parent=district)
    EnterpriseFactory(name="Enterprise at T", centre=town_t)
    assert not Enterprise.objects.visible_to(town_staff).filter(centre=town_t).exists()


# --- enterprise_create, enterprise_update, bank_create, bank_update ---


def new_enterprise(centre, serial=9001) -> dict:
    return {
        "name": "New Partner Ltd",
        "uscc": make_uscc(serial),
        "centre": centre,
        "contact_name": "Zhao Lei",
    }


def new_bank(centre, branch="New Branch") -> dict:
    return {
        "name": "Rural Cooperative Bank",
        "branch": branch,
        "centre": centre,
        "base_interest_rate": "4.35",
    }


def test_it_lets_town_staff_save_a_partner_at_their_town(town_staff, town_a):
    enterprise_create(created_by=town_staff, **new_enterprise(town_a))
    bank_create(created_by=town_staff, **new_bank(town_a))
    assert Enterprise.objects.get(uscc=make_uscc(9001)).centre == town_a
    assert Bank.objects.get(branch="New Branch").centre == town_a
    created = Entry.objects.filter(action="partner.created", actor=town_staff)
    assert created.count() == 2


def test_it_lets_town_staff_save_a_partner_at_their_village(town_staff, village_a1):
    enterprise_create(created_by=town_staff, **new_enterprise(village_a1))
    assert Enterprise.objects.filter(centre=village_a1).count() == 1


@pytest.mark.parametrize("where", ["district", "town_b", "village_b1"])
def test_it_refuses_town_staff_a_new_enterprise_outside_their_town(request, town_staff, where):
    centre = request.getfixturevalue(where)
    with pytest.raises(PermissionDenied):
        enterprise_create(created_by=town_staff, **new_enterprise(centre))
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("where", ["district", "town_b"])
def test_it_refuses_town_staff_a_new_bank_outside_their_town(request, town_staff, where):
    centre = request.getfixturevalue(where)
    with pytest.raises(PermissionDenied):
        bank_create(created_by=town_staff, **new_bank(centre))
    assert not Bank.objects.exists()


def test_it_refuses_town_staff_editing_a_district_enterprise(town_staff, enterprises):
    shared = enterprises["d"]
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=shared, actor=town_staff, name="Renamed by a town")
    assert Enterprise.objects.get(pk=shared.pk).name == "Enterprise at Test District"


def test_it_refuses_town_staff_editing_a_town_b_bank(town_staff, banks):
    bank = banks["tb"]
    with pytest.raises(PermissionDenied):
        bank_update(bank=bank, actor=town_staff, branch="Hijacked")
    assert Bank.objects.get(pk=bank.pk).branch == "Branch at Town B"


def test_it_refuses_town_staff_moving_a_town_b_partner_into_their_town(
    town_staff, town_a, enterprises
):
    stolen = enterprises["tb"]
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=stolen, actor=town_staff, centre=town_a)
    assert Enterprise.objects.get(pk=stolen.pk).centre.code == "tb"


def test_it_refuses_town_staff_moving_their_partner_up_to_the_district(
    town_staff, district, enterprises
):
    own = enterprises["ta"]
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=own, actor=town_staff, centre=district)
    assert Enterprise.objects.get(pk=own.pk).centre.code == "ta"


def test_it_lets_town_staff_edit_their_own_partner(town_staff, enterprises):
    own = enterprises["ta"]
    enterprise_update(enterprise=own, actor=town_staff, description="Updated", name=own.name)
    assert Enterprise.objects.get(pk=own.pk).description == "Updated"
    entry = Entry.objects.get(action="partner.changed")
    assert (entry.actor, entry.data) == (town_staff, {"fields": ["description"]})


def test_it_lets_town_staff_move_their_bank_down_to_a_village(town_staff, village_a1, banks):
    bank_update(bank=banks["ta"], actor=town_staff, centre=village_a1)
    assert Bank.objects.get(pk=banks["ta"].pk).centre == village_a1
    assert Entry.objects.get(action="partner.changed").data == {"fields": ["centre"]}


def test_it_lets_district_staff_save_anywhere(district_staff, town_b):
    enterprise_create(created_by=district_staff, **new_enterprise(town_b))
    assert Enterprise.objects.get(uscc=make_uscc(9001)).centre == town_b


@pytest.mark.parametrize("who", ["youth_a", "anonymous"])
def test_it_refuses_a_non_staff_user_a_new_partner(cast, town_a, who):
    user = cast[who] or AnonymousUser()
    before = Enterprise.objects.count()
    with pytest.raises(PermissionDenied):
        enterprise_create(created_by=user, **new_enterprise(town_a))
    assert Enterprise.objects.count() == before


def test_it_refuses_a_youth_editing_a_partner(cast, enterprises):
    partner = enterprises["va1"]
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=partner, actor=cast["youth_a"], name="Renamed by a youth")
    assert Enterprise.objects.get(pk=partner.pk).name == "Enterprise at Village A1"


def test_it_validates_the_partner_before_saving(town_staff, town_a):
    bad = {**new_enterprise(town_a), "uscc": "91350100M000100Y44"}  # wrong check character
    with pytest.raises(ValidationError) as exc_info:
        enterprise_create(created_by=town_staff, **bad)
    assert "uscc" in exc_info.value.message_dict
    assert not Enterprise.objects.exists()


def test_it_validates_the_changed_partner_before_saving(town_staff, enterprises):
    own = enterprises["ta"]
    with pytest.raises(ValidationError) as exc_info:
        enterprise_update(enterprise=own, actor=town_staff, uscc="91350100M000100Y44")
    assert "uscc" in exc_info.value.message_dict
    assert Enterprise.objects.get(pk=own.pk).uscc == own.uscc
    assert not Entry.objects.filter(action="partner.changed").exists()


# --- Bank interest rate ---


@pytest.mark.parametrize("rate", ["0", "40", "-1", "36.01"])
def test_it_refuses_an_out_of_range_interest_rate_at_database_level(town_a, rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        BankFactory(centre=town_a, base_interest_rate=Decimal(rate))
    assert not Bank.objects.exists()


@pytest.mark.parametrize("rate", ["0.01", "4.35", "36"])
def test_it_accepts_an_interest_rate_in_range_at_database_level(town_a, rate):
    bank = BankFactory(centre=town_a, base_interest_rate=Decimal(rate))
    assert Bank.objects.get(pk=bank.pk).base_interest_rate == Decimal(rate)


@pytest.mark.parametrize("rate", ["0", "40"])
def test_it_refuses_an_out_of_range_interest_rate_in_bank_create(town_staff, town_a, rate):
    bank = {**new_bank(town_a), "base_interest_rate": Decimal(rate)}
    with pytest.raises(ValidationError) as exc_info:
        bank_create(created_by=town_staff, **bank)
    assert "base_interest_rate" in exc_info.value.message_dict
    assert not Bank.objects.exists()


def test_it_refuses_a_duplicate_bank_branch_at_database_level(town_a):
    BankFactory(centre=town_a, name="Agricultural Bank", branch="East")
    with pytest.raises(IntegrityError), transaction.atomic():
        BankFactory(centre=town_a, name="Agricultural Bank", branch="East")
