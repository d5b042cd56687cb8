"""Demo venture projects for ``manage.py seed_demo``: made through the services, so they
carry real history, then dated back so the pipeline looks like a year's work."""

import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from accounts.models import StaffProfile, User
from core.seeding import Seed, register
from core.validators import uscc_check_char

from .models import OutcomeReport, ProjectPhoto, RevenueBand, Stage, VentureProject
from .reminders import previous_quarter
from .services import (
    project_create,
    project_facts_update,
    project_showcase_update,
    project_transition,
)

# name, sector, final stage, in the park, story for the showcase ("" = not shown)
PROJECTS = [
    (
        "绿野有机蔬菜合作社",
        "agriculture",
        Stage.OPERATING,
        True,
        "返乡青年带领村民种植有机蔬菜，直供城区超市。",
    ),
    ("山里红电商直播间", "ecommerce", Stage.OPERATING, True, "把家乡的山货通过直播卖到全国各地。"),
    ("青山茶语茶叶加工坊", "food", Stage.OPERATING, False, "传统手工制茶，带动二十户茶农增收。"),
    ("柳林民宿", "tourism", Stage.OPERATING, True, "老宅改造的乡村民宿，周末一房难求。"),
    ("河口汽修服务站", "services", Stage.LAUNCHED, False, ""),
    ("梅岭竹编工作室", "culture", Stage.LAUNCHED, True, "竹编非遗技艺与现代设计结合的手工品牌。"),
    ("新华冷链配送", "logistics", Stage.LAUNCHED, False, ""),
    ("桃源农家乐", "tourism", Stage.LAUNCHED, False, "采摘、垂钓、农家菜，一站式乡村休闲。"),
    ("白沙家电维修", "services", Stage.LAUNCHED, False, ""),
    ("城关青年烘焙坊", "food", Stage.LAUNCHED, True, "三位女青年创办的社区烘焙店。"),
    ("石桥生态养殖场", "agriculture", Stage.LAUNCHED, False, ""),
    ("山货优选小程序", "technology", Stage.LAUNCHED, True, ""),
    ("乡村快递驿站", "logistics", Stage.LAUNCHED, False, ""),
    ("青禾家政服务", "services", Stage.LAUNCHED, False, ""),
    ("柳编文创", "culture", Stage.SIGNED, False, ""),
    ("河口渔具零售", "retail", Stage.SIGNED, False, ""),
    ("梅岭中药材种植", "agriculture", Stage.SIGNED, False, ""),
    ("新华服装加工", "manufacturing", Stage.SIGNED, False, ""),
    ("桃源蜂蜜", "food", Stage.SIGNED, False, ""),
    ("白沙水果电商", "ecommerce", Stage.UNDER_REVIEW, False, ""),
    ("城关宠物美容", "services", Stage.UNDER_REVIEW, False, ""),
    ("石桥木工坊", "manufacturing", Stage.UNDER_REVIEW, False, ""),
    ("青年共享办公室", "services", Stage.APPLIED, False, ""),
    ("乡村研学基地", "tourism", Stage.APPLIED, False, ""),
    ("柳林菌菇种植", "agriculture", Stage.APPLIED, False, ""),
    ("河口小吃车", "food", Stage.APPLIED, False, ""),
    ("梅岭摄影工作室", "culture", Stage.IDEA, False, ""),
    ("新华二手书店", "retail", Stage.IDEA, False, ""),
    ("桃源无人机植保", "technology", Stage.IDEA, False, ""),
    ("白沙奶茶店", "food", Stage.REJECTED, False, ""),
    ("城关网吧", "services", Stage.REJECTED, False, ""),
    ("石桥砖瓦厂", "manufacturing", Stage.CLOSED, False, ""),
]
PATH = {
    Stage.IDEA: [],
    Stage.APPLIED: [Stage.APPLIED],
    Stage.UNDER_REVIEW: [Stage.APPLIED, Stage.UNDER_REVIEW],
    Stage.SIGNED: [Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED],
    Stage.LAUNCHED: [Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.LAUNCHED],
    Stage.OPERATING: [
        Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.LAUNCHED, Stage.OPERATING,
    ],
    Stage.REJECTED: [Stage.APPLIED, Stage.UNDER_REVIEW, Stage.REJECTED],
    Stage.CLOSED: [Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.CLOSED],
}  # fmt: skip
REASONS = {
    Stage.REJECTED: "市场调研不足，建议补充选址和成本测算后重新申请。",
    Stage.CLOSED: "原材料价格上涨，项目负责人决定停止经营。",
    Stage.SIGNED: "评审通过，签订创业项目协议。",
}


def _photo(rng) -> ContentFile:
    colour = (rng.randrange(60, 200), rng.randrange(100, 220), rng.randrange(60, 160))
    image = Image.new("RGB", (800, 600), colour)
    for y in range(0, 600, 4):  # a soft gradient, so it does not look like an error
        shade = tuple(max(0, c - y // 12) for c in colour)
        image.paste(shade, (0, y, 800, y + 4))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _staff_for(centre) -> User:
    while centre is not None:
        profile = StaffProfile.objects.filter(centre=centre, role="coordinator").first()
        if profile:
            return profile.user
        centre = centre.parent
    raise LookupError("no coordinator above this centre")


def seed_projects(rng) -> None:
    youth = list(
        User.objects.filter(email__endswith="@demo.youthventure.cn", youth_profile__isnull=False)
        .select_related("youth_profile__home_centre")
        .order_by("email")
    )
    now = timezone.now()
    for index, (name, sector, final, park, story) in enumerate(PROJECTS):
        lead = youth[index * 7 % len(youth)]
        if VentureProject.objects.filter(name=name, lead=lead).exists():
            continue
        centre = lead.youth_profile.home_centre
        project = project_create(
            lead=lead,
            name=name,
            sector=sector,
            centre=centre,
            description=f"{name}：由{centre.name}青年发起的创业项目。",
            members=[youth[(index * 7 + 1) % len(youth)]],
        )
        if story:
            project_showcase_update(project=project, actor=lead, opt_in=True, story=story)
        coordinator = _staff_for(centre.parent)
        for stage in PATH[final]:
            actor = lead if stage == Stage.APPLIED else coordinator
            if stage == Stage.LAUNCHED:
                # Launching needs the registered business and the investment on record.
                first17 = f"92330110MA{project.pk:07d}"
                project_facts_update(
                    project=project,
                    actor=coordinator,
                    is_registered=True,
                    business_name=project.name,
                    uscc=first17 + uscc_check_char(first17),
                    investment=Decimal(rng.randrange(5, 80) * 10_000),
                )
            project_transition(
                project=project, to_stage=stage, actor=actor, reason=REASONS.get(stage, "")
            )
        _backdate(project, rng, now, final, park)
        if story:
            ProjectPhoto.objects.create(project=project, image=_photo(rng))


def _backdate(project, rng, now, final, park) -> None:
    """Spread the history over the past year (seed only: services date things today)."""
    history = list(project.history.order_by("pk"))
    start = now - datetime.timedelta(days=rng.randrange(200, 360))
    when = start
    for change in history:
        change.created_at = when
        change.save(update_fields=["created_at"])
        when += datetime.timedelta(days=rng.randrange(12, 40))
    last = history[-1].created_at
    fields = {"stage_changed_at": last, "created_at": history[0].created_at}
    by_stage = {c.to_stage: c.created_at.date() for c in history}
    if Stage.SIGNED in by_stage:
        fields["signed_on"] = by_stage[Stage.SIGNED]
    if Stage.LAUNCHED in by_stage:
        fields["launched_on"] = by_stage[Stage.LAUNCHED]
        jobs = rng.randrange(3, 40)
        first17 = f"92330110MA{project.pk:07d}"
        fields.update(
            is_registered=True,
            business_name=project.name,
            uscc=first17 + uscc_check_char(first17),
            investment=Decimal(rng.randrange(5, 80) * 10_000),
            jobs_created=jobs,
            jobs_for_youth=rng.randrange(1, jobs + 1),
            in_demo_park=park,
        )
        year, quarter, ended = previous_quarter(now.date())
        if by_stage[Stage.LAUNCHED] <= ended:
            OutcomeReport.objects.create(
                project=project,
                year=year,
                quarter=quarter,
                jobs=fields["jobs_created"],
                jobs_for_youth=fields["jobs_for_youth"],
                revenue_band=rng.choice(RevenueBand.values[1:]),
                reported_by=project.lead,
            )
    elif final in (Stage.SIGNED,):
        fields["investment"] = Decimal(rng.randrange(5, 50) * 10_000)
    VentureProject.objects.filter(pk=project.pk).update(**fields)


def _run(context) -> None:
    seed_projects(context.rng)


register(Seed(name="projects", run=_run, after=("accounts", "partners")))
