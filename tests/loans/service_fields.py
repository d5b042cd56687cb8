"""The loans app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from loans import services as loans_services
from loans.models import EligibilityRule, LoanProduct, Referral, ReferralChange, WealthLeader

MODULES = [loans_services]

TABLES = [
    LoanProduct,
    Referral,
    ReferralChange,
    EligibilityRule,
    WealthLeader,
]


def world(w) -> dict:
    """A bank product and a referral of youth_a sent to the bank officer's bank."""
    youth_a = w.youth_a
    bank = w.bank_officer.partner_membership.bank
    product = LoanProduct.objects.create(
        bank=bank,
        name="Youth start-up loan",
        base_rate=Decimal("4.35"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
    )
    referral = Referral.objects.create(
        applicant=youth_a,
        centre=youth_a.youth_profile.home_centre,
        bank=bank,
        product=product,
        amount=Decimal("50000"),
        term_months=24,
        purpose="Equipment",
    )
    rule = EligibilityRule.objects.create(code="min_age", value=18, reason="Adults only")
    return {"loan_bank": bank, "referral": referral, "rule": rule}


def _sent(w):
    Referral.objects.filter(pk=w.referral.pk).update(
        status="referred", consent_to_share=True, consent_at=timezone.now()
    )
    return w.referral


def _approved(w):
    _sent(w)
    Referral.objects.filter(pk=w.referral.pk).update(
        status="approved", approved_amount=Decimal("40000"), approved_rate=Decimal("4.35"),
        approved_term_months=24, decided_at=timezone.now(),
    )  # fmt: skip
    return w.referral


def _disbursed(w):
    _approved(w)
    Referral.objects.filter(pk=w.referral.pk).update(
        status="disbursed", disbursed_on=timezone.localdate(), repayment="current"
    )
    return w.referral


SERVICES = {
    "loans.ensure_rules": (loans_services.ensure_rules, lambda w: {}),
    "loans.rule_update": (
        loans_services.rule_update,
        lambda w: {
            "rule": w.rule,
            "actor": w.district_staff,
            "value": 20,
            "active": True,
            "reason": "Bank policy",
        },
    ),  # fmt: skip,
    "loans.product_create": (
        loans_services.product_create,
        lambda w: {
            "actor": w.district_staff,
            "bank": w.loan_bank,
            "name": "Youth start-up loan",
            "base_rate": Decimal("4.00"),
            "rate_places": 2,
            "min_amount": Decimal("1000"),
            "max_amount": Decimal("100000"),
            "min_term_months": 6,
            "max_term_months": 24,
            "valid_from": timezone.localdate(),
        },
    ),
    "loans.designation_create": (
        loans_services.designation_create,
        lambda w: {
            "actor": w.town_staff,
            "person": w.youth_a,
            "evidence": "Leads 20 households",
            "granted_on": timezone.localdate(),
            "expires_on": timezone.localdate() + datetime.timedelta(days=365),
        },
    ),
    "loans.referral_create": (
        loans_services.referral_create,
        lambda w: {
            "applicant": w.youth_a,
            "bank": w.loan_bank,
            "amount": Decimal("30000"),
            "term_months": 12,
            "purpose": "Seeds",
            "consent_to_share": True,
        },
    ),
    "loans.referral_consent": (
        loans_services.referral_consent,
        lambda w: {"referral": w.referral, "actor": w.youth_a},
    ),
    "loans.referral_transition": (
        loans_services.referral_transition,
        lambda w: {
            "referral": w.referral,
            "actor": w.town_staff,
            "to_status": "info_requested",
            "reason": "Sales, please",
        },
    ),  # fmt: skip,
    "loans.referral_approve": (
        loans_services.referral_approve,
        lambda w: {
            "referral": _sent(w),
            "actor": w.bank_officer,
            "amount": Decimal("40000"),
            "rate": Decimal("4.35"),
            "term_months": 24,
        },
    ),  # fmt: skip,
    "loans.referral_disburse": (
        loans_services.referral_disburse,
        lambda w: {
            "referral": _approved(w),
            "actor": w.bank_officer,
            "disbursed_on": timezone.localdate(),
        },
    ),  # fmt: skip,
    "loans.referral_repayment": (
        loans_services.referral_repayment,
        lambda w: {"referral": _disbursed(w), "actor": w.bank_officer, "repayment": "repaid"},
    ),
}

FORBIDDEN = {
    "loans.ensure_rules": {"value": 10, "reason": "x"},
    "loans.rule_update": {"code": "max_age", "changed_by": lambda w: w.youth_a, "fields": {}},
    "loans.product_create": {"id": 4242, "created_at": timezone.now, "fields": {}},
    "loans.designation_create": {"granted_by": lambda w: w.youth_b, "centre": lambda w: w.town_b},
    "loans.referral_create": {
        "status": "referred",
        "centre": lambda w: w.town_b,
        "consent_at": timezone.now,
        "approved_amount": Decimal(1),
        "discount_yuan": Decimal(1),
        "fields": {},
    },
    "loans.referral_consent": {"consent_at": timezone.now, "status": "referred"},
    "loans.referral_transition": {
        "status": "approved",
        "decision_due_on": timezone.localdate,
        "approved_amount": Decimal(1),
    },
    "loans.referral_approve": {
        "base_rate": Decimal(1),
        "wealth_leader": True,
        "discount_yuan": Decimal(1),
        "decided_at": timezone.now,
    },
    "loans.referral_disburse": {"repayment": "repaid", "status": "approved"},
    "loans.referral_repayment": {"status": "approved", "disbursed_on": timezone.localdate},
}
