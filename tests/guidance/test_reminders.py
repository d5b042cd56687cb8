"""The guidance desk's reminders: follow-up due (staff), case stale after 14 days (mediator
and staff), book overdue (the card's young person)."""

import datetime

import pytest
from django.utils import timezone

from facilities.models import BookClubMember, Borrowing
from facilities.reminders import BOOK_OVERDUE
from guidance.models import Case, Consultation, Status
from guidance.reminders import CASE_STALE, FOLLOW_UP_DUE
from notifications.models import Message
from notifications.services import run_reminders

from .conftest import make_case


def _rows(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__email", "channel"))


@pytest.fixture
def now():
    return timezone.now()


def test_a_follow_up_due_reminds_the_staff_member_who_logged_it(cast, village_a1, town_staff, now):
    today = timezone.localdate(now)
    due = Consultation.objects.create(
        centre=village_a1, topic="career", summary="CV", follow_up_on=today, created_by=town_staff
    )
    Consultation.objects.create(
        centre=village_a1,
        topic="career",
        summary="later",
        follow_up_on=today + datetime.timedelta(days=3),
        created_by=town_staff,
    )
    Consultation.objects.create(
        centre=village_a1,
        topic="career",
        summary="done",
        follow_up_on=today,
        followed_up_at=now,
        created_by=town_staff,
    )
    written = run_reminders(now=now)
    assert written[FOLLOW_UP_DUE.code] == 1
    assert _rows(FOLLOW_UP_DUE.code) == [
        ("town.a@example.com", "email"),
        ("town.a@example.com", "inapp"),
    ]
    assert f"consultation-{due.pk}-" in Message.objects.filter(kind=FOLLOW_UP_DUE.code)[0].key
    assert run_reminders(now=now)[FOLLOW_UP_DUE.code] == 0  # once only


def test_a_case_quiet_for_14_days_is_flagged_to_its_mediator_and_staff(
    cast, youth_a, mediator_a, now
):
    case = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    fresh = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    done = make_case(youth_a, status=Status.RESOLVED, mediator=mediator_a)
    quiet = now - datetime.timedelta(days=15)
    Case.objects.filter(pk__in=[case.pk, done.pk]).update(last_activity_at=quiet)
    case.refresh_from_db()
    assert case.is_stale and not fresh.is_stale
    assert list(Case.objects.stale(now)) == [case]
    run_reminders(now=now)
    # The village officer of A1 (the nearest staff) and the mediator.
    assert _rows(CASE_STALE.code) == [
        ("mediator.a@example.com", "email"),
        ("mediator.a@example.com", "inapp"),
        ("village@example.com", "email"),
        ("village@example.com", "inapp"),
    ]
    assert "15" in Message.objects.filter(kind=CASE_STALE.code)[0].subject


def test_a_note_clears_the_flag(youth_a, mediator_a, now):
    from guidance.services import case_note_add

    case = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    Case.objects.filter(pk=case.pk).update(last_activity_at=now - datetime.timedelta(days=20))
    case_note_add(case=case, actor=mediator_a, text="Called the employer", noted_on=now.date())
    case.refresh_from_db()
    assert not case.is_stale


def test_a_book_overdue_reminds_the_card_holder(cast, youth_a, village_a1, now):
    member = BookClubMember.objects.create(
        centre=village_a1, name="Alice", card_number="A1-5", youth=youth_a, books_on_loan=1
    )
    Borrowing.objects.create(
        member=member, title="Poems", borrowed_on=timezone.localdate(now) - datetime.timedelta(31)
    )
    Borrowing.objects.create(member=member, title="Novel", borrowed_on=timezone.localdate(now))
    run_reminders(now=now)
    assert _rows(BOOK_OVERDUE.code) == [
        ("youth.a@example.com", "inapp"),
        ("youth.a@example.com", "sms"),
    ]
