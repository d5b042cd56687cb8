"""Demo data for the guidance desk: the mediation offices and the legal service centre, an
external mediator, consultations, and the rights-protection cases of the programme's report
(27 legal-aid cases with about 3 million yuan recovered, and a few still being worked on).
Made through the services so every case has its history; idempotent."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import OrgUnit, StaffProfile, User
from core.seeding import Seed, register

from .models import Case, CaseChange, CaseNote, Mediator, Office, Status
from .services import (
    case_assign,
    case_note_add,
    case_open,
    case_transition,
    consultation_create,
)

DEMO_DOMAIN = "demo.youthventure.cn"
LEGAL_AID_CASES = 27
RECOVERED_TOTAL = Decimal("3012600")
KINDS = ["wages"] * 15 + ["contract"] * 5 + ["injury"] * 4 + ["fraud"] * 2 + ["business"]
EMPLOYERS = [
    "青山建筑工程有限公司", "城关服装厂", "河口物流有限公司", "梅岭食品加工厂",
    "白沙电子装配厂", "新华装饰工程队", "桃源农业开发公司", "石桥建材有限公司",
]  # fmt: skip
TOPICS = ["policy", "career", "legal", "startup"]


def _coordinator(centre) -> User:
    while centre is not None:
        profile = StaffProfile.objects.filter(centre=centre, role="coordinator").first()
        if profile:
            return profile.user
        centre = centre.parent
    raise LookupError("no coordinator above this centre")


def _offices(district, towns) -> tuple[Office, list[Office]]:
    legal, _ = Office.objects.get_or_create(
        name="青山区法律援助中心", centre=district, defaults={"kind": Office.Kind.LEGAL_SERVICE}
    )
    town_offices = [
        Office.objects.get_or_create(
            name=f"{town.name}人民调解委员会", centre=town, defaults={"kind": "mediation"}
        )[0]
        for town in towns
    ]
    return legal, town_offices


def _mediator(context, office) -> User:
    email = f"mediator@{DEMO_DOMAIN}"
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": "吴调解员", "password": context.password_hash}
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, context.totp_secret)
    Mediator.objects.get_or_create(user=user, defaults={"office": office})
    return user


def _amounts(rng) -> list[tuple[Decimal, Decimal]]:
    """(claimed, recovered) for each legal-aid case, recovered summing to RECOVERED_TOTAL."""
    weights = [rng.randrange(30, 300) for _ in range(LEGAL_AID_CASES)]
    scale = RECOVERED_TOTAL / sum(weights)
    recovered = [(Decimal(w) * scale).quantize(Decimal("100")) for w in weights]
    recovered[-1] += RECOVERED_TOTAL - sum(recovered)
    return [(r + Decimal(rng.randrange(0, 40) * 500), r) for r in recovered]


def seed_guidance(context) -> None:
    rng = context.rng
    district = OrgUnit.objects.get(level=OrgUnit.Level.DISTRICT, parent=None, code="qs")
    towns = list(OrgUnit.objects.filter(parent=district).order_by("code"))
    legal, town_offices = _offices(district, towns)
    mediator = _mediator(context, legal)
    context.logins.append(("mediator (legal service centre)", mediator.email))
    if Case.objects.filter(youth__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return
    youth = list(
        User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", youth_profile__isnull=False)
        .select_related("youth_profile__home_centre__parent")
        .order_by("email")
    )
    now = timezone.now()
    for index, (claimed, recovered) in enumerate(_amounts(rng)):
        person = youth[(index * 5 + 3) % len(youth)]
        centre = person.youth_profile.home_centre
        staff = _coordinator(centre.parent)
        case = case_open(
            actor=person if index % 3 else staff,
            youth=person,
            kind=KINDS[index % len(KINDS)],
            other_party=EMPLOYERS[index % len(EMPLOYERS)],
            description="拖欠工资，多次催讨未果，请求帮助维权。"
            if index % 2 == 0
            else "劳动合同纠纷。",
            amount_claimed=claimed,
        )
        carrier = mediator if index % 2 == 0 else staff
        case_assign(case=case, mediator=carrier, actor=staff)
        if index % 3 == 0:
            case_transition(
                case=case, to_status=Status.MEDIATION, actor=carrier, note="已约双方调解。"
            )
        case_transition(
            case=case, to_status=Status.LEGAL_AID, actor=carrier, note="调解未成，转法律援助。"
        )
        case_note_add(
            case=case, actor=carrier, text="已收集工资条和考勤记录。", noted_on=now.date()
        )
        case_transition(
            case=case,
            to_status=Status.RESOLVED,
            actor=carrier,
            note="经法律援助，款项已追回。",
            amount_recovered=recovered,
        )
        _backdate(case, rng, now)
    _active_cases(youth, mediator, now, rng)
    _consultations(youth, towns, now, rng)


def _active_cases(youth, mediator, now, rng) -> None:
    """Cases still being worked on: one just opened, one in mediation, one gone quiet."""
    for offset, status in ((1, Status.OPEN), (2, Status.MEDIATION), (4, Status.LEGAL_AID)):
        person = youth[offset * 11 % len(youth)]
        staff = _coordinator(person.youth_profile.home_centre.parent)
        case = case_open(
            actor=person,
            youth=person,
            kind="wages",
            other_party=EMPLOYERS[offset],
            description="工地结算后老板拖欠三个月工资。",
            amount_claimed=Decimal(rng.randrange(10, 60) * 1000),
        )
        if status != Status.OPEN:
            case_assign(case=case, mediator=mediator, actor=staff)
            case_transition(case=case, to_status=status, actor=mediator, note="已受理。")
        if status == Status.LEGAL_AID:  # not updated for three weeks: flagged as stale
            quiet = now - datetime.timedelta(days=21)
            Case.objects.filter(pk=case.pk).update(last_activity_at=quiet, status_changed_at=quiet)


def _consultations(youth, towns, now, rng) -> None:
    for index in range(40):
        town = towns[index % len(towns)]
        person = youth[index * 3 % len(youth)] if index % 4 else None
        staff = _coordinator(person.youth_profile.home_centre if person else town)
        follow_up = None
        if index % 5 == 0:
            follow_up = now.date() + datetime.timedelta(days=rng.randrange(-5, 10))
        consultation_create(
            actor=staff,
            centre=person.youth_profile.home_centre if person else town,
            topic=TOPICS[index % len(TOPICS)],
            summary="咨询创业扶持政策和贷款贴息。" if index % 2 else "咨询求职方向和简历修改。",
            youth=person,
            follow_up_on=follow_up,
        )


def _backdate(case, rng, now) -> None:
    """Spread the history over the past year (seed only: services date things today)."""
    start = now - datetime.timedelta(days=rng.randrange(60, 360))
    when = start
    for change in CaseChange.objects.filter(case=case).order_by("pk"):
        CaseChange.objects.filter(pk=change.pk).update(created_at=when)
        last = when
        when += datetime.timedelta(days=rng.randrange(5, 25))
    CaseNote.objects.filter(case=case).update(noted_on=last.date())
    Case.objects.filter(pk=case.pk).update(
        created_at=start, status_changed_at=last, last_activity_at=last, resolved_on=last.date()
    )


register(Seed(name="guidance", run=seed_guidance, after=("accounts", "partners", "projects")))
