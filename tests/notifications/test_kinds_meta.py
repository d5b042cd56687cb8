"""Meta-test: every kind of message has all its templates, in both languages.

The kinds are the ones the apps register in their ``reminders.py`` (read once the apps are
loaded, so a new kind is checked without touching this file). For each channel a kind is
sent on, its templates (``templates/notifications/messages/<code>/``: ``subject.txt`` and
``body.txt`` for e-mail and the in-app inbox, ``sms.txt`` for text messages) must exist,
render with a context like the one the kind is sent with, and read differently in Chinese
and in English: a phrase missing from a catalogue would go out in English to everyone.
"""

import copy
import importlib.util
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import OrgUnit, User
from facilities.models import BookClubMember, Borrowing
from guidance.models import Case, CaseChange, Consultation
from internships.models import (
    Application,
    ApplicationChange,
    EvaluationKind,
    Placement,
    Position,
    Station,
)
from internships.models import Status as InternshipStatus
from jobs.models import ApplicationChange as JobApplicationChange
from jobs.models import Status as JobStatus
from jobs.models import Vacancy
from notifications import registry
from partners.models import Enterprise
from projects.models import Stage, StageChange, VentureProject
from training.models import Certificate, Course, Session

TEMPLATES_OF_CHANNEL = {
    "email": ("subject.txt", "body.txt"),
    "inapp": ("subject.txt", "body.txt"),
    "sms": ("sms.txt",),
}
KINDS = registry.all_kinds()
CASES = [
    pytest.param(kind.code, name, id=f"{kind.code}-{name}")
    for kind in KINDS
    for name in sorted({t for channel in kind.channels for t in TEMPLATES_OF_CHANNEL[channel]})
]
MISSING = "<<missing variable: %s>>"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _context(code: str, *, neutral: bool = False) -> dict:
    """What ``notify()`` passes (recipient, site_url, url) and what the kind adds, like its
    senders do. Plain ASCII, so that Chinese in the output can only come from the catalogue;
    with ``neutral`` the stage names (translated themselves) read the same in every language
    and the dates are left out (their formats differ by language, and Chinese ones have
    年月日), so that only the template's own words can differ."""
    centre = OrgUnit(name="Green Hill Village", code="ghv", level=OrgUnit.Level.VILLAGE)
    project = VentureProject(name="Tea Garden", centre=centre, stage=Stage.UNDER_REVIEW)
    change = StageChange(
        project=project, from_stage=Stage.UNDER_REVIEW, to_stage=Stage.SIGNED, reason="Good plan"
    )
    if neutral:
        project.get_stage_display = lambda: "STAGE-A"
        change.get_from_stage_display = lambda: "STAGE-A"
        change.get_to_stage_display = lambda: "STAGE-B"
    when = "" if neutral else timezone.make_aware(datetime(2026, 3, 14, 9, 30))
    station = Station(enterprise=Enterprise(name="Tea Co"))
    position = Position(station=station, title="Assistant")
    application = Application(
        position=position,
        status=InternshipStatus.INTERVIEW,
        interview_at=when or None,
        interview_place="Room 3",
    )
    application_change = ApplicationChange(
        application=application, to_status=InternshipStatus.INTERVIEW, reason="Welcome"
    )
    if neutral:
        application_change.get_to_status_display = lambda: "STATUS-B"
    placement = Placement(
        youth=User(name="Dan", email="dan@example.com"),
        position=position,
        station=station,
        end_date=None if neutral else datetime(2027, 3, 14).date(),
    )
    evaluation = "KIND" if neutral else EvaluationKind.MIDTERM.label
    vacancy = Vacancy(
        title="Sausage maker", enterprise=Enterprise(name="Meat Co"), places=3, filled=1
    )
    if not neutral:
        vacancy.closes_on = when.date()
    job_change = JobApplicationChange(to_status=JobStatus.DECLINED, reason="No licence")
    if neutral:
        job_change.get_to_status_display = lambda: "STATUS-B"
    samples = {
        "accounts.welcome": {},
        "accounts.profile_incomplete": {"registered": when},
        "accounts.email_unverified": {"registered": when},
        "accounts.signup_attempt": {},
        "accounts.sms_code": {},  # the outbox's record of a code, with the code blanked
        "accounts.invitation": {
            "invitation": SimpleNamespace(name="Bob", email="bob@example.com"),
            "offer": "Officer at Green Hill Village",
            "inviter": User(name="Carol", email="carol@example.com"),
            "expires_at": when,
        },
        "projects.stage_changed": {"project": project, "change": change},
        "projects.review_overdue": {"project": project, "days": 12},
        "projects.outcome_due": {"project": project, "year": 2026, "quarter": 1},
        "mentors.request_new": {"youth_name": "Alice", "proposed": False},
        "mentors.match_changed": {
            "match": SimpleNamespace(get_status_display=lambda: "STATUS-A"),
            "reason": "Moved away",
        },
        "mentors.session_planned": {"mentor_name": "Carol", "when": when},
        "mentors.session_to_confirm": {"mentor_name": "Carol", "when": when},
        "mentors.request_pending": {"youth_name": "Alice", "days": 3},
        "mentors.request_expired": {"mentor_name": "Carol"},
        "mentors.session_tomorrow": {"other_name": "Carol", "when": when},
        "mentors.no_session": {"youth_name": "Alice", "days": 31},
        "internships.application_changed": {
            "application": application,
            "change": application_change,
        },
        "internships.interview_tomorrow": {"application": application},
        "internships.evaluation_due": {"placement": placement, "kind": evaluation, "due": when},
        "internships.evaluation_overdue": {
            "placement": placement,
            "kind": evaluation,
            "due": when,
        },
        "internships.placement_ending": {"placement": placement, "host": "Tea Co"},
        "jobs.new_applicant": {"vacancy": vacancy},
        "jobs.offer_made": {"vacancy": vacancy},
        "jobs.status_changed": {"vacancy": vacancy, "change": job_change},
        "jobs.vacancy_closing": {"vacancy": vacancy, "left": 2},
        "jobs.fair_tomorrow": {
            "fair": SimpleNamespace(title="Spring Fair", venue="Town Hall", starts_at=when)
        },
        **_guidance_samples(centre, when, neutral),
        "training.promoted": {"course": Course(title="Tea Basics")},
        "training.certificate_issued": {
            "course": Course(title="Tea Basics"),
            "certificate": Certificate(number="YV2026-1", grade="Grade V"),
        },
        "training.session_tomorrow": {
            "course": Course(title="Tea Basics"),
            "session": Session(topic="Lesson 1", starts_at=when or None),
        },
        "training.closing_soon": {"course": Course(title="Tea Basics")},
        **_loan_samples(centre, neutral, when),
    }
    assert code in samples, f"no sample context for {code}: add one to _context() here"
    return {
        "recipient": User(name="Alice", email="alice@example.com", phone="13800000001"),
        "site_url": "https://portal.example.cn",
        "url": "https://portal.example.cn/link",
        **samples[code],
    }


def _guidance_samples(centre, when, neutral: bool) -> dict:
    case = Case(pk=27, centre=centre, kind="wages", status="mediation")
    change = CaseChange(case=case, from_status="open", to_status="mediation", note="Friday 9:00")
    consultation = Consultation(centre=centre, topic="career", follow_up_on=when or None)
    if neutral:
        case.get_kind_display = lambda: "KIND-A"
        case.get_status_display = lambda: "STATUS-A"
        change.get_to_status_display = lambda: "STATUS-B"
        consultation.get_topic_display = lambda: "TOPIC-A"
    member = BookClubMember(centre=centre, name="Reader", card_number="A1-0001")
    borrowing = Borrowing(member=member, title="Poems")
    return {
        "facilities.book_overdue": {"borrowing": borrowing, "member": member},
        "guidance.followup_due": {"consultation": consultation},
        "guidance.case_assigned": {"case": case},
        "guidance.case_stale": {"case": case, "days": 15},
        "guidance.case_progress": {"case": case, "change": change},
    }


def _loan_samples(centre, neutral: bool, when) -> dict:
    from loans.models import Referral, ReferralChange, Status, WealthLeader
    from partners.models import Bank

    bank = Bank(name="Green Bank", branch="Main")
    referral = Referral(pk=7, bank=bank, centre=centre, status=Status.APPROVED)
    referral.decision_due_on = None if neutral else when.date()
    change = ReferralChange(referral=referral, to_status=Status.APPROVED, reason="Sales shown")
    if neutral:
        referral.get_status_display = lambda: "STAGE-A"
    leader = WealthLeader(person=User(name="Dave"), expires_on=None if neutral else when.date())
    return {
        "loans.received": {"referral": referral},
        "loans.decided": {"referral": referral, "change": change},
        "loans.info_requested": {"referral": referral, "change": change},
        "loans.decision_overdue": {"referral": referral},
        "loans.designation_expiring": {"designation": leader},
    }


def _render(code: str, name: str, language: str, **options) -> str:
    with translation.override(language):
        return render_to_string(f"notifications/messages/{code}/{name}", _context(code, **options))


@pytest.fixture
def strict_templates(settings):
    """A variable the context lacks renders as a marker instead of nothing."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0].setdefault("OPTIONS", {})["string_if_invalid"] = MISSING
    settings.TEMPLATES = templates


def test_the_apps_have_registered_their_kinds():
    declaring = [
        app.label
        for app in apps.get_app_configs()
        if importlib.util.find_spec(f"{app.name}.reminders") is not None
    ]
    assert declaring, "no app has a reminders.py"
    for label in declaring:
        assert any(k.code.startswith(f"{label}.") for k in KINDS), f"{label}/reminders.py"


def test_this_test_knows_every_channel():
    assert set(TEMPLATES_OF_CHANNEL) == set(registry.CHANNELS_ALL)
    for kind in KINDS:
        assert kind.channels and set(kind.channels) <= set(registry.CHANNELS_ALL), kind.code


def test_every_template_directory_belongs_to_a_kind():
    messages = Path(django_settings.BASE_DIR) / "templates" / "notifications" / "messages"
    directories = {path.name for path in messages.iterdir() if path.is_dir()}
    assert directories == {kind.code for kind in KINDS}


def assert_rendered_in_both_languages(code: str, name: str) -> None:
    languages = [language for language, _ in django_settings.LANGUAGES]
    assert sorted(languages) == ["en", "zh-hans"]
    for language in languages:
        text = _render(code, name, language).strip()
        assert text, f"{code}/{name} is empty in {language}"
        assert "<<missing variable" not in text, f"{code}/{name} in {language}: {text}"

    zh, en = (_render(code, name, language, neutral=True) for language in ("zh-hans", "en"))
    assert zh != en, f"{code}/{name} is not translated: {en!r}"
    assert CJK.search(zh), f"{code}/{name} has no Chinese: {zh!r}"
    assert not CJK.search(en), f"{code}/{name} has Chinese in English: {en!r}"


@pytest.mark.parametrize(("code", "name"), CASES)
def test_the_template_renders_in_both_languages_and_differently(strict_templates, code, name):
    assert_rendered_in_both_languages(code, name)
