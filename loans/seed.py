"""Demo loans for ``manage.py seed_demo``: the rural bank's product (an older rate and
today's), the eligibility rules, wealth-leaders (one expired) and referrals in every status,
all made through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import StaffProfile, User
from core.seeding import Seed, register
from partners.models import Bank, PartnerMember

from .models import LoanProduct, Referral, Status, WealthLeader
from .rates import rates_for
from .services import (
    designation_create,
    ensure_rules,
    referral_approve,
    referral_create,
    referral_disburse,
    referral_repayment,
    referral_transition,
)

DEMO_DOMAIN = "demo.youthventure.cn"
# final status, amount, term, purpose
REFERRALS = [
    (Status.SUBMITTED, 30000, 24, "购买直播设备和样品。"),
    (Status.INFO_REQUESTED, 50000, 36, "扩建大棚，购买种苗。"),
    (Status.REFERRED, 80000, 36, "民宿客房装修。"),
    (Status.DECLINED, 200000, 12, "开设奶茶连锁店。"),
    (Status.WITHDRAWN, 20000, 12, "购买二手货车。"),
    (Status.APPROVED, 60000, 24, "茶叶加工设备升级。"),
    (Status.BANK_DECLINED, 100000, 36, "新建养殖场。"),
    (Status.DISBURSED, 100000, 36, "冷链车辆购置。"),
    (Status.DISBURSED, 40000, 24, "竹编工作室原料采购。"),
]

REASONS = {
    Status.INFO_REQUESTED: "请补充近半年的经营流水。",
    Status.DECLINED: "金额超出还款能力。",
}


def _coordinator_for(centre) -> User:
    while centre is not None:
        profile = StaffProfile.objects.filter(centre=centre, role="coordinator").first()
        if profile:
            return profile.user
        centre = centre.parent
    raise LookupError("no coordinator above this centre")


def _run(context) -> None:
    bank = Bank.objects.filter(name="青山农村商业银行").first()
    officer = PartnerMember.objects.filter(bank=bank).select_related("user").first()
    if bank is None or officer is None:
        return
    today = timezone.localdate()
    LoanProduct.objects.get_or_create(
        bank=bank,
        valid_from=today - datetime.timedelta(days=400),
        defaults={"name": "青年创业贷", "base_rate": Decimal("4.75"), "max_amount": 200000,
                  "min_amount": 5000, "min_term_months": 6, "max_term_months": 36},
    )  # fmt: skip
    LoanProduct.objects.get_or_create(
        bank=bank,
        valid_from=today - datetime.timedelta(days=60),
        defaults={"name": "青年创业贷", "base_rate": Decimal("4.35"), "max_amount": 200000,
                  "min_amount": 5000, "min_term_months": 6, "max_term_months": 36},
    )  # fmt: skip
    ensure_rules()
    youth = list(
        User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", youth_profile__isnull=False)
        .select_related("youth_profile__home_centre")
        .order_by("email")
    )
    if len(youth) < len(REFERRALS):
        return
    if not WealthLeader.objects.exists():
        # Leaders among those whose loans were approved, and one expired (the bank declined).
        for index in (0, 2, 5, 7, 6):
            person, expired = youth[index], index == 6
            granted = today - datetime.timedelta(days=800 if expired else 100)
            designation_create(
                actor=_coordinator_for(person.youth_profile.home_centre),
                person=person,
                evidence="带动本村二十余户增收，获评县级青年致富带头人。",
                granted_on=granted,
                expires_on=granted + datetime.timedelta(days=365 if expired else 720),
            )
    if Referral.objects.filter(bank=bank).exists():
        return
    for index, (final, amount, term, purpose) in enumerate(REFERRALS):
        person = youth[index]
        staff = _coordinator_for(person.youth_profile.home_centre)
        referral = referral_create(
            applicant=person,
            bank=bank,
            amount=Decimal(amount),
            term_months=term,
            purpose=purpose,
            consent_to_share=final != Status.SUBMITTED,
        )
        if final == Status.SUBMITTED:
            continue
        if final in (Status.INFO_REQUESTED, Status.DECLINED):
            reason = REASONS[final]
            referral_transition(referral=referral, to_status=final, actor=staff, reason=reason)
            continue
        if final == Status.WITHDRAWN:
            referral_transition(referral=referral, to_status=final, actor=person)
            continue
        referral_transition(referral=referral, to_status=Status.REFERRED, actor=staff)
        if final == Status.BANK_DECLINED:
            referral_transition(
                referral=referral, to_status=final, actor=officer.user, reason="抵押担保不足。"
            )
        elif final in (Status.APPROVED, Status.DISBURSED):
            referral.refresh_from_db()
            referral_approve(
                referral=referral,
                actor=officer.user,
                amount=Decimal(amount),
                rate=rates_for(referral).applies,
                term_months=term,
            )
            if final == Status.DISBURSED:
                referral_disburse(referral=referral, actor=officer.user, disbursed_on=today)
                referral_repayment(
                    referral=referral,
                    actor=officer.user,
                    repayment="repaid" if index % 2 else "current",
                )


register(Seed(name="loans", run=_run, after=("accounts", "partners", "projects")))
