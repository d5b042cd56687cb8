"""Demo internship station: the four host enterprises, each intake's positions, 600+ interns
over five intakes with evaluations and outcomes, and this year's applicants.

Past intakes are written directly (dated history, as an import of past records would be);
this year's applications go through the services, so they carry real history and messages.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Education, Hukou, OrgUnit, User, YouthProfile
from accounts.seed import person_name
from core.seeding import Seed, SeedContext, register
from partners.models import Enterprise, PartnerMember

from . import eligibility
from .models import (
    Application,
    ApplicationChange,
    EligibilityRule,
    Evaluation,
    EvaluationKind,
    Outcome,
    Placement,
    PlacementStatus,
    Position,
    Station,
    Status,
    end_of,
    midterm_of,
)
from .services import application_create, application_transition, position_create

DEMO_DOMAIN = "demo.youthventure.cn"
# Per host: positions (title, department, stipend) offered every intake.
POSITIONS = {
    "电子制造": [("生产管理实习生", "生产部", 3200), ("电子技术员", "工程部", 3500)],
    "现代农业": [("农技推广助理", "技术服务部", 2800), ("电商运营实习生", "市场部", 3000)],
    "物流": [("仓储管理实习生", "仓储中心", 3000), ("物流调度助理", "运营部", 3300)],
    "文化旅游": [("导游讲解实习生", "景区运营部", 2800), ("新媒体运营", "市场部", 3200)],
}
PAST_INTAKES = 4  # years before this one
PER_INTAKE = 30  # interns per host and intake (four hosts × five intakes: 600+)
OUTCOMES = [
    (Outcome.KEPT_ON, 45),
    (Outcome.JOB_ELSEWHERE, 25),
    (Outcome.SELF_EMPLOYED, 8),
    (Outcome.FURTHER_STUDY, 7),
    (Outcome.UNEMPLOYED, 5),
    ("left_early", 10),
]
LEAVING_REASONS = ["考取公务员", "家庭原因返乡", "找到其他工作", "继续升学"]
COMMENTS = [
    "工作认真负责，进步很快。",
    "动手能力强，团队协作好。",
    "需要加强沟通。",
    "表现优秀，建议留用。",
]


def run(context: SeedContext) -> None:
    EligibilityRule.objects.get_or_create(
        pk=1, defaults={"education_levels": list(EligibilityRule.DEFAULT_LEVELS)}
    )
    hosts = list(Enterprise.objects.filter(is_internship_host=True).order_by("uscc")[:4])
    stations = []
    for i, enterprise in enumerate(hosts):
        station, _made = Station.objects.get_or_create(
            enterprise=enterprise,
            defaults={"since": datetime.date(2021, 3 + i, 1), "annual_quota": 40},
        )
        stations.append(station)
    if Placement.objects.exists():  # seeded already: seed_demo runs twice in CI
        return
    villages = list(OrgUnit.objects.filter(level=OrgUnit.Level.VILLAGE).order_by("code"))
    today = timezone.localdate()
    serial = 0
    for station in stations:
        titles = POSITIONS.get(station.enterprise.industry, POSITIONS["物流"])
        for intake in range(PAST_INTAKES, -1, -1):
            serial = _intake(context, station, titles, intake, today, villages, serial)
    _this_years_applicants(context, stations, today)
    context.notes.append(
        f"internships: {Placement.objects.count()} interns across {PAST_INTAKES + 1} intakes"
    )


def _interns(context, count, start, villages, serial):
    """Graduates of the intake (accounts without a password: past interns in the records)."""
    year = start.year - 1
    users = [
        User(
            email=f"intern{serial + n:04d}@{DEMO_DOMAIN}",
            name=person_name(context.rng),
            password="!",
        )
        for n in range(1, count + 1)
    ]
    User.objects.bulk_create(users)
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("email"))
    now = timezone.now()
    YouthProfile.objects.bulk_create(
        [
            YouthProfile(
                user=user,
                gender=context.rng.choice(["male", "female"]),
                date_of_birth=datetime.date(year - 21, context.rng.randint(1, 12), 1),
                education_level=context.rng.choice(
                    [Education.VOCATIONAL_SECONDARY, Education.JUNIOR_COLLEGE, Education.BACHELOR]
                ),
                graduation_year=year,
                employment_status="employed",
                hukou=context.rng.choice([Hukou.RURAL, Hukou.RURAL, Hukou.URBAN]),
                home_centre=context.rng.choice(villages),
                consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                consent_given_at=now,
            )
            for user in users
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    return list(YouthProfile.objects.filter(user__in=users).select_related("user"))


def _intake(context, station, titles, intake, today, villages, serial) -> int:
    """One intake of one host: its positions (closed once filled) and its interns. The newest
    (``intake`` 0) started about 200 days ago and is in progress, with a few interns of a late
    start whose year ends within the month."""
    rng = context.rng
    start = today - datetime.timedelta(days=intake * 365 + 200)
    count = PER_INTAKE + (2 if intake == 0 else 0)
    profiles = _interns(context, count, start, villages, serial)
    serial += count
    label = f"{start.year}年"
    positions = [
        Position.objects.create(
            station=station,
            title=f"{title}（{label}）",
            department=department,
            places=count // len(titles) + 1,
            places_taken=0,
            stipend=stipend,
            is_open=False,
            requirements="中职、大专或本科应届及往届两年内毕业生。",
        )
        for title, department, stipend in titles
    ]
    placed_on = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    for n, profile in enumerate(profiles):
        position = positions[n % len(positions)]
        begin = start
        if intake == 0 and n < 6:
            begin = today - datetime.timedelta(days=350)  # ends within 30 days
        application = Application.objects.create(
            position=position,
            station=station,
            youth=profile.user,
            centre=profile.home_centre,
            education_level=profile.education_level,
            graduation_year=profile.graduation_year,
            status=Status.ACCEPTED,
            start_date=begin,
        )
        Application.objects.filter(pk=application.pk).update(
            created_at=placed_on - datetime.timedelta(days=40), status_changed_at=placed_on
        )
        for from_status, to_status, days in (
            ("", Status.APPLIED, 40),
            (Status.APPLIED, Status.SHORTLISTED, 30),
            (Status.SHORTLISTED, Status.OFFERED, 20),
            (Status.OFFERED, Status.ACCEPTED, 15),
        ):
            change = ApplicationChange.objects.create(
                application=application, from_status=from_status, to_status=to_status
            )
            ApplicationChange.objects.filter(pk=change.pk).update(
                created_at=placed_on - datetime.timedelta(days=days)
            )
        Position.objects.filter(pk=position.pk).update(places_taken=position.places_taken + 1)
        position.places_taken += 1
        months = position.duration_months
        placement = Placement(
            application=application,
            position=position,
            station=station,
            youth=profile.user,
            centre=profile.home_centre,
            start_date=begin,
            end_date=end_of(begin, months),
            midterm_due=midterm_of(begin, months),
        )
        ended = placement.end_date < today
        fate = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
        if ended and fate == "left_early":
            placement.status = PlacementStatus.LEFT_EARLY
            placement.left_on = begin + datetime.timedelta(days=rng.randint(60, 300))
            placement.leave_reason = rng.choice(LEAVING_REASONS)
            placement.outcome = rng.choice([Outcome.JOB_ELSEWHERE, Outcome.FURTHER_STUDY])
        elif ended:
            placement.status = PlacementStatus.COMPLETED
            placement.outcome = fate
        placement.save()
        evaluations = []
        midterm_filed = placement.midterm_due < today and (
            placement.left_on is None or placement.left_on > placement.midterm_due
        )
        # The newest intake: a few mid-term evaluations are still missing (overdue).
        if intake == 0 and n % 9 == 8:
            midterm_filed = False
        if midterm_filed:
            evaluations.append(EvaluationKind.MIDTERM)
        if placement.status == PlacementStatus.COMPLETED:
            evaluations.append(EvaluationKind.FINAL)
        Evaluation.objects.bulk_create(
            [
                Evaluation(
                    placement=placement,
                    kind=kind,
                    attitude=rng.randint(3, 5),
                    skills=rng.randint(2, 5),
                    teamwork=rng.randint(3, 5),
                    comments=rng.choice(COMMENTS),
                )
                for kind in evaluations
            ]
        )
    return serial


def _this_years_applicants(context, stations, today) -> None:
    """Open positions and this year's applicants: recent graduates among the demo's young
    people apply, and the hosts' contacts move them on through the services."""
    contacts = {
        m.enterprise_id: m.user
        for m in PartnerMember.objects.filter(enterprise__in=[s.enterprise_id for s in stations])
        .select_related("user")
        .order_by("pk")
    }
    open_positions = []
    for station in stations:
        host = contacts.get(station.enterprise_id)
        if host is None:
            continue
        titles = POSITIONS.get(station.enterprise.industry, POSITIONS["物流"])
        for title, department, stipend in titles:
            open_positions.append(
                (
                    position_create(
                        station=station,
                        actor=host,
                        title=title,
                        department=department,
                        places=8,
                        stipend=stipend,
                        requirements="中职、大专或本科，近两年毕业，吃苦耐劳，服从安排。",
                    ),
                    host,
                )
            )
    if not open_positions:
        return
    candidates = [
        p.user
        for p in YouthProfile.objects.filter(user__email__startswith="youth")
        .select_related("user", "home_centre")
        .order_by("user__email")
        if not eligibility.reasons(p.user, today=today)
    ][:24]
    plan = [
        Status.APPLIED,
        Status.SHORTLISTED,
        Status.INTERVIEW,
        Status.OFFERED,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.WITHDRAWN,
        Status.DECLINED,
    ]
    for n, youth in enumerate(candidates):
        position, host = open_positions[n % len(open_positions)]
        try:
            application = application_create(
                youth=youth,
                position=position,
                motivation="希望在实习中积累经验，毕业后留在家乡发展。",
            )
            _move_to(application, plan[n % len(plan)], youth, host, today)
        except ValidationError:
            continue


def _move_to(application, target, youth, host, today) -> None:
    soon = timezone.now() + datetime.timedelta(days=3)
    start = today + datetime.timedelta(days=14)
    steps = {
        Status.APPLIED: [],
        Status.SHORTLISTED: [(Status.SHORTLISTED, host)],
        Status.INTERVIEW: [(Status.SHORTLISTED, host), (Status.INTERVIEW, host)],
        Status.OFFERED: [(Status.SHORTLISTED, host), (Status.OFFERED, host)],
        Status.ACCEPTED: [
            (Status.SHORTLISTED, host),
            (Status.OFFERED, host),
            (Status.ACCEPTED, youth),
        ],
        Status.REJECTED: [(Status.REJECTED, host)],
        Status.WITHDRAWN: [(Status.WITHDRAWN, youth)],
        Status.DECLINED: [
            (Status.SHORTLISTED, host),
            (Status.OFFERED, host),
            (Status.DECLINED, youth),
        ],
    }[target]
    for to_status, actor in steps:
        application_transition(
            application=application,
            to_status=to_status,
            actor=actor,
            reason="本批次名额已满，欢迎关注下一批岗位。",
            interview_at=soon,
            interview_place="公司人力资源部会议室",
            start_date=start,
        )


register(Seed(name="internships", run=run, after=("partners", "projects")))
