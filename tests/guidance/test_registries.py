"""The desk's part of the registries: figures (yuan recovered counted by aggregate), the
timeline, the personal-data download and erasure (figures unchanged)."""

from decimal import Decimal

from core.figures import FIGURES
from core.personal_data import PARTS
from core.timeline import timeline
from facilities.models import BookClubMember, Newsstand
from guidance.models import CaseNote, Consultation, Status

from .conftest import make_case


def _figures(user):
    return {f.key: f.value(user) for f in FIGURES if f.key.startswith(("guidance", "facilities"))}


def test_figures_count_for_the_viewers_area(
    youth_a, youth_b, town_staff, other_town_staff, district_staff, village_a1
):
    for amount in ("1200000", "1800000"):
        case = make_case(youth_a, status=Status.RESOLVED)
        case.amount_recovered = Decimal(amount)
        case.save()
    make_case(youth_a)
    make_case(youth_b, status=Status.RESOLVED)
    Consultation.objects.create(centre=village_a1, topic="legal", summary="x")
    BookClubMember.objects.create(centre=village_a1, name="R", card_number="A1-1")
    BookClubMember.objects.create(centre=village_a1, name="S", card_number="A1-2", status="left")
    Newsstand.objects.create(
        name="N", centre=village_a1, address="A", latitude=30, longitude=120, opened_on="2025-01-01"
    )
    town = _figures(town_staff)
    assert town == {
        "guidance.consultations": 1,
        "guidance.cases_opened": 3,
        "guidance.cases_resolved": 2,
        "guidance.yuan_recovered": 3_000_000,
        "guidance.legal_aid_cases": 0,  # none referred to legal aid
        "facilities.book_club_members": 1,
        "facilities.newsstands": 1,
    }
    assert _figures(other_town_staff)["guidance.yuan_recovered"] == 0
    assert _figures(district_staff)["guidance.cases_resolved"] == 3


def test_the_timeline_shows_the_case_to_staff_in_scope_only(youth_a, town_staff, other_town_staff):
    make_case(youth_a)
    entries = [e for e in timeline(youth_a, town_staff) if e.app == "guidance"]
    assert len(entries) == 1
    assert [e for e in timeline(youth_a, other_town_staff) if e.app == "guidance"] == []


def test_download_and_erasure_keep_the_figures(youth_a, mediator_a, town_staff):
    case = make_case(youth_a, status=Status.RESOLVED, mediator=mediator_a)
    case.amount_recovered = Decimal("5000")
    case.save()
    CaseNote.objects.create(case=case, author=mediator_a, text="secret")
    part = PARTS.get("guidance")
    exported = part.export(youth_a)
    assert exported["cases"][0]["other_party"] == "Green Hill Construction"
    assert "secret" not in str(exported)  # internal notes are the case workers'
    before = _figures(town_staff)
    part.erase(youth_a)
    case.refresh_from_db()
    assert case.description == "" and case.other_party != "Green Hill Construction"
    assert not CaseNote.objects.filter(case=case).exists()
    assert _figures(town_staff) == before
