"""Demo jobs: the district's employers (a meat-products maker and a non-ferrous metals company
among them), open vacancies with applicants at every step, a hire made through the services,
and past placements of young people in proportion to the programme's 20,000+ (here about
three in five of the demo's young people, labour export among them)."""

import datetime

from django.utils import timezone

from accounts.models import StaffProfile, YouthProfile
from core.seeding import Seed, SeedContext, register
from core.validators import uscc_check_char
from partners.models import Enterprise

from .models import (
    Application,
    FairRegistration,
    FairStand,
    HowFound,
    JobFair,
    LocationKind,
    Placement,
    Status,
    Vacancy,
    job_key,
)
from .services import application_create, application_transition, vacancy_create

EMPLOYERS = [
    (13, "华美肉制品有限公司", "肉制品加工"),
    (14, "鑫达有色金属有限公司", "有色金属冶炼"),
]
D, P, X = LocationKind.DISTRICT, LocationKind.PROVINCE, LocationKind.EXPORT
# employer's name, title, places, pay, where, place of work, sector
VACANCIES = [
    ("华美肉制品有限公司", "肉制品分割工", 8, (4200, 5500), D, "城关镇工业园", "manufacturing"),
    ("华美肉制品有限公司", "冷库管理员", 2, (4000, 4800), D, "城关镇工业园", "logistics"),
    ("鑫达有色金属有限公司", "熔炼操作工", 10, (5500, 7500), D, "河口镇", "manufacturing"),
    ("鑫达有色金属有限公司", "质检员", 3, (4500, 6000), D, "河口镇", "manufacturing"),
    ("青山智造电子有限公司", "SMT操作员", 20, (4500, 6500), P, "杭州市", "manufacturing"),
    ("青山云仓物流有限公司", "仓储分拣员", 12, (4000, 5200), D, "新华镇", "logistics"),
    ("巧手家政服务有限公司", "育婴师", 6, (5000, 8000), X, "上海市", "services"),
    ("河口汽车零部件有限公司", "数控车工", 5, (6000, 8500), X, "宁波市", "manufacturing"),
    ("新华电商直播基地有限公司", "直播助理", 4, (3800, 6000), D, "新华镇", "ecommerce"),
    ("柳林食品加工有限公司", "包装工", 15, (3600, 4500), D, "柳林村", "food"),
]
PAST_JOBS = [
    ("华美肉制品有限公司", "分割工", HowFound.FAIR, False),
    ("鑫达有色金属有限公司", "熔炼工", HowFound.STAFF, False),
    ("青山智造电子有限公司", "装配工", HowFound.IMPORT, False),
    ("远洋劳务合作有限公司", "船员", HowFound.LABOUR_EXPORT, True),
    ("苏州精密制造有限公司", "普工", HowFound.LABOUR_EXPORT, True),
    ("青山云仓物流有限公司", "分拣员", HowFound.PORTAL, False),
]


def _run(context: SeedContext) -> None:
    district = context.shared["district"]
    for serial, name, industry in EMPLOYERS:
        first17 = f"91330100MA{serial:07d}"
        Enterprise.objects.get_or_create(
            uscc=first17 + uscc_check_char(first17),
            defaults={
                "name": name,
                "industry": industry,
                "centre": district,
                "contact_name": "王经理",
                "is_employer": True,
            },
        )
    staff = StaffProfile.objects.filter(centre=district).select_related("user").first()
    if staff is None:
        return
    today = timezone.localdate()
    employers = {e.name: e for e in Enterprise.objects.filter(is_employer=True)}
    vacancies = []
    for i, (employer, title, places, pay, kind, where, sector) in enumerate(VACANCIES):
        vacancy = Vacancy.objects.filter(enterprise=employers[employer], title=title).first()
        if vacancy is None:
            vacancy = vacancy_create(
                actor=staff.user,
                enterprise=employers[employer],
                title=title,
                places=places,
                pay_min=pay[0],
                pay_max=pay[1],
                location_kind=kind,
                location=where,
                sector=sector,
                requirements="18–35周岁，身体健康，能吃苦耐劳。",
                closes_on=today + datetime.timedelta(days=3 + 5 * i),
            )
        vacancies.append(vacancy)
    youths = list(
        YouthProfile.objects.filter(home_centre__isnull=False, user__erased_at__isnull=True)
        .select_related("user", "home_centre")
        .order_by("pk")
    )
    _applications(staff.user, vacancies, youths[:24])
    _fair(staff.user, district, employers, youths[24:64], today)
    _past(staff.user, youths, context, today)


# How far each demo application goes (the employer's moves by a staff member for them).
PATHS = [
    [],
    [Status.SHORTLISTED],
    [Status.SHORTLISTED, Status.OFFERED],
    [Status.SHORTLISTED, Status.OFFERED, Status.ACCEPTED, Status.HIRED],
    [Status.DECLINED],
    [Status.SHORTLISTED, Status.OFFERED, Status.OFFER_DECLINED],
]


def _applications(staff_user, vacancies, youths) -> None:
    for i, profile in enumerate(youths):
        vacancy = vacancies[i % len(vacancies)]
        if Application.objects.filter(vacancy=vacancy, youth=profile.user).exists():
            continue
        application = application_create(
            vacancy=vacancy, youth=profile.user, message="我想应聘这个岗位。"
        )
        for to in PATHS[i % len(PATHS)]:
            youth_moves = (Status.ACCEPTED, Status.OFFER_DECLINED)
            application_transition(
                application=application,
                to_status=to,
                actor=profile.user if to in youth_moves else staff_user,
                reason="岗位要求有相关证书。" if to == Status.DECLINED else "",
            )


def _fair(staff_user, district, employers, youths, today) -> None:
    """The spring job fair next week: stands of six employers, forty young people registered."""
    starts = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(9, 0))
    )
    fair, _ = JobFair.objects.get_or_create(
        title="青山区春季青年专场招聘会",
        defaults={
            "centre": district,
            "venue": "青山区青年创业园广场",
            "starts_at": starts,
            "created_by": staff_user,
        },
    )
    for enterprise in sorted(employers.values(), key=lambda e: e.uscc)[:6]:
        FairStand.objects.get_or_create(fair=fair, enterprise=enterprise)
    for profile in youths:
        FairRegistration.objects.get_or_create(fair=fair, youth=profile.user)


def _past(staff_user, youths, context: SeedContext, today) -> None:
    """About three in five young people have a past placement (bulk: they are records of the
    past, and a second run adds none: one job counts once)."""
    rows = []
    for i, profile in enumerate(youths[24:]):
        if context.rng.random() > 0.6:
            continue
        employer, job, how, export = PAST_JOBS[i % len(PAST_JOBS)]
        rows.append(
            Placement(
                youth=profile.user,
                centre=profile.home_centre,
                employer_name=employer,
                job_title=job,
                job_key=job_key(employer, job),
                start_date=today - datetime.timedelta(days=30 + (i * 7) % 900),
                how_found=how,
                labour_export=export,
                recorded_by=staff_user,
            )
        )
    Placement.objects.bulk_create(rows, ignore_conflicts=True)


register(Seed(name="jobs", run=_run, after=("accounts", "partners", "projects")))
