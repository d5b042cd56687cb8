"""Load a demo district shaped like the programme in DESIGN.md. Safe to run again.

Names are invented. Everything is keyed (centre codes, e-mail addresses, credit
codes), so a second run adds only what is missing.
"""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import (
    Education,
    EmploymentStatus,
    Gender,
    Hukou,
    OrgUnit,
    Sector,
    StaffProfile,
    User,
    YouthProfile,
)
from core.validators import national_id_check_char, uscc_check_char
from partners.models import Bank, Enterprise

DEMO_PASSWORD = "demo-2026"
# Staff sign in with a second factor; every demo staff account shares this authenticator
# secret (add it to any TOTP app, or run `manage.py demo_totp_code`).
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
DISTRICT = ("青山区", "qs")
TOWNS = [
    ("城关镇", "cg"), ("石桥镇", "sq"), ("柳林镇", "ll"), ("河口镇", "hk"),
    ("梅岭镇", "ml"), ("新华镇", "xh"), ("桃源镇", "ty"), ("白沙镇", "bs"),
]  # fmt: skip
VILLAGE_NAMES = ["东村", "西村", "南岗村", "北坡村", "前进村"]
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
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
SCHOOLS = ["青山职业技术学院", "省农业大学", "青山区职业中专", "师范学院", "理工大学", ""]
YOUTH_COUNT = 300


class Command(BaseCommand):
    help = "Load the demo district (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--youth", type=int, default=YOUTH_COUNT)

    @transaction.atomic
    def handle(self, *args, youth: int, **options):
        if not settings.DEBUG:
            # Demo accounts share a known password and authenticator secret.
            raise CommandError("seed_demo is for development and demos only (DEBUG on).")
        self.rng = random.Random(2026)
        self.password_hash = make_password(DEMO_PASSWORD)
        district, towns, villages = self.centres()
        logins = self.staff(district, towns, villages)
        self.partners(district)
        self.youth(villages, youth)
        self.projects()
        self.stdout.write(self.style.SUCCESS("Demo district ready. Demo logins:"))
        for role, email in logins:
            self.stdout.write(f"  {role:<28} {email:<34} {DEMO_PASSWORD}")
        self.stdout.write(
            f"  {'young person':<28} {'youth001@demo.youthventure.cn':<34} {DEMO_PASSWORD}"
        )
        self.stdout.write(
            f"Staff sign in with a two-factor code: authenticator secret {DEMO_TOTP_SECRET}, "
            "or `make totp` prints the current code."
        )

    def centres(self):
        name, code = DISTRICT
        district, _ = OrgUnit.objects.get_or_create(
            code=code, defaults={"name": name, "level": OrgUnit.Level.DISTRICT}
        )
        towns, villages = [], []
        for town_name, town_code in TOWNS:
            town, _ = OrgUnit.objects.get_or_create(
                code=f"{code}-{town_code}",
                defaults={"name": town_name, "level": OrgUnit.Level.TOWN, "parent": district},
            )
            towns.append(town)
            for i, village_name in enumerate(VILLAGE_NAMES, start=1):
                village, _ = OrgUnit.objects.get_or_create(
                    code=f"{code}-{town_code}-v{i}",
                    defaults={
                        "name": f"{town_name[:2]}{village_name}",
                        "level": OrgUnit.Level.VILLAGE,
                        "parent": town,
                    },
                )
                villages.append(village)
        return district, towns, villages

    def _user(self, email, name, phone=None):
        user, created = User.objects.get_or_create(
            email=email, defaults={"name": name, "phone": phone, "password": self.password_hash}
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def staff(self, district, towns, villages):
        coordinator, officer = StaffProfile.Role.COORDINATOR, StaffProfile.Role.OFFICER
        domain = "demo.youthventure.cn"
        people = [
            ("district@" + domain, "区团委 赵书记", district, coordinator),
            ("officer@" + domain, "区团委 钱干事", district, officer),
        ]
        for i, town in enumerate(towns, start=1):
            people.append((f"town{i}@{domain}", f"{town.name} 孙站长", town, coordinator))
        for i, village in enumerate(villages, start=1):
            people.append((f"village{i:02d}@{domain}", f"{village.name} 李专干", village, officer))
        for email, name, centre, role in people:
            user = self._user(email, name)
            StaffProfile.objects.get_or_create(user=user, defaults={"centre": centre, "role": role})
            self._two_factor(user)
        superuser = self._user("admin@demo.youthventure.cn", "系统管理员")
        if not superuser.is_superuser:
            superuser.is_superuser = superuser.is_staff = True
            superuser.save(update_fields=["is_superuser", "is_staff"])
        self._two_factor(superuser)
        return [
            ("district coordinator", people[0][0]),
            ("district officer", people[1][0]),
            ("town coordinator (城关镇)", people[2][0]),
            ("village officer (城关东村)", people[2 + len(towns)][0]),
            ("superuser (/admin/)", superuser.email),
        ]

    def _two_factor(self, user):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)

    def partners(self, district):
        for i, (name, industry, employer, host, commissioner) in enumerate(ENTERPRISES, start=1):
            first17 = f"91330100MA{i:07d}"
            Enterprise.objects.get_or_create(
                uscc=first17 + uscc_check_char(first17),
                defaults={
                    "name": name,
                    "industry": industry,
                    "centre": district,
                    "contact_name": self._person_name(),
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

    def projects(self):
        """The district's 19 signed or launched projects, and others at earlier stages."""
        from django.test.utils import override_settings

        from projects.seed import seed_projects

        # The demo's stage-change e-mails stay in the outbox (marked sent), not on the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            seed_projects(self.rng)

    def _person_name(self):
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choices(GIVEN, k=self.rng.choice([1, 2]))
        )

    def youth(self, villages, count):
        existing = set(
            User.objects.filter(
                email__endswith="@demo.youthventure.cn", youth_profile__isnull=False
            ).values_list("email", flat=True)
        )
        now = timezone.now()
        statuses = [s for s, _ in EmploymentStatus.choices]
        weights = [10, 20, 45, 15, 10]
        new_users, specs = [], []
        for i in range(1, count + 1):
            email = f"youth{i:03d}@demo.youthventure.cn"
            born = datetime.date(1994, 1, 1) + datetime.timedelta(
                days=self.rng.randrange(0, 365 * 12)
            )
            gender = self.rng.choice([Gender.MALE, Gender.FEMALE])
            serial = (i % 500) * 2 + (1 if gender == Gender.MALE else 0)
            first17 = f"330110{born:%Y%m%d}{serial:03d}"
            spec = {
                "name": self._person_name(),
                "born": born,
                "gender": gender,
                "national_id": first17 + national_id_check_char(first17),
                "status": self.rng.choices(statuses, weights)[0],
                "village": villages[(i - 1) % len(villages)],
            }
            if email in existing:
                continue
            new_users.append(
                User(
                    email=email,
                    name=spec["name"],
                    phone=f"1370000{i:04d}",
                    password=self.password_hash,
                )
            )
            specs.append(spec)
        if not new_users:
            return
        users = User.objects.bulk_create(new_users)
        users = list(User.objects.filter(email__in=[u.email for u in new_users]).order_by("email"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        profiles = []
        for user, spec in zip(users, specs, strict=True):
            education = self.rng.choice(Education.values)
            sectors = self.rng.sample(Sector.values, k=self.rng.randint(1, 3))
            profiles.append(
                YouthProfile(
                    user=user,
                    gender=spec["gender"],
                    date_of_birth=spec["born"],
                    national_id=spec["national_id"],
                    education_level=education,
                    school=self.rng.choice(SCHOOLS),
                    graduation_year=min(spec["born"].year + 22, 2027),
                    employment_status=spec["status"],
                    hukou=self.rng.choice([Hukou.RURAL, Hukou.RURAL, Hukou.URBAN]),
                    home_centre=spec["village"],
                    skills=self.rng.choice(
                        ["电工", "直播带货", "茶艺", "汽修", "烹饪", "平面设计", ""]
                    ),
                    sectors=sectors,
                    consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                    consent_given_at=now,
                )
            )
        YouthProfile.objects.bulk_create(profiles)
