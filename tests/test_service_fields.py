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
from notifications.models import Message
from partners import services as partners_services
from partners.models import Bank, Enterprise
from projects import services as projects_services
from projects.models import OutcomeReport, ProjectPhoto, Stage, StageChange, VentureProject
from projects.reminders import previous_quarter
from training import services as training_services
from training.models import (
    Attendance,
    Certificate,
    Course,
    Enrolment,
    EnrolmentChange,
    SavedCourse,
    Session,
    Venue,
)

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
    Venue,
    Course,
    Session,
    Enrolment,
    EnrolmentChange,
    SavedCourse,
    Attendance,
    Certificate,
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
        **_training(cast, village_a1, town_a),
    )


def _training(cast, village_a1, town_a) -> dict:
    """A course at village A1 with a session, youth_a seated and present (completed, not yet
    certified), a certified enrolment of an order-based course shared with its enterprise."""
    from tests.training.conftest import add_sessions, make_course

    course = make_course(village_a1, capacity=3, completion_percent=100)
    (session,) = add_sessions(course, 1)
    seated = training_services.enrolment_create(youth=cast["youth_a"], course=course)
    Attendance.objects.create(session=session, enrolment=seated)
    Enrolment.objects.filter(pk=seated.pk).update(completed=True)
    # Present but not yet counted as completed: completion_update has something to do.
    other = YouthProfileFactory(home_centre=village_a1).user
    present = training_services.enrolment_create(youth=other, course=course)
    Attendance.objects.create(session=session, enrolment=present)
    enterprise = cast["enterprise_contact"].partner_membership.enterprise
    order = make_course(town_a, kind="order", enterprise=enterprise, title="Order")
    shared = Enrolment.objects.create(
        course=order, youth=cast["youth_b"], status="confirmed", completed=True,
        share_with_enterprise=True,
    )  # fmt: skip
    Certificate.objects.create(
        enrolment=shared, number="YV-T-1", grade="V", issued_on=timezone.localdate(), issuer="X"
    )
    return {"course": course, "session": session, "seated": seated, "shared": shared}


def _course_values(w) -> dict:
    now = timezone.now()
    return {
        "actor": w.village_staff,
        "title": "新课程",
        "kind": "skills",
        "centre": w.village_a1,
        "venue": w.course.venue,
        "capacity": 10,
        "enrol_opens": now,
        "enrol_closes": now + datetime.timedelta(days=3),
    }


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
    "venue_create": (
        training_services.venue_create,
        lambda w: {"actor": w.town_staff, "name": "新场地", "kind": "base", "centre": w.town_a},
    ),
    "course_create": (training_services.course_create, _course_values),
    "course_update": (
        training_services.course_update,
        lambda w: {"course": w.course, "actor": w.town_staff, "title": "新名称"},
    ),
    "session_create": (
        training_services.session_create,
        lambda w: {
            "course": w.course,
            "actor": w.town_staff,
            "topic": "第二讲",
            "starts_at": timezone.now(),
            "ends_at": timezone.now() + datetime.timedelta(hours=1),
        },
    ),
    "enrolment_create": (
        training_services.enrolment_create,
        lambda w: {"youth": w.youth_b, "course": w.course},
    ),
    "enrolment_cancel": (
        training_services.enrolment_cancel,
        lambda w: {"enrolment": w.seated, "actor": w.youth_a},
    ),
    "course_save_toggle": (
        training_services.course_save_toggle,
        lambda w: {"youth": w.youth_b, "course": w.course},
    ),
    "attendance_set": (
        training_services.attendance_set,
        lambda w: {"session": w.session, "actor": w.village_staff, "present": set()},
    ),
    "attendance_add": (
        training_services.attendance_add,
        lambda w: {
            "session": add_session(w.course),
            "actor": w.village_staff,
            "enrolment_ids": [w.seated.pk],
        },
    ),
    "completion_update": (
        training_services.completion_update,
        lambda w: {"course": Course.objects.get(pk=w.course.pk), "actor": w.village_staff},
    ),
    "certificates_issue": (
        training_services.certificates_issue,
        lambda w: {"course": w.course, "actor": w.village_staff, "grade": "五级"},
    ),
    "certificate_revoke": (
        training_services.certificate_revoke,
        lambda w: {
            "certificate": w.shared.certificate,
            "actor": w.town_staff,
            "reason": "Fraud",
        },
    ),
    "placement_record": (
        training_services.placement_record,
        lambda w: {"enrolment": w.shared, "actor": w.enterprise_contact, "placement": "offered"},
    ),
}


def add_session(course):
    from tests.training.conftest import add_sessions

    return add_sessions(course, 1)[0]


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
    "venue_create": {"courses": []},
    "course_create": {"seats_taken": 0, "created_at": timezone.now},
    "course_update": {"seats_taken": 0, "fields": {"title": "x"}},
    "session_create": {"course_id": 1},
    "enrolment_create": {"status": "confirmed", "completed": True, "placement": "placed"},
    "enrolment_cancel": {"status": "cancelled"},
    "course_save_toggle": {"saved": True},
    "attendance_set": {"recorded_by": None},
    "attendance_add": {"present": set()},
    "completion_update": {"completed": True},
    "certificates_issue": {"number": "X-1", "enrolments": []},
    "certificate_revoke": {"revoked_at": timezone.now},
    "placement_record": {"completed": True, "status": "confirmed"},
}

CASES = [(service, key) for service, keys in FORBIDDEN.items() for key in keys]


def _value(value, w):
    if callable(value):
        return value(w) if getattr(value, "__name__", "") == "<lambda>" else value()
    return value


def test_every_write_service_is_in_the_table():
    for module in (projects_services, partners_services, accounts_services, training_services):
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
