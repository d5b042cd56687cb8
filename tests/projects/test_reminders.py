"""The projects app's periodic reminders: review overdue (to staff) and outcome due (to leads)."""

import datetime
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from notifications.services import run_reminders
from projects.models import OutcomeReport, RevenueBand, Stage, VentureProject
from projects.reminders import OUTCOME_DUE, REVIEW_OVERDUE, previous_quarter

from ..factories import StaffProfileFactory, VentureProjectFactory

UTC = datetime.UTC


@pytest.fixture
def now():
    return timezone.now()


def _rows(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__email", "channel"))


def _waiting(lead, centre, days, stage=Stage.APPLIED, now=None, name="待审项目"):
    project = VentureProjectFactory(name=name, lead=lead, centre=centre, stage=stage)
    when = (now or timezone.now()) - days
    VentureProject.objects.filter(pk=project.pk).update(stage_changed_at=when)
    project.refresh_from_db()
    return project


# --- review overdue -----------------------------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.UNDER_REVIEW])
def test_it_reminds_the_centres_staff_of_a_project_waiting_more_than_ten_days(
    cast, youth_a, village_a1, now, stage
):
    project = _waiting(youth_a, village_a1, timedelta(days=11), stage=stage, now=now)

    written = run_reminders(now=now)

    assert written[REVIEW_OVERDUE.code] == 1
    # Only the village officer: the town and district are not bothered while A1 has staff.
    assert _rows(REVIEW_OVERDUE.code) == [
        ("village@example.com", "email"),
        ("village@example.com", "inapp"),
    ]
    email = Message.objects.get(kind=REVIEW_OVERDUE.code, channel="email")
    assert email.url == settings.SITE_URL + reverse("projects:detail", args=[project.pk])
    assert email.url in email.body
    assert "待审项目" in email.body
    assert "阶段 11 天" in email.body  # the days it has waited


def test_it_reminds_every_staff_member_of_the_centre(cast, youth_a, village_a1, now):
    second = StaffProfileFactory(user__email="village2@example.com", centre=village_a1).user
    _waiting(youth_a, village_a1, timedelta(days=12), now=now)

    run_reminders(now=now)

    people = set(Message.objects.filter(kind=REVIEW_OVERDUE.code).values_list("recipient__email"))
    assert people == {("village@example.com",), (second.email,)}


def test_it_goes_up_the_tree_to_the_nearest_centre_with_staff(cast, youth_a, village_a2, now):
    # Village A2 has no staff: its town's officer is reminded, not the district.
    _waiting(youth_a, village_a2, timedelta(days=15), now=now)

    run_reminders(now=now)

    assert _rows(REVIEW_OVERDUE.code) == [
        ("town.a@example.com", "email"),
        ("town.a@example.com", "inapp"),
    ]


def test_it_reminds_the_district_when_no_centre_below_has_staff(
    district_staff, youth_a, village_a2, now
):
    # Only the district coordinator exists in this tree.
    _waiting(youth_a, village_a2, timedelta(days=15), now=now)

    run_reminders(now=now)

    assert _rows(REVIEW_OVERDUE.code) == [
        ("district@example.com", "email"),
        ("district@example.com", "inapp"),
    ]


def test_it_skips_deactivated_staff_and_goes_up_to_someone_who_can_act(
    cast, village_staff, youth_a, village_a1, now
):
    # The village officer has left and their account was switched off: the reminder must
    # reach the town, not an account nobody reads (the accounts reminders skip inactive
    # people too).
    village_staff.is_active = False
    village_staff.save(update_fields=["is_active"])
    _waiting(youth_a, village_a1, timedelta(days=12), now=now)

    run_reminders(now=now)

    assert _rows(REVIEW_OVERDUE.code) == [
        ("town.a@example.com", "email"),
        ("town.a@example.com", "inapp"),
    ]


def test_it_does_not_remind_staff_below_or_beside_the_projects_centre(cast, youth_b, town_b, now):
    # A project registered with town B itself: town B's officer, never town A or village A1.
    _waiting(youth_b, town_b, timedelta(days=20), now=now)

    run_reminders(now=now)

    assert _rows(REVIEW_OVERDUE.code) == [
        ("town.b@example.com", "email"),
        ("town.b@example.com", "inapp"),
    ]


@pytest.mark.parametrize(
    "waited", [timedelta(days=9), timedelta(days=10) - timedelta(minutes=1), timedelta(0)]
)
def test_it_does_not_remind_before_ten_days(cast, youth_a, village_a1, now, waited):
    _waiting(youth_a, village_a1, waited, now=now)

    written = run_reminders(now=now)

    assert written[REVIEW_OVERDUE.code] == 0
    assert not Message.objects.filter(kind=REVIEW_OVERDUE.code).exists()


def test_it_reminds_at_exactly_ten_days(cast, youth_a, village_a1, now):
    _waiting(youth_a, village_a1, timedelta(days=10), now=now)

    assert run_reminders(now=now)[REVIEW_OVERDUE.code] == 1


@pytest.mark.parametrize(
    "stage",
    [Stage.IDEA, Stage.SIGNED, Stage.LAUNCHED, Stage.OPERATING, Stage.CLOSED, Stage.REJECTED],
)
def test_it_does_not_remind_about_projects_not_waiting_for_review(
    cast, youth_a, village_a1, now, stage
):
    _waiting(youth_a, village_a1, timedelta(days=40), stage=stage, now=now)

    assert run_reminders(now=now)[REVIEW_OVERDUE.code] == 0
    assert not Message.objects.filter(kind=REVIEW_OVERDUE.code).exists()


def test_it_reminds_once_per_waiting_period(cast, youth_a, village_a1, now):
    project = _waiting(youth_a, village_a1, timedelta(days=11), now=now)
    run_reminders(now=now)

    for later in (timedelta(hours=1), timedelta(days=1), timedelta(days=30)):
        assert run_reminders(now=now + later)[REVIEW_OVERDUE.code] == 0
    assert Message.objects.filter(kind=REVIEW_OVERDUE.code).count() == 2

    # Moved on to "under review", which then waits again: a new waiting period.
    VentureProject.objects.filter(pk=project.pk).update(
        stage=Stage.UNDER_REVIEW, stage_changed_at=now + timedelta(days=31)
    )
    assert run_reminders(now=now + timedelta(days=40))[REVIEW_OVERDUE.code] == 0
    assert run_reminders(now=now + timedelta(days=41))[REVIEW_OVERDUE.code] == 1
    assert run_reminders(now=now + timedelta(days=42))[REVIEW_OVERDUE.code] == 0
    assert Message.objects.filter(kind=REVIEW_OVERDUE.code).count() == 4


# --- outcome due --------------------------------------------------------------------------


def _launched(lead, centre, launched_on, stage=Stage.LAUNCHED, name="已开业项目"):
    return VentureProjectFactory(
        name=name,
        lead=lead,
        centre=centre,
        stage=stage,
        signed_on=launched_on - timedelta(days=30),
        launched_on=launched_on,
    )


def _report(project, year, quarter):
    OutcomeReport.objects.create(
        project=project,
        year=year,
        quarter=quarter,
        jobs=3,
        jobs_for_youth=1,
        revenue_band=RevenueBand.UNDER_50K,
        reported_by=project.lead,
    )


@pytest.mark.parametrize("stage", [Stage.LAUNCHED, Stage.OPERATING])
def test_it_asks_the_lead_for_last_quarters_figures(youth_a, village_a1, now, stage):
    year, quarter, ended = previous_quarter(timezone.localdate(now))
    project = _launched(youth_a, village_a1, ended - timedelta(days=45), stage=stage)

    written = run_reminders(now=now)

    assert written[OUTCOME_DUE.code] == 1
    assert _rows(OUTCOME_DUE.code) == [
        ("youth.a@example.com", "email"),
        ("youth.a@example.com", "inapp"),
        ("youth.a@example.com", "sms"),
    ]
    message = Message.objects.get(kind=OUTCOME_DUE.code, channel="email")
    assert message.key == f"project-{project.pk}-outcome-{year}q{quarter}:email"
    assert message.url == settings.SITE_URL + reverse("projects:outcome_create", args=[project.pk])
    assert str(year) in message.body


def test_it_asks_for_the_figures_only_once(youth_a, village_a1, now):
    _, _, ended = previous_quarter(timezone.localdate(now))
    _launched(youth_a, village_a1, ended - timedelta(days=45))
    run_reminders(now=now)

    assert run_reminders(now=now + timedelta(hours=2))[OUTCOME_DUE.code] == 0
    assert Message.objects.filter(kind=OUTCOME_DUE.code).count() == 3


def test_it_does_not_ask_a_project_that_has_reported(youth_a, village_a1, now):
    year, quarter, ended = previous_quarter(timezone.localdate(now))
    project = _launched(youth_a, village_a1, ended - timedelta(days=45))
    _report(project, year, quarter)

    assert run_reminders(now=now)[OUTCOME_DUE.code] == 0
    assert not Message.objects.filter(kind=OUTCOME_DUE.code).exists()


def test_it_does_not_ask_a_project_launched_after_the_quarter_ended(youth_a, village_a1, now):
    _, _, ended = previous_quarter(timezone.localdate(now))
    _launched(youth_a, village_a1, ended + timedelta(days=1))

    assert run_reminders(now=now)[OUTCOME_DUE.code] == 0


def test_it_asks_a_project_launched_on_the_last_day_of_the_quarter(youth_a, village_a1, now):
    _, _, ended = previous_quarter(timezone.localdate(now))
    _launched(youth_a, village_a1, ended)

    assert run_reminders(now=now)[OUTCOME_DUE.code] == 1


@pytest.mark.parametrize(
    "stage", [Stage.IDEA, Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.CLOSED]
)
def test_it_does_not_ask_projects_that_are_not_launched(youth_a, village_a1, now, stage):
    _, _, ended = previous_quarter(timezone.localdate(now))
    VentureProjectFactory(
        lead=youth_a,
        centre=village_a1,
        stage=stage,
        launched_on=ended - timedelta(days=100) if stage == Stage.CLOSED else None,
    )

    assert run_reminders(now=now)[OUTCOME_DUE.code] == 0


def test_it_asks_a_project_whose_older_reports_match_the_year_and_the_quarter_apart(
    youth_a, village_a1
):
    # In Q4 2026 the figures of 2026 Q3 are due. The project reported 2026 Q2 (same year)
    # and 2025 Q3 (same quarter), but not 2026 Q3: it must be asked.
    now = datetime.datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
    project = _launched(youth_a, village_a1, datetime.date(2025, 3, 1))
    _report(project, 2026, 2)
    _report(project, 2025, 3)

    written = run_reminders(now=now)

    assert written[OUTCOME_DUE.code] == 1
    assert Message.objects.filter(
        kind=OUTCOME_DUE.code, key=f"project-{project.pk}-outcome-2026q3:email"
    ).exists()


def test_it_asks_for_the_quarter_that_ended_in_the_districts_time_zone(youth_a, village_a1):
    # 1 January 2027, 01:00 in Shanghai (UTC+8) is still 31 December in UTC; 2026 Q4 has
    # ended for everyone in the district and its figures may be reported already.
    now = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    assert timezone.localdate(now) == datetime.date(2027, 1, 1)
    project = _launched(youth_a, village_a1, datetime.date(2026, 1, 15))
    _report(project, 2026, 3)

    written = run_reminders(now=now)

    assert written[OUTCOME_DUE.code] == 1
    assert Message.objects.filter(
        kind=OUTCOME_DUE.code, key=f"project-{project.pk}-outcome-2026q4:email"
    ).exists()


def test_it_computes_the_previous_quarter_as_the_last_one_that_ended():
    assert previous_quarter(datetime.date(2026, 1, 1)) == (2025, 4, datetime.date(2025, 12, 31))
    assert previous_quarter(datetime.date(2026, 3, 31)) == (2025, 4, datetime.date(2025, 12, 31))
    assert previous_quarter(datetime.date(2026, 4, 1)) == (2026, 1, datetime.date(2026, 3, 31))
    assert previous_quarter(datetime.date(2026, 8, 15)) == (2026, 2, datetime.date(2026, 6, 30))
    assert previous_quarter(datetime.date(2026, 12, 31)) == (2026, 3, datetime.date(2026, 9, 30))
