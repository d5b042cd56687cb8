"""Demo data of the base: the district's centre tree, staff at every level, young people.
Registered with ``core.seeding``; ``manage.py seed_demo`` runs it first."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from core.seeding import Seed, SeedContext, register
from core.validators import national_id_check_char

from .models import (
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

DISTRICT = ("青山区", "qs")
TOWNS = [
    ("城关镇", "cg"), ("石桥镇", "sq"), ("柳林镇", "ll"), ("河口镇", "hk"),
    ("梅岭镇", "ml"), ("新华镇", "xh"), ("桃源镇", "ty"), ("白沙镇", "bs"),
]  # fmt: skip
VILLAGE_NAMES = ["东村", "西村", "南岗村", "北坡村", "前进村"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
SCHOOLS = ["青山职业技术学院", "省农业大学", "青山区职业中专", "师范学院", "理工大学", ""]
YOUTH_COUNT = 300


def person_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice([1, 2])))


class _Seeder:
    def __init__(self, context: SeedContext):
        self.context = context
        self.rng = context.rng
        self.password_hash = context.password_hash

    def _person_name(self):
        return person_name(self.rng)

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
            TOTP.activate(user, self.context.totp_secret)

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


def run(context: SeedContext) -> None:
    seeder = _Seeder(context)
    district, towns, villages = seeder.centres()
    context.shared["district"] = district
    context.logins.extend(seeder.staff(district, towns, villages))
    seeder.youth(villages, context.options.get("youth", YOUTH_COUNT))
    context.logins.append(("young person", "youth001@demo.youthventure.cn"))


register(Seed(name="accounts", run=run))
