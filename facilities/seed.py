"""Demo data for the youth centres' facilities: a book club with members, visits and
borrowings at each town's centre, and the six youth newsstands near markets and enterprises.
Idempotent."""

import datetime

from django.utils import timezone

from accounts.models import OrgUnit, StaffProfile
from core.seeding import Seed, register

from .models import BookClubMember, Newsstand
from .services import book_borrow, book_return, member_create, newsstand_save, visit_log

# name, address, latitude, longitude, papers (the district's centres sit near 30.2N 120.1E)
NEWSSTANDS = [
    ("城关农贸市场青年报刊亭", "城关镇人民路农贸市场东门", "30.2741", "120.1551",
     "中国青年报、浙江日报、青年文摘"),
    ("河口工业园青年报刊亭", "河口镇工业园区管委会旁", "30.2519", "120.2104",
     "中国青年报、人民日报、创业家"),
    ("梅岭镇集市青年报刊亭", "梅岭镇集市广场北侧", "30.3122", "120.0843", "浙江日报、农村信息报"),
    ("白沙电子园青年报刊亭", "白沙镇电子产业园食堂门口", "30.2288", "120.1347",
     "中国青年报、读者、电脑报"),
    ("新华商贸城青年报刊亭", "新华镇商贸城中心广场", "30.2905", "120.2310", "钱江晚报、青年文摘"),
    ("桃源乡村振兴服务站报刊亭", "桃源镇便民服务中心门前", "30.3350", "120.1720",
     "农民日报、浙江日报、致富经"),
]  # fmt: skip
BOOKS = ["平凡的世界", "活着", "创业维艰", "乡土中国", "从零开始学电商", "人类简史", "围城"]
MEMBERS_PER_TOWN = 14


def _staff(town):
    return StaffProfile.objects.filter(centre=town).select_related("user").first().user


def seed_facilities(context) -> None:
    rng = context.rng
    district = OrgUnit.objects.get(level=OrgUnit.Level.DISTRICT, parent=None, code="qs")
    towns = list(OrgUnit.objects.filter(parent=district).order_by("code"))
    coordinator = _staff(district)
    for index, (name, address, lat, lon, papers) in enumerate(NEWSSTANDS):
        if Newsstand.objects.filter(name=name).exists():
            continue
        newsstand_save(
            actor=coordinator,
            name=name,
            centre=towns[index % len(towns)],
            address=address,
            latitude=lat,
            longitude=lon,
            opened_on=datetime.date(2024, 3 + index, 4),
            status="open",
            papers=papers,
        )
    if BookClubMember.objects.filter(card_number__startswith="QS-").exists():
        return
    today = timezone.localdate()
    for t, town in enumerate(towns):
        staff = _staff(town)
        for i in range(MEMBERS_PER_TOWN - t * 2):
            member = member_create(
                actor=staff,
                centre=town,
                name=f"读者{t + 1}{i + 1:02d}",
                card_number=f"QS-{t + 1}{i + 1:03d}",
                joined_on=today - datetime.timedelta(days=rng.randrange(30, 700)),
            )
            for days in sorted(rng.sample(range(1, 120), rng.randrange(1, 6))):
                visit_log(
                    member=member, actor=staff, visited_on=today - datetime.timedelta(days=days)
                )
            for b in range(rng.randrange(0, 3)):
                borrowed = today - datetime.timedelta(days=rng.randrange(3, 60))
                borrowing = book_borrow(
                    member=member, actor=staff, title=BOOKS[(i + b) % len(BOOKS)],
                    borrowed_on=borrowed,
                )  # fmt: skip
                if b == 0 and i % 2:
                    book_return(
                        borrowing=borrowing,
                        actor=staff,
                        returned_on=min(today, borrowed + datetime.timedelta(days=14)),
                    )


register(Seed(name="facilities", run=seed_facilities, after=("accounts", "partners", "projects")))
