"""Demo training for ``manage.py seed_demo``: venues, entrepreneurship classroom events with
attendance, skills courses, two order-based courses (a meat-products maker and a non-ferrous
metals company, with a contact who signs in), and a year of monthly legal training with
thousands of attendances. Idempotent: a course that exists is left alone."""

import datetime
import hashlib
import random
import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import Invitation, OrgUnit, StaffProfile, User
from core.seeding import Seed, register
from core.validators import uscc_check_char
from partners.models import Enterprise, PartnerMember

from .models import (
    Attendance,
    Course,
    CourseKind,
    Enrolment,
    EnrolmentChange,
    EnrolmentStatus,
    Session,
    Venue,
    VenueKind,
)
from .services import (
    attendance_set,
    certificates_issue,
    enrolment_create,
    placement_record,
)

DEMO_DOMAIN = "demo.youthventure.cn"
COMMISSIONERS = [
    # uscc serial, name, industry, course title, job type, grade
    (901, "青山肉类食品有限公司", "肉制品加工", "肉制品分割工订单班", "肉制品分割工",
     "五级/初级工"),
    (902, "青山有色金属有限公司", "有色金属冶炼", "有色金属冶炼工订单班", "冶炼工",
     "四级/中级工"),
]  # fmt: skip
CLASSROOM = ["创业大讲堂：从返乡青年到电商达人", "创业沙龙：乡村民宿经验交流", "青年创业论坛"]
SKILLS_RUN = ("农村电商运营技能培训（第一期）", "五级/初级工")
SKILLS = [("电商直播运营技能培训", "五级/初级工"), ("中式面点师技能培训", "五级/初级工")]
LEGAL_TITLE = "青年法律知识培训（%(year)s年度）"


def _coordinator(centre) -> User:
    while centre is not None:
        profile = StaffProfile.objects.filter(centre=centre, role="coordinator").first()
        if profile:
            return profile.user
        centre = centre.parent
    raise LookupError("no coordinator above this centre")


def _venues(district, towns):
    base, _ = Venue.objects.get_or_create(
        name="青山区青年创业实训基地",
        defaults={"kind": VenueKind.TRAINING_BASE, "centre": district, "seats": 120},
    )
    park, _ = Venue.objects.get_or_create(
        name="青山区青年创业示范园",
        defaults={"kind": VenueKind.DEMO_PARK, "centre": district, "seats": 300},
    )
    centres = [
        Venue.objects.get_or_create(
            name=f"{town.name}青年之家",
            defaults={"kind": VenueKind.YOUTH_CENTRE, "centre": town, "seats": 60},
        )[0]
        for town in towns
    ]
    return base, park, centres


def _course(title, **values) -> tuple[Course, bool]:
    existing = Course.objects.filter(title=title).first()
    if existing:
        return existing, False
    return Course.objects.create(title=title, is_published=True, **values), True


def _sessions(course, first: datetime.datetime, n: int, every_days: int, trainer: str):
    return [
        Session.objects.create(
            course=course,
            topic=f"第{i + 1}讲",
            starts_at=first + datetime.timedelta(days=i * every_days),
            ends_at=first + datetime.timedelta(days=i * every_days, hours=2),
            trainer=trainer,
        )
        for i in range(n)
    ]


def _enrol_now_open(course, people, share=False):
    """Enrol through the service (the window is opened for it, then set back)."""
    opens, closes = course.enrol_opens, course.enrol_closes
    now = timezone.now()
    Course.objects.filter(pk=course.pk).update(
        enrol_opens=now - datetime.timedelta(days=1), enrol_closes=now + datetime.timedelta(days=1)
    )
    course.refresh_from_db()
    enrolments = [
        enrolment_create(youth=p, course=course, share_with_enterprise=share) for p in people
    ]
    Course.objects.filter(pk=course.pk).update(enrol_opens=opens, enrol_closes=closes)
    course.refresh_from_db()
    return enrolments


def _commissioner(context, district, serial, name, industry) -> Enterprise:
    first17 = f"91330100MA{serial:07d}"
    enterprise, _ = Enterprise.objects.get_or_create(
        uscc=first17 + uscc_check_char(first17),
        defaults={
            "name": name,
            "industry": industry,
            "centre": district,
            "contact_name": "人事部",
            "is_employer": True,
            "is_training_commissioner": True,
        },
    )
    return enterprise


def _contact(context, enterprise, login) -> None:
    """A contact who signs in for the enterprise (as if they had accepted an invitation)."""
    email = f"{login}@{DEMO_DOMAIN}"
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": "订单班联络人", "password": context.password_hash}
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        TOTP.activate(user, context.totp_secret)
    _, made = PartnerMember.objects.get_or_create(user=user, defaults={"enterprise": enterprise})
    if made:
        now = timezone.now()
        Invitation.objects.create(
            kind="partner",
            name=user.name,
            email=email,
            centre=enterprise.centre,
            target_type=enterprise._meta.label_lower,
            target_id=str(enterprise.pk),
            data={"role": PartnerMember.Role.CONTACT},
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            expires_at=now,
            status=Invitation.Status.ACCEPTED,
            invited_by=_coordinator(enterprise.centre),
            accepted_by=user,
            accepted_at=now,
            sent_at=now,
        )
    context.logins.append(("order-based course contact (meat products)", email))


def _legal(district, venue, staff, youth, now) -> None:
    """A year of monthly legal training: a large course, every young person enrolled, each
    session attended by most of them (bulk: thousands of rows)."""
    year = timezone.localdate(now).year
    course, created = _course(
        LEGAL_TITLE % {"year": year},
        kind=CourseKind.LEGAL,
        centre=district,
        venue=venue,
        capacity=max(len(youth), 1),
        enrol_opens=now - datetime.timedelta(days=365),
        enrol_closes=now + datetime.timedelta(days=30),
        completion_percent=50,
        description="劳动合同、社会保险、欠薪维权等法律知识，由区青少年维权岗调解员和律师主讲。",
    )
    if not created:
        return
    sessions = _sessions(course, now - datetime.timedelta(days=330), 12, 30, "区法律援助中心律师")
    Enrolment.objects.bulk_create(
        [Enrolment(course=course, youth=p, status=EnrolmentStatus.CONFIRMED) for p in youth]
    )
    Course.objects.filter(pk=course.pk).update(seats_taken=len(youth))
    enrolments = list(Enrolment.objects.filter(course=course).order_by("pk"))
    EnrolmentChange.objects.bulk_create(
        [EnrolmentChange(enrolment=e, what="confirmed", actor_id=e.youth_id) for e in enrolments]
    )
    rows = []
    for s_index, session in enumerate(sessions[:-1]):  # the last one is still to come
        for e_index, enrolment in enumerate(enrolments):
            if (e_index + s_index) % 5:  # four in five attend
                rows.append(Attendance(session=session, enrolment=enrolment, recorded_by=staff))
    Attendance.objects.bulk_create(rows, batch_size=2000)
    from .services import completion_update

    completion_update(course=course, actor=staff)


def run(context) -> None:
    rng = context.rng
    district = context.shared.get("district") or OrgUnit.objects.get(level="district")
    towns = list(OrgUnit.objects.filter(level="town").order_by("path"))
    staff = _coordinator(district)
    youth = list(
        User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}", youth_profile__isnull=False
        ).order_by("email")
    )
    if not youth:
        return
    now = timezone.now()
    base, park, town_venues = _venues(district, towns)

    # Classroom events in the past, with attendance.
    for i, title in enumerate(CLASSROOM):
        town = towns[i % len(towns)] if towns else district
        course, created = _course(
            title,
            kind=CourseKind.CLASSROOM,
            centre=town,
            venue=town_venues[i % len(town_venues)] if town_venues else park,
            capacity=60,
            enrol_opens=now - datetime.timedelta(days=90 + i * 20),
            enrol_closes=now - datetime.timedelta(days=60 + i * 20),
            completion_percent=100,
            description="优秀创业青年分享创业经历，现场交流答疑。",
        )
        if created:
            (session,) = _sessions(
                course, course.enrol_closes + datetime.timedelta(days=2), 1, 1, "优秀创业青年"
            )
            people = rng.sample(youth, min(len(youth), 40))
            enrolments = _enrol_now_open(course, people)
            attendance_set(
                session=session,
                actor=_coordinator(town),
                present={e.pk for e in enrolments if rng.random() < 0.85},
            )

    # Skills courses open now, one of them full with a waitlist.
    for i, (title, grade) in enumerate(SKILLS):
        course, created = _course(
            title,
            kind=CourseKind.SKILLS,
            centre=district,
            venue=base,
            capacity=30 if i else 20,
            enrol_opens=now - datetime.timedelta(days=10),
            enrol_closes=now + datetime.timedelta(days=20),
            completion_percent=80,
            certificate_grade=grade,
            description="理论与实操结合，考核合格颁发职业技能等级证书。",
        )
        if created:
            _sessions(course, now + datetime.timedelta(days=25), 6, 2, "实训基地讲师")
            _enrol_now_open(course, rng.sample(youth, min(len(youth), 24 if i else 26)))

    # A skills course already run (attendance, certificates), so that the staff home's skills
    # figures are not empty; its own random numbers, so the rest of the demo stays as it was.
    course, created = _course(
        SKILLS_RUN[0],
        kind=CourseKind.SKILLS,
        centre=district,
        venue=base,
        capacity=30,
        enrol_opens=now - datetime.timedelta(days=70),
        enrol_closes=now - datetime.timedelta(days=50),
        completion_percent=80,
        certificate_grade=SKILLS_RUN[1],
        description="理论与实操结合，考核合格颁发职业技能等级证书。",
    )
    if created:
        own = random.Random(19)
        sessions = _sessions(course, now - datetime.timedelta(days=45), 5, 3, "实训基地讲师")
        enrolments = _enrol_now_open(course, own.sample(youth, min(len(youth), 25)))
        for session in sessions:
            attendance_set(
                session=session,
                actor=staff,
                present={e.pk for e in enrolments if own.random() < 0.9},
            )
        certificates_issue(
            course=course, actor=staff, grade=SKILLS_RUN[1], issuer="青山区人力资源和社会保障局"
        )

    # Two order-based courses: one finished (certified, offers and hires), one open.
    for i, (serial, name, industry, title, job_type, grade) in enumerate(COMMISSIONERS):
        enterprise = _commissioner(context, district, serial, name, industry)
        if i == 0:
            _contact(context, enterprise, "ordercontact1")
        finished = i == 0
        course, created = _course(
            title,
            kind=CourseKind.ORDER_BASED,
            centre=district,
            venue=park,
            enterprise=enterprise,
            job_type=job_type,
            places_commissioned=30,
            placement_promise="考核合格者由企业录用，签订劳动合同",
            certificate_grade=grade,
            capacity=30,
            enrol_opens=now - datetime.timedelta(days=120 if finished else 5),
            enrol_closes=now - datetime.timedelta(days=90)
            if finished
            else now + datetime.timedelta(days=25),
            completion_percent=75,
            description=f"{name}委托开展的{job_type}订单式培训。",
        )
        if not created:
            continue
        if finished:
            sessions = _sessions(course, now - datetime.timedelta(days=80), 4, 7, f"{name}技术骨干")
            enrolments = _enrol_now_open(course, rng.sample(youth, min(len(youth), 28)), share=True)
            for s_index, session in enumerate(sessions):
                attendance_set(
                    session=session,
                    actor=staff,
                    present={e.pk for j, e in enumerate(enrolments) if (j + s_index) % 9},
                )
            certificates_issue(
                course=course, actor=staff, grade=grade, issuer="青山区人力资源和社会保障局"
            )
            contact = User.objects.get(email=f"ordercontact1@{DEMO_DOMAIN}")
            completed = list(Enrolment.objects.filter(course=course, completed=True).order_by("pk"))
            for j, e in enumerate(completed[:22]):
                placement_record(enrolment=e, actor=contact, placement="offered")
                if j < 18:
                    placement_record(enrolment=e, actor=contact, placement="placed")
        else:
            _sessions(course, now + datetime.timedelta(days=30), 8, 3, f"{name}技术骨干")
            _enrol_now_open(course, rng.sample(youth, min(len(youth), 12)), share=True)

    _legal(district, park, staff, youth, now)


register(Seed(name="training", run=run, after=("accounts", "partners")))
