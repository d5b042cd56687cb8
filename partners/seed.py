"""Demo partners: the twelve enterprises of the district and the rural commercial bank."""

import hashlib
import secrets
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.seed import person_name
from core.seeding import Seed, SeedContext, register
from core.validators import uscc_check_char

from .invitations import partner_member_invite
from .models import Bank, Enterprise, PartnerMember

ENTERPRISES = [
    # name, industry, employer, internship host, training commissioner
    ("青山智造电子有限公司", "电子制造", True, True, True),
    ("绿野农业科技有限公司", "现代农业", True, True, False),
    ("青山云仓物流有限公司", "物流", True, True, False),
    ("山水文旅发展有限公司", "文化旅游", True, True, False),
    ("巧手家政服务有限公司", "家政服务", True, False, True),
    ("柳林食品加工有限公司", "食品加工", True, False, True),
    ("河口汽车零部件有限公司", "汽车零部件", True, False, True),
    ("梅岭茶业有限公司", "茶叶种植与加工", True, False, False),
    ("新华电商直播基地有限公司", "电子商务", True, False, True),
    ("桃源民宿管理有限公司", "民宿", True, False, False),
    ("白沙建材有限公司", "建材", True, False, False),
    ("青山青创孵化器有限公司", "创业孵化", False, False, False),
]  # fmt: skip


def run(context: SeedContext) -> None:
    district = context.shared["district"]
    for i, (name, industry, employer, host, commissioner) in enumerate(ENTERPRISES, start=1):
        first17 = f"91330100MA{i:07d}"
        Enterprise.objects.get_or_create(
            uscc=first17 + uscc_check_char(first17),
            defaults={
                "name": name,
                "industry": industry,
                "centre": district,
                "contact_name": person_name(context.rng),
                "contact_phone": f"1390000{i:04d}",
                "is_employer": employer,
                "is_internship_host": host,
                "is_training_commissioner": commissioner,
            },
        )
    Bank.objects.get_or_create(
        name="青山农村商业银行",
        branch="营业部",
        defaults={
            "centre": district,
            "base_interest_rate": Decimal("4.35"),
            "contact_name": "周信贷员",
            "contact_phone": "13900009999",
        },
    )

    _members(context)


DEMO_DOMAIN = "demo.youthventure.cn"


def _members(context: SeedContext) -> None:
    """People who sign in for partners: the bank's loan officer, a contact at each internship
    host and at two employers; an accepted and two pending invitations to show the list."""
    bank = Bank.objects.get(name="青山农村商业银行", branch="营业部")
    hosts = list(Enterprise.objects.filter(is_internship_host=True).order_by("uscc")[:4])
    employers = list(
        Enterprise.objects.filter(is_employer=True, is_internship_host=False).order_by("uscc")[:2]
    )
    people = [("bank", "周信贷员", bank, PartnerMember.Role.OFFICER)]
    people += [
        (f"host{i}", person_name(context.rng), e, PartnerMember.Role.CONTACT)
        for i, e in enumerate(hosts, start=1)
    ]
    people += [
        (f"employer{i}", person_name(context.rng), e, PartnerMember.Role.CONTACT)
        for i, e in enumerate(employers, start=1)
    ]
    inviter = User.objects.get(email=f"district@{DEMO_DOMAIN}")
    for login, name, organisation, role in people:
        email = f"{login}@{DEMO_DOMAIN}"
        user, created = User.objects.get_or_create(
            email=email, defaults={"name": name, "password": context.password_hash}
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            TOTP.activate(user, context.totp_secret)
        member, made = PartnerMember.objects.get_or_create(
            user=user,
            defaults={
                "enterprise": organisation if isinstance(organisation, Enterprise) else None,
                "bank": organisation if isinstance(organisation, Bank) else None,
                "role": role,
            },
        )
        if made:
            _accepted_invitation(inviter, user, organisation, role)
    context.logins.append(("bank loan officer", f"bank@{DEMO_DOMAIN}"))
    context.logins.append(("internship host contact", f"host1@{DEMO_DOMAIN}"))
    context.logins.append(("employer contact", f"employer1@{DEMO_DOMAIN}"))
    if not Invitation.objects.filter(email__endswith="@invited.example.cn").exists():
        for i, organisation in enumerate(employers, start=1):
            partner_member_invite(
                invited_by=inviter, organisation=organisation, name=person_name(context.rng),
                email=f"hr{i}@invited.example.cn", phone="", role=PartnerMember.Role.CONTACT,
            )  # fmt: skip


def _accepted_invitation(inviter, user, organisation, role) -> None:
    """The record of how a demo member joined (as if they had accepted their link)."""
    now = timezone.now()
    Invitation.objects.create(
        kind="partner",
        name=user.name,
        email=user.email,
        centre=organisation.centre,
        target_type=organisation._meta.label_lower,
        target_id=str(organisation.pk),
        data={"role": role},
        token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
        expires_at=now,
        status=Invitation.Status.ACCEPTED,
        invited_by=inviter,
        accepted_by=user,
        accepted_at=now,
        sent_at=now,
    )


register(Seed(name="partners", run=run, after=("accounts",)))
