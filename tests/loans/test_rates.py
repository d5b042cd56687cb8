"""The wealth-leader rate: base × 0.9 in Decimal, rounded as the bank states, only while a
designation is valid; a decided referral keeps its rates when the bank's rate changes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from loans.models import LoanProduct, Status, discounted_rate
from loans.rates import discount_over_term, rates_for
from loans.services import referral_approve

from .conftest import designate, make_referral

TODAY = datetime.date(2025, 10, 9)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("base", "places", "expected"),
    [
        ("4.35", 2, "3.92"),  # 3.915: a half, rounded up (not to even, not a float's 3.91)
        ("4.25", 2, "3.83"),  # 3.825: half-even would give 3.82
        ("4.35", 1, "3.9"),  # a bank that states one decimal
        ("4.35", 3, "3.915"),  # exact, nothing to round
        ("3.45", 2, "3.11"),  # 3.105 as a float is 3.10499..., in Decimal a half → up
        ("4.3444", 2, "3.91"),  # 3.90996 → 3.91
    ],
)
def test_discounted_rate_rounds_half_up_at_the_banks_places(base, places, expected):
    result = discounted_rate(Decimal(base), places)
    assert result == Decimal(expected)
    assert str(result) == expected  # the bank's number of decimals, exactly


@pytest.mark.parametrize(
    ("granted", "expires", "discounted"),
    [
        (TODAY - 10 * DAY, TODAY + 10 * DAY, Decimal("3.92")),  # valid
        (TODAY, TODAY + 10 * DAY, Decimal("3.92")),  # valid from today
        (TODAY - 10 * DAY, TODAY, Decimal("3.92")),  # last day
        (TODAY - 400 * DAY, TODAY - DAY, None),  # expired yesterday
        (TODAY + DAY, TODAY + 400 * DAY, None),  # not yet valid
    ],
    ids=["valid", "starts-today", "last-day", "expired", "future"],
)
def test_the_discount_shows_only_while_the_designation_is_valid(
    youth_a, partner_bank, product, district_staff, granted, expires, discounted
):
    product.valid_from = TODAY - 30 * DAY
    product.save()
    designate(youth_a, district_staff, granted_on=granted, expires_on=expires)
    referral = make_referral(youth_a, partner_bank, product)
    rates = rates_for(referral, TODAY)
    assert rates.base == Decimal("4.35")
    assert rates.discounted == discounted
    assert rates.applies == (discounted or Decimal("4.35"))


def test_a_rate_change_does_not_alter_a_decided_referral(
    youth_a, partner_bank, product, bank_officer, district_staff
):
    today = timezone.localdate()
    designate(youth_a, district_staff, granted_on=today - DAY, expires_on=today + 100 * DAY)
    decided = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    waiting = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    referral_approve(
        referral=decided,
        actor=bank_officer,
        amount=Decimal("100000"),
        rate=Decimal("3.92"),
        term_months=36,
    )
    LoanProduct.objects.create(
        bank=partner_bank,
        name="Youth start-up loan",
        base_rate=Decimal("5.00"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=today,
    )
    decided.refresh_from_db()
    assert rates_for(decided).base == Decimal("4.35")
    assert rates_for(decided).discounted == Decimal("3.92")
    assert decided.approved_rate == Decimal("3.92")
    # 100,000 × (4.35 − 3.92)% × 3 years
    assert decided.discount_yuan == Decimal("1290.00")
    assert rates_for(waiting).base == Decimal("5.00")
    assert rates_for(waiting).discounted == Decimal("4.50")


def test_the_bank_cannot_approve_above_the_rate_shown(
    youth_a, partner_bank, product, bank_officer, district_staff
):
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    designate(youth_a, district_staff, granted_on=today - DAY, expires_on=today + DAY)
    referral = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    with pytest.raises(ValidationError):
        referral_approve(
            referral=referral,
            actor=bank_officer,
            amount=Decimal("50000"),
            rate=Decimal("4.35"),
            term_months=24,
        )
    referral.refresh_from_db()
    assert referral.status == Status.REFERRED


def test_discount_over_term():
    assert discount_over_term(Decimal("40000"), Decimal("4.35"), Decimal("3.92"), 24) == Decimal(
        "344.00"
    )
    assert discount_over_term(Decimal("40000"), Decimal("4.35"), Decimal("4.35"), 24) == 0
