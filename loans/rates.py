"""The rates a referral shows: the bank's product valid on the day, and the wealth-leader
rate (base × 0.9, ``Decimal``, rounded as the bank states) while a designation is valid."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from partners.models import Bank

from .models import LoanProduct, Referral, WealthLeader, discounted_rate, round_rate


def current_product(bank: Bank, day: datetime.date | None = None) -> LoanProduct | None:
    """The bank's product version valid on ``day``: the latest that started by then."""
    day = day or timezone.localdate()
    return (
        LoanProduct.objects.filter(bank=bank, valid_from__lte=day)
        .order_by("-valid_from", "-pk")
        .first()
    )


def is_wealth_leader(person, day: datetime.date | None = None) -> bool:
    if person is None:
        return False
    day = day or timezone.localdate()
    return WealthLeader.objects.filter(person=person).valid_on(day).exists()


@dataclass
class Rates:
    base: Decimal
    discounted: Decimal | None  # None: no valid designation
    decided: bool

    @property
    def applies(self) -> Decimal:
        return self.discounted if self.discounted is not None else self.base


def rates_for(referral: Referral, day: datetime.date | None = None) -> Rates | None:
    """A decided referral keeps the rates it was decided with; an open one shows today's
    product (a rate change reaches it) and today's designation."""
    if referral.base_rate is not None:
        places = referral.product.rate_places
        base = round_rate(referral.base_rate, places)
        discounted = discounted_rate(referral.base_rate, places) if referral.wealth_leader else None
        return Rates(base=base, discounted=discounted, decided=True)
    product = current_product(referral.bank, day) or referral.product
    leader = is_wealth_leader(referral.applicant, day)
    return Rates(
        base=product.shown_base_rate,
        discounted=product.discounted_rate if leader else None,
        decided=False,
    )


def discount_over_term(amount: Decimal, base: Decimal, discounted: Decimal, months: int):
    """Interest saved over the term at the lower rate (simple annual interest), in yuan."""
    saved = Decimal(amount) * (Decimal(base) - Decimal(discounted)) / 100 * months / 12
    return max(saved, Decimal(0)).quantize(Decimal("0.01"))


def rates_base(referral: Referral) -> Decimal:
    product = current_product(referral.bank) or referral.product
    return product.base_rate
