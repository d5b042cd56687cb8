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
from jobs import services as jobs_services
from jobs.models import (
    Application,
    ApplicationChange,
    FairRegistration,
    FairStand,
    ImportBatch,
    JobFair,
    Placement,
    Status,
    Vacancy,
)
from notifications.models import Message
from partners import services as partners_services
from partners.models import Bank, Enterprise
from projects import services as projects_services
from projects.models import OutcomeReport, ProjectPhoto, Stage, StageChange, VentureProject
from projects.reminders import previous_quarter

from .factories import (
    BankFactory,
    EnterpriseFactory,
    PartnerMemberFactory,
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
    Vacancy,
    Application,
    ApplicationChange,
    Placement,
    ImportBatch,
    JobFair,
    FairStand,
    FairRegistration,
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
    )


@pytest.fixture
def jw(w):
    """The jobs objects: an open vacancy of the town's employer, youth A's application."""
    w.vacancy = Vacancy.objects.create(
        enterprise=w.enterprise,
        title="分割工",
        places=3,
        pay_min=4000,
        pay_max=5000,
        location_kind="district",
        location="城关",
        sector="manufacturing",
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    w.application = Application.objects.create(vacancy=w.vacancy, youth=w.youth_a)
    w.batch = ImportBatch.objects.create(
        uploaded_by=w.town_staff,
        centre=w.town_a,
        file_name="a.csv",
        content=b"",
        status="previewed",
    )
    w.fair = JobFair.objects.create(
        title="春季招聘会",
        centre=w.town_a,
        venue="镇文化广场",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    w.registration = FairRegistration.objects.create(fair=w.fair, youth=w.youth_b)
    w.contact = PartnerMemberFactory(enterprise=w.enterprise).user
    return w


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
    "vacancy_create": (
        jobs_services.vacancy_create,
        lambda w: {
            "actor": w.town_staff,
            "enterprise": w.enterprise,
            "title": "熔炼工",
            "places": 2,
            "pay_min": 5000,
            "pay_max": 7000,
            "location_kind": "export",
            "location": "宁波",
            "sector": "manufacturing",
            "requirements": "",
            "closes_on": timezone.localdate() + datetime.timedelta(days=5),
        },
    ),
    "vacancy_close": (
        jobs_services.vacancy_close,
        lambda w: {"vacancy": w.vacancy, "actor": w.town_staff},
    ),
    "application_create": (
        jobs_services.application_create,
        lambda w: {"vacancy": w.vacancy, "youth": w.youth_b},
    ),
    "application_transition": (
        jobs_services.application_transition,
        lambda w: {
            "application": w.application,
            "to_status": Status.SHORTLISTED,
            "actor": w.town_staff,
        },
    ),
    "placement_record": (
        jobs_services.placement_record,
        lambda w: {
            "recorded_by": w.town_staff,
            "youth": w.youth_a,
            "employer_name": "鑫达有色金属",
            "job_title": "熔炼工",
            "start_date": datetime.date(2024, 1, 1),
            "how_found": "fair",
        },
    ),
    "import_upload": (
        jobs_services.import_upload,
        lambda w: {"uploaded_by": w.town_staff, "file_name": "b.csv", "content": b"x"},
    ),
    "import_confirm": (
        jobs_services.import_confirm,
        lambda w: {"batch": w.batch, "actor": w.town_staff},
    ),
    "fair_create": (
        jobs_services.fair_create,
        lambda w: {
            "created_by": w.town_staff,
            "title": "秋季招聘会",
            "venue": "广场",
            "starts_at": timezone.now() + datetime.timedelta(days=9),
        },
    ),
    "fair_stand_book": (
        jobs_services.fair_stand_book,
        lambda w: {"fair": w.fair, "actor": w.contact},
    ),
    "fair_register": (jobs_services.fair_register, lambda w: {"fair": w.fair, "youth": w.youth_a}),
    "fair_attendance_record": (
        jobs_services.fair_attendance_record,
        lambda w: {"fair": w.fair, "actor": w.town_staff, "came": [w.registration.pk]},
    ),
}
JOBS_SERVICES = {
    "fair_create",
    "fair_stand_book",
    "fair_register",
    "fair_attendance_record",
    "vacancy_create",
    "vacancy_close",
    "application_create",
    "application_transition",
    "placement_record",
    "import_upload",
    "import_confirm",
}

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
    "vacancy_create": {"status": "closed", "filled": 2, "posted_by": lambda w: w.youth_b},
    "vacancy_close": {"filled": 3, "places": 1, "fields": {"status": "closed"}},
    "application_create": {"status": Status.HIRED, "reason": "x", "fields": {"message": ""}},
    "application_transition": {"vacancy": lambda w: w.vacancy, "youth": lambda w: w.youth_b},
    "placement_record": {"job_key": "x|y", "batch": lambda w: w.batch, "vacancy": None},
    "import_upload": {"status": "done", "created": 5, "centre": lambda w: w.town_b},
    "import_confirm": {"status": "done", "created": 5},
    "fair_create": {"centre": lambda w: w.town_b, "created_at": timezone.now},
    "fair_stand_book": {"enterprise": lambda w: w.other_enterprise},
    "fair_register": {"attended": True},
    "fair_attendance_record": {"attended": True, "youth": lambda w: w.youth_a},
}

CASES = [(service, key) for service, keys in FORBIDDEN.items() for key in keys]


def _value(value, w):
    if callable(value):
        return value(w) if getattr(value, "__name__", "") == "<lambda>" else value()
    return value


def test_every_write_service_is_in_the_table():
    for module in (projects_services, partners_services, accounts_services, jobs_services):
        for name, function in vars(module).items():
            public = inspect.isfunction(function) and not name.startswith("_")
            if public and function.__module__ == module.__name__:
                assert name in SERVICES, f"{module.__name__}.{name} has no row here"
    assert set(FORBIDDEN) == set(SERVICES)


@pytest.fixture
def w_for(request):
    """The objects a service's rows need (the jobs services need a vacancy as well)."""
    return lambda service: request.getfixturevalue("jw" if service in JOBS_SERVICES else "w")


@pytest.mark.parametrize("service", list(SERVICES))
def test_the_baseline_call_is_accepted(w_for, service):
    w = w_for(service)
    function, baseline = SERVICES[service]
    before = snapshot()

    function(**baseline(w))

    assert snapshot() != before


@pytest.mark.parametrize(("service", "key"), CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_it_refuses_a_field_the_service_does_not_name_and_writes_nothing(w_for, service, key):
    w = w_for(service)
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
