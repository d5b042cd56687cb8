import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from loans.models import LoanProduct, Referral, Status, WealthLeader

from ..factories import BankFactory, PartnerMemberFactory


@pytest.fixture
def product(partner_bank):
    return LoanProduct.objects.create(
        bank=partner_bank,
        name="Youth start-up loan",
        base_rate=Decimal("4.35"),
        rate_places=2,
        min_amount=Decimal("5000"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
    )


@pytest.fixture
def other_bank(district):
    return BankFactory(centre=district, name="Other Bank")


@pytest.fixture
def other_officer(other_bank):
    return PartnerMemberFactory(
        user__email="officer@other-bank.example.com", bank=other_bank, role="officer"
    ).user


def make_referral(applicant, bank, product, status=Status.SUBMITTED, *, consent=True, **extra):
    """A referral already in ``status``, with the fields that status needs."""
    now = timezone.now()
    fields = {
        "applicant": applicant,
        "centre": applicant.youth_profile.home_centre,
        "bank": bank,
        "product": product,
        "amount": Decimal("50000"),
        "term_months": 24,
        "purpose": "Tea processing equipment",
        "consent_to_share": consent,
        "consent_at": now if consent else None,
        "status": status,
    }
    if status in (Status.REFERRED, Status.APPROVED, Status.BANK_DECLINED, Status.DISBURSED):
        fields.update(referred_on=timezone.localdate(), decision_due_on=timezone.localdate())
    if status in (Status.APPROVED, Status.DISBURSED):
        fields.update(
            approved_amount=Decimal("50000"),
            approved_rate=Decimal("4.35"),
            approved_term_months=24,
            base_rate=Decimal("4.35"),
            decided_at=now,
        )
    if status == Status.DISBURSED:
        fields.update(disbursed_on=timezone.localdate(), repayment="current")
    fields.update(extra)
    return Referral.objects.create(**fields)


def designate(person, granter, *, granted_on, expires_on):
    return WealthLeader.objects.create(
        person=person,
        centre=person.youth_profile.home_centre,
        evidence="Leads 20 households",
        granted_by=granter,
        granted_on=granted_on,
        expires_on=expires_on,
    )
