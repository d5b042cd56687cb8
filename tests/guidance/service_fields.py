"""The guidance app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from facilities import services as facilities_services
from facilities.models import BookClubMember, Borrowing, ClubVisit, Newsstand
from guidance import services as guidance_services
from guidance.models import Case, CaseChange, CaseNote, Consultation, Office

MODULES = [guidance_services, facilities_services]

TABLES = [
    Consultation,
    Case,
    CaseChange,
    CaseNote,
    Office,
    BookClubMember,
    Borrowing,
    ClubVisit,
    Newsstand,
]


def world(w) -> dict:
    """A wage case of youth A, a consultation whose follow-up is due, book club members (one
    with a book out), a newsstand."""
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    return {
        "case": Case.objects.create(
            youth=w.youth_a, centre=w.village_a1, kind="wages", other_party="X", description="Y"
        ),
        "consultation": Consultation.objects.create(
            centre=w.village_a1, topic="career", summary="CV", follow_up_on=long_ago
        ),
        "book_member": BookClubMember.objects.create(
            centre=w.village_a1, name="Reader", card_number="SF-1", books_on_loan=1
        ),
        "borrowing": Borrowing.objects.create(
            member=BookClubMember.objects.create(
                centre=w.village_a1, name="Lender", card_number="SF-2", books_on_loan=1
            ),
            title="Book",
            borrowed_on=long_ago,
        ),
        "newsstand": Newsstand.objects.create(
            name="Stand",
            centre=w.village_a1,
            address="Road 1",
            latitude=30,
            longitude=120,
            opened_on=long_ago,
        ),
    }


SERVICES = {
    "guidance.consultation_create": (
        guidance_services.consultation_create,
        lambda w: {
            "actor": w.town_staff,
            "centre": w.village_a1,
            "topic": "policy",
            "summary": "Subsidies",
        },
    ),
    "guidance.consultation_follow_up_done": (
        guidance_services.consultation_follow_up_done,
        lambda w: {"consultation": w.consultation, "actor": w.town_staff},
    ),
    "guidance.case_open": (
        guidance_services.case_open,
        lambda w: {
            "actor": w.youth_a,
            "youth": w.youth_a,
            "kind": "wages",
            "other_party": "Boss",
            "description": "Unpaid",
            "amount_claimed": Decimal(5),
        },
    ),
    "guidance.case_assign": (
        guidance_services.case_assign,
        lambda w: {"case": w.case, "mediator": w.town_staff, "actor": w.town_staff},
    ),
    "guidance.case_transition": (
        guidance_services.case_transition,
        lambda w: {"case": w.case, "actor": w.youth_a, "to_status": "closed", "note": "Paid"},
    ),
    "guidance.case_note_add": (
        guidance_services.case_note_add,
        lambda w: {
            "case": w.case,
            "actor": w.town_staff,
            "text": "Called",
            "noted_on": datetime.date(2026, 1, 5),
        },
    ),
    "guidance.case_document_add": (
        guidance_services.case_document_add,
        lambda w: {
            "case": w.case,
            "actor": w.town_staff,
            "title": "Slip",
            "content": ContentFile(b"%PDF-1.4", name="a.pdf"),
        },
    ),
    "guidance.office_create": (
        guidance_services.office_create,
        lambda w: {
            "actor": w.town_staff,
            "name": "Office",
            "kind": "mediation",
            "centre": w.town_a,
        },
    ),
    "facilities.member_create": (
        facilities_services.member_create,
        lambda w: {
            "actor": w.town_staff,
            "centre": w.village_a1,
            "name": "Li",
            "card_number": "SF-3",
            "joined_on": datetime.date(2026, 1, 5),
        },
    ),
    "facilities.member_status_set": (
        facilities_services.member_status_set,
        lambda w: {"member": w.book_member, "actor": w.town_staff, "status": "left"},
    ),
    "facilities.visit_log": (
        facilities_services.visit_log,
        lambda w: {
            "member": w.book_member,
            "actor": w.town_staff,
            "visited_on": datetime.date(2026, 1, 5),
        },
    ),
    "facilities.book_borrow": (
        facilities_services.book_borrow,
        lambda w: {
            "member": w.book_member,
            "actor": w.town_staff,
            "title": "Poems",
            "borrowed_on": datetime.date(2026, 1, 5),
        },
    ),
    "facilities.book_return": (
        facilities_services.book_return,
        lambda w: {
            "borrowing": w.borrowing,
            "actor": w.town_staff,
            "returned_on": timezone.localdate(),
        },
    ),
    "facilities.newsstand_save": (
        facilities_services.newsstand_save,
        lambda w: {"newsstand": w.newsstand, "actor": w.town_staff, "papers": "Daily"},
    ),
}

FORBIDDEN = {
    "guidance.consultation_create": {
        "followed_up_at": timezone.now,
        "created_by": lambda w: w.youth_b,
    },
    "guidance.consultation_follow_up_done": {"followed_up_at": timezone.now, "summary": "x"},
    "guidance.case_open": {
        "status": "resolved",
        "amount_recovered": Decimal(5),
        "mediator": lambda w: w.town_staff,
        "centre": lambda w: w.town_b,
    },
    "guidance.case_assign": {"status": "mediation", "centre": lambda w: w.town_b},
    "guidance.case_transition": {"mediator": lambda w: w.town_staff, "amount_claimed": Decimal(1)},
    "guidance.case_note_add": {"author": lambda w: w.youth_b, "internal": False},
    "guidance.case_document_add": {"uploaded_by": lambda w: w.youth_b},
    "guidance.office_create": {"id": 4242},
    "facilities.member_create": {"status": "left", "books_on_loan": 3},
    "facilities.member_status_set": {"card_number": "X-1", "books_on_loan": 0},
    "facilities.visit_log": {"member_id": 4242},
    "facilities.book_borrow": {"returned_on": timezone.localdate},
    "facilities.book_return": {"title": "Other"},
    "facilities.newsstand_save": {"id": 4242, "updated_at": timezone.now},
}
