"""Acceptance 1 of issue 19: every figure equals a count made independently, in plain Python,
from the records the test wrote, for a district, a town and a village viewer and for several
periods; a young person counts once per outcome kind whichever services recorded it.

The world: district d with towns A (villages A1, A2) and B (village B1). Records of every kind
are written at several centres and dates (this year, last year); each write also notes a
*fact* (centre, date, person, amount) under the figure keys it should count for. The expected
value is worked out from the facts alone, never with the ORM.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.utils import timezone

from core import periods
from core.figures import FIGURES, OUTCOME_SOURCES, OUTCOMES
from facilities.models import BookClubMember, Newsstand
from guidance.models import CaseChange, Consultation
from guidance.models import Status as CaseStatus
from internships.models import Outcome, PlacementStatus
from internships.models import Status as InternStatus
from jobs.models import Placement as JobPlacement
from loans.models import LoanProduct
from loans.models import Status as LoanStatus
from mentors.models import SessionStatus
from mentors.models import Status as MatchStatus
from projects.models import Stage
from training.models import Attendance, Certificate, CourseKind, Enrolment, Session
from training.models import Placement as Hire

from ..factories import BankFactory, EnterpriseFactory, VentureProjectFactory, YouthProfileFactory
from ..guidance.conftest import make_case
from ..internships.helpers import application, placement, position_at, station_for
from ..loans.conftest import designate, make_referral
from ..mentors.helpers import make_match, make_mentor
from ..training.conftest import make_course

TODAY = timezone.localdate()
Y = TODAY.year
THIS_Q1 = datetime.date(Y, 2, 10)
THIS_Q2 = datetime.date(Y, 5, 20)
LAST = datetime.date(Y - 1, 9, 15)
LONG_AGO = datetime.date(Y - 3, 3, 1)

PERIODS = {
    "this_year": periods.year(Y, "this_year"),
    "last_year": periods.year(Y - 1, "last_year"),
    "q1": periods.quarter(Y, 1),
    "custom": periods.Period("custom", datetime.date(Y - 1, 9, 1), datetime.date(Y, 3, 31)),
    "none": None,
}

# How each figure is counted, written here on its own: "count" (each record), "people"
# (distinct persons), ("sum", per) (amounts added up, divided by per and rounded).
HOW = defaultdict(lambda: "count")
HOW.update(
    {
        "jobs.placed": "people",
        "loans.wealth_leaders": "people",
        "mentors.active_matches": "people",
        "internships.entered": "people",
        "internships.retained": "people",
        "guidance.legal_aid_cases": "people",  # each case once (the "person" is the case)
        "accounts.outcome_job": "people",
        "accounts.outcome_self_employed": "people",
        "guidance.yuan_recovered": ("sum", 1),
        "loans.referred_yuan": ("sum", 1),
        "loans.approved_yuan": ("sum", 1),
        "loans.disbursed_yuan": ("sum", 1),
        "mentors.hours": ("sum", 60),
    }
)
# Figures this test does not count independently (their rule is a profile-completeness check
# tested in accounts).
NOT_HERE = {"accounts.youth_incomplete"}


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class World:
    def __init__(self, centres):
        self.centres = centres
        self.facts = defaultdict(list)  # key -> [(centre, date|None, person, amount)]
        self.serial = 0

    def note(self, keys, centre, day, person=None, amount=None):
        for key in [keys] if isinstance(keys, str) else keys:
            self.facts[key].append((centre, day, person, amount))

    def youth(self, centre, *, status="seeking", registered=THIS_Q1):
        self.serial += 1
        profile = YouthProfileFactory(
            user__email=f"w{self.serial}@example.com",
            user__phone=f"1390000{self.serial:04d}",
            home_centre=centre,
            employment_status=status,
        )
        type(profile).objects.filter(pk=profile.pk).update(created_at=at(registered))
        self.note("accounts.youth_registered", centre, registered, profile.user_id)
        if status in ("employed", "self_employed", "seeking"):
            self.note(f"accounts.youth_{status}", centre, None, profile.user_id)
        if status == "self_employed":
            self.note("accounts.outcome_self_employed", centre, None, profile.user_id)
        return profile.user

    def expected(self, key, viewer_centre, period):
        how = HOW[key]
        rows = [
            (centre, day, person, amount)
            for centre, day, person, amount in self.facts.get(key, [])
            if centre.path.startswith(viewer_centre.path)
            and (period is None or day is None or period.start <= day <= period.end)
        ]
        if how == "people":
            return len({person for _, _, person, _ in rows})
        if how == "count":
            return len(rows)
        per = how[1]
        return int(round(sum(Decimal(amount) for *_, amount in rows) / per))


@pytest.fixture
def world(district, town_a, town_b, village_a1, village_a2, village_b1, district_staff):
    w = World({"d": district, "ta": town_a, "tb": town_b, "a1": village_a1, "a2": village_a2})
    spots = [
        (village_a1, THIS_Q1),
        (village_a1, LAST),
        (village_a2, THIS_Q2),
        (town_a, THIS_Q1),
        (village_b1, THIS_Q1),
        (village_b1, LAST),
    ]
    note = w.note

    # Young people: registered at different dates, with employment statuses.
    w.youth(village_a1, status="employed", registered=LAST)
    w.youth(village_a2, status="self_employed", registered=LONG_AGO)
    w.youth(village_b1, status="self_employed")
    w.note("accounts.centres", district, None)
    for unit in (town_a, town_b, village_a1, village_a2, village_b1):
        w.note("accounts.centres", unit, None)

    # Projects: signed and launched on different dates; some only signed, one rejected.
    for i, (centre, day) in enumerate(spots):
        lead = w.youth(centre)
        stage = [Stage.SIGNED, Stage.LAUNCHED, Stage.OPERATING, Stage.CLOSED][i % 4]
        launched = day + datetime.timedelta(days=20) if stage != Stage.SIGNED else None
        VentureProjectFactory(
            centre=centre, lead=lead, stage=stage, signed_on=day, launched_on=launched
        )
        note("projects.signed", centre, day)
        if launched:
            note("projects.launched", centre, launched)
            note("accounts.outcome_self_employed", centre, launched, lead.pk)
        if stage != Stage.CLOSED:
            note("projects.signed_or_launched", centre, None)
    VentureProjectFactory(centre=village_a1, lead=w.youth(village_a1), stage=Stage.REJECTED)

    # Training: a course of each kind at two centres, sessions this and last year.
    trainer = district_staff
    commissioner = EnterpriseFactory(centre=district, name="Meat Co")
    note("partners.enterprises", district, None)
    for kind in CourseKind.values:
        for centre in (village_a1, village_b1):
            extra = {"enterprise": commissioner} if kind == CourseKind.ORDER_BASED else {}
            course = make_course(centre, kind=kind, capacity=10, **extra)
            people = [w.youth(centre) for _ in range(2)]
            enrolments = [
                Enrolment.objects.create(course=course, youth=p, status="confirmed") for p in people
            ]
            for day in (THIS_Q1, LAST):
                session = Session.objects.create(
                    course=course,
                    starts_at=at(day),
                    ends_at=at(day) + datetime.timedelta(hours=2),
                    topic="t",
                )
                for enrolment in enrolments:
                    Attendance.objects.create(
                        session=session, enrolment=enrolment, recorded_by=trainer
                    )
                    key = (
                        "training.legal_attendances"
                        if kind == CourseKind.LEGAL
                        else "training.attendances"
                    )
                    note(
                        [key]
                        if kind == CourseKind.LEGAL
                        else [key, f"training.attendances_{kind}"],
                        centre,
                        day,
                    )
            if kind in (CourseKind.SKILLS, CourseKind.ORDER_BASED):
                w.serial += 1
                Certificate.objects.create(
                    enrolment=enrolments[0],
                    number=f"C-{w.serial}",
                    grade="V",
                    issued_on=THIS_Q2 if centre == village_a1 else LAST,
                    issuer="Bureau",
                )
                note("training.certificates", centre, THIS_Q2 if centre == village_a1 else LAST)
            if kind == CourseKind.ORDER_BASED:
                hired = enrolments[1]
                Enrolment.objects.filter(pk=hired.pk).update(
                    placement=Hire.PLACED, placement_changed_at=at(THIS_Q1)
                )
                note("training.order_placements", centre, THIS_Q1)
                note("accounts.outcome_job", centre, THIS_Q1, hired.youth_id)
                # The same person also got a job placement: still one job outcome.
                JobPlacement.objects.create(
                    youth=hired.youth,
                    centre=centre,
                    employer_name="Meat Co",
                    job_title="Butcher",
                    job_key=f"meat-{hired.pk}",
                    start_date=THIS_Q2,
                    how_found="staff",
                )
                note(["jobs.placed", "jobs.placements"], centre, THIS_Q2, hired.youth_id)
                note("accounts.outcome_job", centre, THIS_Q2, hired.youth_id)

    # Jobs: one person twice placed, one placed last year by labour export, one whose
    # placement was recorded at town B while they live in village A1 (home centre decides
    # the outcome figure, the record's centre the jobs figures).
    twice = w.youth(village_a2)
    for n, day in enumerate((THIS_Q1, THIS_Q2)):
        JobPlacement.objects.create(
            youth=twice,
            centre=village_a2,
            employer_name="Tea Co",
            job_title=f"Picker {n}",
            job_key=f"tea-{n}",
            start_date=day,
            how_found="portal",
        )
        note(["jobs.placed", "jobs.placements"], village_a2, day, twice.pk)
        note("accounts.outcome_job", village_a2, day, twice.pk)
    exported = w.youth(village_b1)
    JobPlacement.objects.create(
        youth=exported,
        centre=village_b1,
        employer_name="Far Co",
        job_title="Welder",
        job_key="far",
        start_date=LAST,
        how_found="labour_export",
        labour_export=True,
    )
    note(["jobs.placed", "jobs.placements", "jobs.labour_export"], village_b1, LAST, exported.pk)
    note("accounts.outcome_job", village_b1, LAST, exported.pk)
    moved = w.youth(village_a1)
    JobPlacement.objects.create(
        youth=moved,
        centre=town_b,
        employer_name="B Co",
        job_title="Clerk",
        job_key="b",
        start_date=THIS_Q1,
        how_found="staff",
    )
    note(["jobs.placed", "jobs.placements"], town_b, THIS_Q1, moved.pk)
    note("accounts.outcome_job", village_a1, THIS_Q1, moved.pk)

    # Mentors: two active mentors (one in each town), one inactive; matches and sessions.
    mentor_a = make_mentor(centre=town_a)
    mentor_b = make_mentor(centre=town_b)
    idle = make_mentor(centre=town_a)
    idle.user.mentor_role.is_active = False
    idle.user.mentor_role.save()
    note("mentors.mentors", town_a, None)
    note("mentors.mentors", town_b, None)
    for centre, mentor in ((village_a1, mentor_a), (village_b1, mentor_b)):
        mentee = w.youth(centre)
        match = make_match(youth=mentee, mentor=mentor, status=MatchStatus.ACTIVE)
        note("mentors.active_matches", centre, None, mentee.pk)
        make_match(youth=w.youth(centre), mentor=mentor, status=MatchStatus.ENDED)
        for day, minutes, status in (
            (THIS_Q1, 90, SessionStatus.CONFIRMED),
            (THIS_Q2, 45, SessionStatus.LOGGED),
            (LAST, 120, SessionStatus.CONFIRMED),
            (THIS_Q1, 60, SessionStatus.PLANNED),
        ):
            match.sessions.create(starts_at=at(day), status=status, minutes=minutes, mode="phone")
            if status != SessionStatus.PLANNED:
                note("mentors.sessions", centre, day)
                note("mentors.hours", centre, day, amount=minutes)

    # Loans: referrals at each stage, dated this year and last.
    bank = BankFactory(centre=district)
    product = LoanProduct.objects.create(
        bank=bank,
        name="Start-up loan",
        base_rate=Decimal("4.35"),
        rate_places=2,
        min_amount=Decimal("5000"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=LONG_AGO,
    )
    for i, (centre, day) in enumerate(spots):
        person = w.youth(centre)
        status = [LoanStatus.REFERRED, LoanStatus.APPROVED, LoanStatus.DISBURSED][i % 3]
        amount = Decimal(10000 * (i + 1))
        approved = amount - 1000
        project = None
        if status == LoanStatus.DISBURSED:
            project = VentureProjectFactory(centre=centre, lead=person, stage=Stage.APPLIED)
        make_referral(
            person,
            bank,
            product,
            status,
            centre=centre,
            amount=amount,
            referred_on=day,
            decision_due_on=day,
            project=project,
            **(
                {"approved_amount": approved, "decided_at": at(day)}
                if status != LoanStatus.REFERRED
                else {}
            ),
            **({"disbursed_on": day} if status == LoanStatus.DISBURSED else {}),
        )
        note("loans.referred", centre, day)
        note("loans.referred_yuan", centre, day, amount=amount)
        if status != LoanStatus.REFERRED:
            note("loans.approved", centre, day)
            note("loans.approved_yuan", centre, day, amount=approved)
        if status == LoanStatus.DISBURSED:
            note("loans.disbursed", centre, day)
            note("loans.disbursed_yuan", centre, day, amount=approved)
            note("accounts.outcome_self_employed", centre, day, person.pk)
    make_referral(w.youth(village_a1), bank, product, LoanStatus.SUBMITTED)  # not yet sent
    leader = w.youth(village_a2)
    for granted, expires in ((LAST, TODAY + datetime.timedelta(days=30)), (LONG_AGO, LAST)):
        designate(leader, district_staff, granted_on=granted, expires_on=expires)
    note("loans.wealth_leaders", village_a2, None, leader.pk)
    expired = w.youth(village_b1)
    designate(expired, district_staff, granted_on=LONG_AGO, expires_on=LAST)

    # Internships: two stations (one inactive), interns entered this year and last, with
    # outcomes at the end of their term.
    station = station_for(EnterpriseFactory(centre=town_a, name="Host A"))
    closed = station_for(EnterpriseFactory(centre=town_b, name="Host B"))
    closed.is_active = False
    closed.save()
    note("internships.stations", town_a, None)
    position = position_at(station, places=20)
    for i, (centre, day) in enumerate(spots):
        intern = w.youth(centre)
        outcome, status = [
            (Outcome.KEPT_ON, PlacementStatus.COMPLETED),
            (Outcome.JOB_ELSEWHERE, PlacementStatus.COMPLETED),
            (Outcome.SELF_EMPLOYED, PlacementStatus.LEFT_EARLY),
            ("", PlacementStatus.ACTIVE),
        ][i % 4]
        made = placement(
            application(position, intern, status=InternStatus.ACCEPTED, start_date=day),
            start=day,
            status=status,
            outcome=outcome,
            **({"left_on": day + datetime.timedelta(days=40)} if i % 4 == 2 else {}),
        )
        end = made.left_on or made.end_date
        note("internships.entered", centre, day, intern.pk)
        if status == PlacementStatus.ACTIVE:
            note("internships.active", centre, None)
        if status == PlacementStatus.COMPLETED:
            note("internships.completed", centre, made.end_date)
        if outcome == Outcome.KEPT_ON:
            note("internships.retained", centre, made.end_date, intern.pk)
        if outcome in (Outcome.KEPT_ON, Outcome.JOB_ELSEWHERE):
            note("accounts.outcome_job", centre, end, intern.pk)
        if outcome == Outcome.SELF_EMPLOYED:
            note("accounts.outcome_self_employed", centre, end, intern.pk)

    # Guidance: consultations, cases (resolved with yuan, referred to legal aid).
    for i, (centre, day) in enumerate(spots):
        person = w.youth(centre)
        consultation = Consultation.objects.create(
            centre=centre, youth=person, topic="policy", summary="s", created_by=district_staff
        )
        Consultation.objects.filter(pk=consultation.pk).update(created_at=at(day))
        note("guidance.consultations", centre, day)
        resolved = i % 2 == 0
        case = make_case(
            person,
            status=CaseStatus.RESOLVED if resolved else CaseStatus.LEGAL_AID,
            created_at=at(day),
        )
        note("guidance.cases_opened", centre, day)
        if i % 3 != 2:  # referred to legal aid (twice for one case: still one case)
            for _ in range(1 + (i == 0)):
                change = CaseChange.objects.create(case=case, to_status=CaseStatus.LEGAL_AID)
                CaseChange.objects.filter(pk=change.pk).update(created_at=at(day))
            note("guidance.legal_aid_cases", centre, day, case.pk)
        if resolved:
            recovered = Decimal("12345.60") * (i + 1)
            type(case).objects.filter(pk=case.pk).update(
                resolved_on=day, amount_recovered=recovered
            )
            note("guidance.cases_resolved", centre, day)
            note("guidance.yuan_recovered", centre, day, amount=recovered)

    # Facilities and partners: stock figures.
    for i, (centre, _day) in enumerate(spots):
        status = "active" if i % 3 else "left"
        BookClubMember.objects.create(
            centre=centre, name=f"M{i}", card_number=f"K{i}", joined_on=LAST, status=status
        )
        if status == "active":
            note("facilities.book_club_members", centre, None)
        Newsstand.objects.create(
            name=f"N{i}",
            centre=centre,
            address="街",
            latitude=Decimal("36.1"),
            longitude=Decimal("117.1"),
            opened_on=LAST,
            status="open" if i % 2 else "closed",
        )
        if i % 2:
            note("facilities.newsstands", centre, None)
        EnterpriseFactory(centre=centre, name=f"E{i}", is_active=bool(i % 3))
        if i % 3:
            note("partners.enterprises", centre, None)
    # The hosts above and the bank's district are partner enterprises too.
    note("partners.enterprises", town_a, None)
    note("partners.enterprises", town_b, None)
    return w


VIEWERS = ("district_staff", "town_staff", "other_town_staff", "village_staff")


@pytest.mark.parametrize("period", list(PERIODS))
def test_every_figure_equals_an_independent_count(request, world, period):
    span = PERIODS[period]
    start, end = (span.start, span.end) if span else (None, None)
    viewers = [request.getfixturevalue(name) for name in VIEWERS]
    centres = [v.staff_profile.centre for v in viewers]
    wrong = {}
    for figure in FIGURES:
        if figure.key in NOT_HERE:
            continue
        by_centre = figure.by_centre(centres, start, end)
        for viewer, centre in zip(viewers, centres, strict=True):
            expected = world.expected(figure.key, centre, span)
            got = (figure.value(viewer, start, end), by_centre[centre.pk])
            if got != (expected, expected):
                wrong[(figure.key, centre.code)] = (got, expected)
    assert not wrong


def test_the_world_has_records_behind_every_figure(world):
    counted = {key for key, facts in world.facts.items() if facts}
    assert {f.key for f in FIGURES} - NOT_HERE <= counted


def test_a_person_counts_once_per_outcome_kind(world, town_staff, town_a):
    """In town A this year: a person placed in two jobs, and an order-based trainee hired by
    the commissioning enterprise who also has a job placement, each count once."""
    span = PERIODS["this_year"]
    jobs = FIGURES.get("accounts.outcome_job")
    facts = [
        (person, day)
        for centre, day, person, _ in world.facts["accounts.outcome_job"]
        if centre.path.startswith(town_a.path) and span.start <= day <= span.end
    ]
    people = {person for person, _ in facts}
    assert len(facts) >= len(people) + 2
    assert jobs.value(town_staff, span.start, span.end) == len(people)
    listed = list(jobs.records(town_staff, span.start, span.end).values_list("user_id", flat=True))
    assert sorted(listed) == sorted(people)


def test_every_outcome_kind_has_sources_in_more_than_one_app():
    for kind in OUTCOMES:
        apps = {s.key.split(".")[0] for s in OUTCOME_SOURCES if s.outcome == kind}
        assert len(apps) >= 2, kind
    assert {s.outcome for s in OUTCOME_SOURCES} == set(OUTCOMES)
