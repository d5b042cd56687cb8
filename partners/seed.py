"""Demo partners: the twelve enterprises of the district and the rural commercial bank."""

from decimal import Decimal

from accounts.seed import person_name
from core.seeding import Seed, SeedContext, register
from core.validators import uscc_check_char

from .models import Bank, Enterprise

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


register(Seed(name="partners", run=run, after=("accounts",)))
