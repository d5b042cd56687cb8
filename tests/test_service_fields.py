"""Every write service of projects, partners and accounts names the fields it may change.

A service called with anything else (the project's stage, a staff-only business fact, the
consent record, an old-style ``fields`` dict or a whole instance) is refused before it
writes, and the database is as it was. Changes made to the object a caller hands in are not
saved either: the services read the row again.
"""

import datetime
import inspect
from decimal import Decimal
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import StaffProfile, User, YouthProfile
from audit.models import Entry
from loans import services as loans_services
from loans.models import EligibilityRule, LoanProduct, Referral, ReferralChange, WealthLeader
from notifications.models import Message
from partners import services as partners_services
from partners.models import Bank, Enterprise
from projects import services as projects_services
from projects.models import OutcomeReport, ProjectPhoto, Stage, StageChange, VentureProject
from projects.reminders import previous_quarter

from .factories import (
    BankFactory,
    EnterpriseFactory,
    UserFactory,
    VentureProjectFactory,
    YouthProfileFactory,
    make_uscc,
)

TABLES = [
    VentureProject,
    VentureProject.members.through,
    StageChange,
    OutcomeReport,
    ProjectPhoto,
    Enterprise,
    Bank,
    User,
    YouthProfile,
    StaffProfile,
    EmailAddress,
    Entry,
    Message,
    LoanProduct,
    Referral,
    ReferralChange,
    EligibilityRule,
    WealthLeader,
]


def snapshot() -> dict:
    """Everything a write service of these apps could change."""
    return {table._meta.label: list(table.objects.order_by("pk").values()) for table in TABLES}


@pytest.fixture
def w(cast, district, town_a, town_b, village_a1):
    youth_a = cast["youth_a"]
    member = YouthProfileFactory(home_centre=village_a1).user
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    return SimpleNamespace(
        **cast,
        district=district,
        town_a=town_a,
        town_b=town_b,
        village_a1=village_a1,
        member=member,
        newcomer=UserFactory(name=""),  # signed up, no profile yet
        idea=VentureProjectFactory(
            lead=youth_a, centre=village_a1, name="原名称", members=[member]
        ),
        launched=VentureProjectFactory(
            lead=youth_a,
            centre=village_a1,
            stage=Stage.LAUNCHED,
            name="已开业",
            signed_on=long_ago,
            launched_on=long_ago,
        ),
        enterprise=EnterpriseFactory(centre=town_a, name="Own Ltd"),
        other_enterprise=EnterpriseFactory(centre=town_b, name="Other Ltd"),
        bank=BankFactory(centre=town_a, branch="Own Branch"),
        **_loans(cast, district, youth_a),
    )


def _loans(cast, district, youth_a) -> dict:
    """A bank product and a referral of youth_a sent to the bank officer's bank."""
    bank = cast["bank_officer"].partner_membership.bank
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


def _outcome(w):
    year, quarter, _ = previous_quarter(timezone.localdate())
    return {
        "project": w.launched,
        "actor": w.youth_a,
        "year": year,
        "quarter": quarter,
        "jobs": 3,
        "jobs_for_youth": 1,
        "revenue_band": "none",
    }


# service → a call that succeeds (so that a refusal below is the forbidden key's doing)
SERVICES = {
    "project_create": (
        projects_services.project_create,
        lambda w: {
            "lead": w.youth_a,
            "name": "新项目",
            "sector": "culture",
            "centre": w.village_a1,
            "description": "一个新的创业项目。",
        },
    ),
    "project_update": (
        projects_services.project_update,
        lambda w: {"project": w.idea, "actor": w.youth_a, "name": "新名称"},
    ),
    "project_facts_update": (
        projects_services.project_facts_update,
        lambda w: {"project": w.launched, "actor": w.town_staff, "investment": Decimal(1000)},
    ),
    "project_showcase_update": (
        projects_services.project_showcase_update,
        lambda w: {"project": w.launched, "actor": w.youth_a, "opt_in": True, "story": "故事"},
    ),
    "project_transition": (
        projects_services.project_transition,
        lambda w: {"project": w.idea, "actor": w.youth_a, "to_stage": Stage.APPLIED},
    ),
    "project_member_leave": (
        projects_services.project_member_leave,
        lambda w: {"project": w.idea, "user": w.member},
    ),
    "outcome_report_submit": (projects_services.outcome_report_submit, _outcome),
    "enterprise_create": (
        partners_services.enterprise_create,
        lambda w: {
            "created_by": w.town_staff,
            "name": "New Partner Ltd",
            "uscc": make_uscc(9001),
            "centre": w.town_a,
            "contact_name": "Zhao Lei",
        },
    ),
    "enterprise_update": (
        partners_services.enterprise_update,
        lambda w: {"enterprise": w.enterprise, "actor": w.town_staff, "description": "新介绍"},
    ),
    "bank_create": (
        partners_services.bank_create,
        lambda w: {
            "created_by": w.town_staff,
            "name": "Rural Cooperative Bank",
            "branch": "New Branch",
            "centre": w.town_a,
            "base_interest_rate": Decimal("4.35"),
        },
    ),
    "bank_update": (
        partners_services.bank_update,
        lambda w: {"bank": w.bank, "actor": w.town_staff, "address": "新地址"},
    ),
    "youth_register": (
        accounts_services.youth_register,
        lambda w: {"user": w.newcomer, "name": "Chen Jing", "consented": True},
    ),
    "signup_attempt_notify": (
        accounts_services.signup_attempt_notify,
        lambda w: {"owner": w.youth_a, "channel": "email"},
    ),
    "identifier_check": (
        accounts_services.identifier_check,
        lambda w: {"user": w.youth_a, "field": "phone", "value": w.youth_b.phone, "taken": True},
    ),
    "youth_profile_update": (
        accounts_services.youth_profile_update,
        lambda w: {
            "profile": w.youth_a.youth_profile,
            "name": "Alice",
            "phone": "13800000001",
            "school": "Zhejiang University",
        },
    ),
    "youth_register_by_phone": (
        accounts_services.youth_register_by_phone,
        lambda w: {
            "phone": "13900007777",
            "name": "Wang Shan",
            "password": "Phone-first-2026",
            "consented": True,
        },
    ),
    "user_language_set": (
        accounts_services.user_language_set,
        lambda w: {"user": w.youth_a, "language": "en"},
    ),
    "ensure_rules": (loans_services.ensure_rules, lambda w: {}),
    "rule_update": (
        loans_services.rule_update,
        lambda w: {
            "rule": w.rule,
            "actor": w.district_staff,
            "value": 20,
            "active": True,
            "reason": "Bank policy",
        },
    ),  # fmt: skip
    "product_create": (
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
    "designation_create": (
        loans_services.designation_create,
        lambda w: {
            "actor": w.town_staff,
            "person": w.youth_a,
            "evidence": "Leads 20 households",
            "granted_on": timezone.localdate(),
            "expires_on": timezone.localdate() + datetime.timedelta(days=365),
        },
    ),
    "referral_create": (
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
    "referral_consent": (
        loans_services.referral_consent,
        lambda w: {"referral": w.referral, "actor": w.youth_a},
    ),
    "referral_transition": (
        loans_services.referral_transition,
        lambda w: {
            "referral": w.referral,
            "actor": w.town_staff,
            "to_status": "info_requested",
            "reason": "Sales, please",
        },
    ),  # fmt: skip
    "referral_approve": (
        loans_services.referral_approve,
        lambda w: {
            "referral": _sent(w),
            "actor": w.bank_officer,
            "amount": Decimal("40000"),
            "rate": Decimal("4.35"),
            "term_months": 24,
        },
    ),  # fmt: skip
    "referral_disburse": (
        loans_services.referral_disburse,
        lambda w: {
            "referral": _approved(w),
            "actor": w.bank_officer,
            "disbursed_on": timezone.localdate(),
        },
    ),  # fmt: skip
    "referral_repayment": (
        loans_services.referral_repayment,
        lambda w: {"referral": _disbursed(w), "actor": w.bank_officer, "repayment": "repaid"},
    ),
}


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


# Values of forbidden keys that need the cast are given as functions of it.
FORBIDDEN = {
    "project_create": {
        "stage": Stage.LAUNCHED,
        "signed_on": datetime.date(2020, 1, 1),
        "is_registered": True,
        "business_name": "注册名称",
        "uscc": make_uscc(4242),
        "investment": Decimal(1),
        "jobs_created": 5,
        "in_demo_park": True,
        "showcase_opt_in": True,
        "story": "故事",
        "fields": {"name": "新项目"},
    },
    "project_update": {
        "stage": Stage.LAUNCHED,
        "stage_changed_at": timezone.now,
        "launched_on": datetime.date(2020, 1, 1),
        "is_registered": True,
        "uscc": make_uscc(4242),
        "investment": Decimal(1),
        "jobs_created": 5,
        "jobs_for_youth": 5,
        "in_demo_park": True,
        "showcase_opt_in": True,
        "story": "故事",
        "lead": lambda w: w.youth_b,
        "fields": {"stage": Stage.LAUNCHED},
    },
    "project_facts_update": {
        "stage": Stage.OPERATING,
        "name": "改名",
        "centre": lambda w: w.town_b,
        "lead": lambda w: w.youth_b,
        "showcase_opt_in": True,
        "story": "故事",
        "fields": {"investment": Decimal(1)},
    },
    "project_showcase_update": {
        "stage": Stage.OPERATING,
        "name": "改名",
        "uscc": make_uscc(4242),
        "fields": {"story": "故事"},
    },
    "project_transition": {
        "signed_on": datetime.date(2020, 1, 1),
        "launched_on": datetime.date(2020, 1, 1),
        "stage": Stage.LAUNCHED,
        "fields": {"stage": Stage.APPLIED},
    },
    "project_member_leave": {
        "members": lambda w: [w.youth_b],
        "lead": lambda w: w.member,
    },
    "outcome_report_submit": {
        "stage": Stage.OPERATING,
        "jobs_created": 3,
        "reported_by": lambda w: w.youth_b,
        "fields": {"jobs": 3},
    },
    "enterprise_create": {
        "id": 4242,
        "created_at": timezone.now,
        "fields": {"name": "New Partner Ltd"},
        "partner": lambda w: Enterprise(name="New Partner Ltd"),
    },
    "enterprise_update": {
        "id": 4242,
        "pk": 4242,
        "created_at": timezone.now,
        "fields": {"description": "新介绍"},
        "partner": lambda w: w.enterprise,
        "user": lambda w: w.town_staff,
    },
    "bank_create": {
        "id": 4242,
        "created_at": timezone.now,
        "fields": {"name": "Rural Cooperative Bank"},
    },
    "bank_update": {
        "id": 4242,
        "created_at": timezone.now,
        "fields": {"address": "新地址"},
        "partner": lambda w: w.bank,
    },
    "youth_register": {
        "consent_policy_version": "1999-01",
        "consent_given_at": timezone.now,
        "language": "en",
        "is_staff": True,
        "email": "someone.else@example.com",
        "fields": {"name": "Chen Jing"},
    },
    "signup_attempt_notify": {
        "email": "someone.else@example.com",
        "phone": "13900009999",
        "recipient": lambda w: w.youth_b,
        "fields": {"channel": "sms"},
    },
    "identifier_check": {
        "phone": "13900009999",
        "national_id_hash": "0" * 64,
        "taken_message": "taken",
        "fields": {"field": "national_id"},
    },
    "youth_profile_update": {
        "consent_policy_version": "1999-01",
        "consent_given_at": timezone.now,
        "national_id_hash": "0" * 64,
        "user": lambda w: w.youth_b,
        "email": "someone.else@example.com",
        "is_staff": True,
        "fields": {"school": "Zhejiang University"},
    },
    "youth_register_by_phone": {
        "is_staff": True,
        "phone_verified_at": None,
        "consent_policy_version": "1999-01",
        "language": "en",
    },
    "user_language_set": {
        "is_staff": True,
        "name": "Somebody",
        "fields": {"language": "en"},
    },
    "ensure_rules": {"value": 10, "reason": "x"},
    "rule_update": {"code": "max_age", "changed_by": lambda w: w.youth_a, "fields": {}},
    "product_create": {"id": 4242, "created_at": timezone.now, "fields": {}},
    "designation_create": {"granted_by": lambda w: w.youth_b, "centre": lambda w: w.town_b},
    "referral_create": {
        "status": "referred",
        "centre": lambda w: w.town_b,
        "consent_at": timezone.now,
        "approved_amount": Decimal(1),
        "discount_yuan": Decimal(1),
        "fields": {},
    },
    "referral_consent": {"consent_at": timezone.now, "status": "referred"},
    "referral_transition": {
        "status": "approved",
        "decision_due_on": timezone.localdate,
        "approved_amount": Decimal(1),
    },
    "referral_approve": {
        "base_rate": Decimal(1),
        "wealth_leader": True,
        "discount_yuan": Decimal(1),
        "decided_at": timezone.now,
    },
    "referral_disburse": {"repayment": "repaid", "status": "approved"},
    "referral_repayment": {"status": "approved", "disbursed_on": timezone.localdate},
}

CASES = [(service, key) for service, keys in FORBIDDEN.items() for key in keys]


def _value(value, w):
    if callable(value):
        return value(w) if getattr(value, "__name__", "") == "<lambda>" else value()
    return value


def test_every_write_service_is_in_the_table():
    for module in (projects_services, partners_services, accounts_services, loans_services):
        for name, function in vars(module).items():
            public = inspect.isfunction(function) and not name.startswith("_")
            if public and function.__module__ == module.__name__:
                assert name in SERVICES, f"{module.__name__}.{name} has no row here"
    assert set(FORBIDDEN) == set(SERVICES)


@pytest.mark.parametrize("service", list(SERVICES))
def test_the_baseline_call_is_accepted(w, service):
    function, baseline = SERVICES[service]
    before = snapshot()

    function(**baseline(w))

    assert snapshot() != before


@pytest.mark.parametrize(("service", "key"), CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_it_refuses_a_field_the_service_does_not_name_and_writes_nothing(w, service, key):
    function, baseline = SERVICES[service]
    kwargs = baseline(w)
    before = snapshot()

    with pytest.raises(TypeError, match=f"'{key}'"):
        function(**kwargs, **{key: _value(FORBIDDEN[service][key], w)})

    assert snapshot() == before


def test_it_has_no_service_that_saves_a_whole_partner():
    assert not hasattr(partners_services, "partner_save")


# --- what a caller changed on the object it hands in is not saved ----------------------


def test_project_update_saves_only_what_it_names(w):
    project = w.idea
    project.stage = Stage.LAUNCHED
    project.launched_on = project.signed_on = timezone.localdate()
    project.uscc = make_uscc(4242)
    project.is_registered = True
    project.showcase_opt_in = True

    projects_services.project_update(project=project, actor=w.youth_a, name="新名称")

    saved = VentureProject.objects.get(pk=project.pk)
    assert saved.name == "新名称"
    assert (saved.stage, saved.launched_on, saved.uscc) == (Stage.IDEA, None, None)
    assert (saved.is_registered, saved.showcase_opt_in) == (False, False)
    assert list(saved.history.all()) == []
    assert Entry.objects.get(action="project.changed").data == {"fields": ["name"]}


def test_project_facts_update_leaves_the_stage_alone(w):
    project = w.launched
    project.stage = Stage.CLOSED
    project.name = "改名"

    projects_services.project_facts_update(project=project, actor=w.town_staff, jobs_created=4)

    saved = VentureProject.objects.get(pk=project.pk)
    assert (saved.stage, saved.name, saved.jobs_created) == (Stage.LAUNCHED, "已开业", 4)
    assert Entry.objects.get(action="project.facts_changed").data == {"fields": ["jobs_created"]}


def test_project_showcase_update_leaves_the_facts_alone(w):
    project = w.launched
    project.investment = Decimal(99)

    projects_services.project_showcase_update(
        project=project, actor=w.youth_a, opt_in=True, story="故事"
    )

    saved = VentureProject.objects.get(pk=project.pk)
    assert (saved.showcase_opt_in, saved.story, saved.investment) == (True, "故事", 0)


def test_enterprise_update_saves_only_what_it_names(w):
    enterprise = w.enterprise
    enterprise.name = "Renamed on the side"
    enterprise.centre = w.town_b  # outside the actor's scope: must not slip through

    partners_services.enterprise_update(
        enterprise=enterprise, actor=w.town_staff, description="新介绍"
    )

    saved = Enterprise.objects.get(pk=enterprise.pk)
    assert (saved.name, saved.centre, saved.description) == ("Own Ltd", w.town_a, "新介绍")
    assert Entry.objects.get(action="partner.changed").data == {"fields": ["description"]}


def test_bank_update_saves_only_what_it_names(w):
    bank = w.bank
    bank.base_interest_rate = Decimal("30")

    partners_services.bank_update(bank=bank, actor=w.town_staff, address="新地址")

    saved = Bank.objects.get(pk=bank.pk)
    assert (saved.base_interest_rate, saved.address) == (Decimal("4.35"), "新地址")


def test_enterprise_update_checks_the_stored_centre_not_the_callers_copy(w):
    other = w.other_enterprise
    other.centre = w.town_a  # a town B partner, dressed up as one of town A's

    with pytest.raises(PermissionDenied):
        partners_services.enterprise_update(
            enterprise=other, actor=w.town_staff, description="接管"
        )

    assert Enterprise.objects.get(pk=other.pk).description == ""


def test_youth_profile_update_leaves_the_consent_record_alone(w):
    profile = w.youth_a.youth_profile
    consented = YouthProfile.objects.get(pk=profile.pk).consent_policy_version
    profile.consent_policy_version = "1999-01"
    profile.user.is_staff = True

    accounts_services.youth_profile_update(
        profile=profile, name="Alice", phone="13800000001", school="Zhejiang University"
    )

    saved = YouthProfile.objects.select_related("user").get(pk=profile.pk)
    assert (saved.school, saved.consent_policy_version) == ("Zhejiang University", consented)
    assert not saved.user.is_staff
    assert Entry.objects.get(action="youth.profile_changed").data == {"fields": ["school"]}


def test_youth_register_saves_only_the_name_and_language(w):
    user = w.newcomer
    user.is_staff = True
    user.email = "someone.else@example.com"

    accounts_services.youth_register(user=user, name="Chen Jing", consented=True)

    saved = User.objects.get(pk=user.pk)
    assert saved.name == "Chen Jing"
    assert not saved.is_staff
    assert saved.email != "someone.else@example.com"
