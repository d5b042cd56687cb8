"""Demo mentoring for ``manage.py seed_demo``: 30 mentors and a chief mentor, matches in every
state made through the services, and coaching sessions over the last six months (dated back
here: the services only plan sessions in the future)."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import MentorRole, OrgUnit, Sector, StaffProfile, User
from core.seeding import Seed, register

from .models import (
    CoachingSession,
    Match,
    MatchChange,
    MentoringWish,
    MentorProfile,
    Mode,
    SessionStatus,
)
from .services import (
    match_accept,
    match_decline,
    match_end,
    match_propose,
    match_request,
    matches_expire,
    mentor_profile_save,
    mentoring_wish_create,
)

DOMAIN = "demo.youthventure.cn"
MENTOR_COUNT = 30
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "建国志强海燕晓明红梅国华立新春生秋菊"
TITLES = ["总经理", "创始人", "高级农艺师", "电商运营总监", "会计师", "律师", "主厨", "设计总监"]
ORGANISATIONS = [
    "青山农业发展有限公司", "山里红电子商务有限公司", "青山区农村信用合作社", "梅岭茶业有限公司",
    "城关餐饮管理有限公司", "新华物流有限公司", "桃源旅游开发有限公司", "白沙文化传媒工作室",
]  # fmt: skip
SKILLS = ["直播带货", "电商运营", "财务管理", "市场营销", "种植技术", "品牌设计", "融资贷款",
          "法律咨询", "餐饮管理", "物流配送", "民宿经营", "团队管理"]  # fmt: skip
TOPICS = ["商业计划书修改", "定价与成本核算", "直播脚本", "申请创业贷款", "门店选址", "团队分工"]
END_REASONS = ["项目已走上正轨，阶段性辅导结束", "青年外出务工，暂停辅导"]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2))


def _mentor_user(email, name, password_hash, totp_secret) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "password": password_hash}
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, totp_secret)
    return user


def seed_mentors(context) -> list[MentorProfile]:
    rng = context.rng
    district = OrgUnit.objects.filter(level="district").order_by("pk").first()
    towns = list(OrgUnit.objects.filter(level="town").order_by("path"))
    if district is None or not towns:
        return []
    inviter = StaffProfile.objects.filter(centre=district).select_related("user").first()
    mentors = []
    for i in range(MENTOR_COUNT + 1):
        chief = i == 0
        email = f"mentor{i:02d}@{DOMAIN}" if not chief else f"chief.mentor@{DOMAIN}"
        user = _mentor_user(email, _name(rng), context.password_hash, context.totp_secret)
        centre = district if chief else towns[i % len(towns)]
        MentorRole.objects.get_or_create(
            user=user,
            defaults={"centre": centre, "granted_by": inviter.user if inviter else None},
        )
        profile = MentorProfile.objects.filter(user=user).first()
        if profile is None:
            profile = mentor_profile_save(
                user=user,
                title="首席创业导师" if chief else rng.choice(TITLES),
                organisation=rng.choice(ORGANISATIONS),
                sectors=rng.sample(Sector.values[:-1], k=rng.randint(1, 3)),
                skills="、".join(rng.sample(SKILLS, k=rng.randint(2, 4))),
                service_centres=[district] if chief else [centre],
                bio="从事相关行业十余年，愿意把经验分享给返乡创业的青年。",
                capacity=rng.randint(2, 5),
                availability="open",
            )
            if chief:
                MentorProfile.objects.filter(pk=profile.pk).update(is_chief=True)
        mentors.append(profile)
    context.logins.append(("chief mentor", f"chief.mentor@{DOMAIN}"))
    context.logins.append(("mentor", f"mentor01@{DOMAIN}"))
    return mentors


def _days_ago(now, days) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def seed_matches(context, mentors) -> None:
    if Match.objects.exists() or not mentors:
        return
    rng = context.rng
    now = timezone.now()
    youth = list(
        User.objects.filter(email__endswith=f"@{DOMAIN}", youth_profile__home_centre__isnull=False)
        .select_related("youth_profile__home_centre")
        .order_by("email")
    )
    coordinator = StaffProfile.objects.filter(role="coordinator").order_by("pk").first().user
    people = iter(youth)
    regular = mentors[1:]

    def next_mentor():
        rng.shuffle(regular)
        return next(m for m in regular if MentorProfile.objects.get(pk=m.pk).free_places > 1)

    # Active matches with sessions over the last six months; some ended.
    for index in range(45):
        person, mentor = next(people), next_mentor()
        match = match_request(youth=person, mentor=mentor, message="希望得到创业方面的指导。")
        match_accept(match=match, actor=mentor.user)
        started = _days_ago(now, rng.randint(40, 180))
        Match.objects.filter(pk=match.pk).update(
            accepted_at=started, created_at=started, status_changed_at=started
        )
        MatchChange.objects.filter(match=match).update(created_at=started)
        when = started + datetime.timedelta(days=rng.randint(3, 10))
        while when < now - datetime.timedelta(days=2):
            CoachingSession.objects.create(
                match=match,
                starts_at=when,
                mode=rng.choice(Mode.values),
                status=rng.choice([SessionStatus.CONFIRMED] * 4 + [SessionStatus.LOGGED]),
                minutes=rng.choice([30, 45, 60, 90]),
                topics=rng.choice(TOPICS),
                notes="讨论了近期经营情况，梳理了下一步计划。",
                next_steps="完善成本测算表，下次带来讨论。",
                private_notes="积极性高，需要在财务上多加指导。",
                rating=rng.choice([None, 4, 5, 5]),
                logged_at=when + datetime.timedelta(hours=3),
            )
            when += datetime.timedelta(days=rng.randint(12, 30))
        if index % 5 == 0:
            CoachingSession.objects.create(
                match=match,
                starts_at=now + datetime.timedelta(days=rng.randint(1, 10), hours=2),
                mode=Mode.PHONE,
            )
        if index % 9 == 4:
            match_end(match=match, actor=mentor.user, reason=rng.choice(END_REASONS))
    # Requests waiting for an answer, proposals by staff, declined and expired requests.
    for _ in range(8):
        match_request(youth=next(people), mentor=next_mentor(), message="想请您指导我的项目。")
    for _ in range(5):
        match_propose(actor=coordinator, youth=next(people), mentor=next_mentor())
    for _ in range(4):
        mentor = next_mentor()
        match = match_request(youth=next(people), mentor=mentor, message="")
        match_decline(match=match, actor=mentor.user, reason="近期出差较多，暂时无法接收。")
    for _ in range(4):
        match = match_request(youth=next(people), mentor=next_mentor(), message="")
        Match.objects.filter(pk=match.pk).update(expires_at=_days_ago(now, 1))
    matches_expire(now)
    # Young people waiting for the centre to find them a mentor.
    for _ in range(15):
        mentoring_wish_create(youth=next(people), note="希望找一位懂电商的导师。")
    MentoringWish.objects.update(created_at=_days_ago(now, 3))


def _run(context) -> None:
    mentors = seed_mentors(context)
    seed_matches(context, mentors)


register(Seed(name="mentors", run=_run, after=("accounts", "projects")))
