"""The loan limit and card numbers hold under concurrent requests (PostgreSQL only)."""

import datetime

import pytest

from facilities.models import MAX_BOOKS_ON_LOAN, BookClubMember, Borrowing
from facilities.services import CARD_TAKEN, book_borrow, member_create

from ..test_concurrent_unique import hold_first_insert, one_success_one_message, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
DAY = datetime.date(2026, 2, 1)


def test_two_desks_lending_the_last_place_at_once_lend_one(village_a1, village_staff, town_staff):
    member = BookClubMember.objects.create(
        centre=village_a1, name="Reader", card_number="A1-9", books_on_loan=MAX_BOOKS_ON_LOAN - 1
    )

    def lend(actor, title):
        return lambda: book_borrow(member=member, actor=actor, title=title, borrowed_on=DAY)

    outcomes = race(*(lend(village_staff, f"Book {i}") for i in range(4)))
    assert sorted(kind for kind, _ in outcomes) == ["ok", "raised", "raised", "raised"]
    member.refresh_from_db()
    assert member.books_on_loan == MAX_BOOKS_ON_LOAN
    assert Borrowing.objects.filter(member=member).count() == 1


def test_the_same_card_given_at_once_is_given_once(monkeypatch, village_a1, village_staff):
    hold_first_insert(monkeypatch, BookClubMember)

    def give(name):
        return lambda: member_create(
            actor=village_staff, centre=village_a1, name=name, card_number="A1-77", joined_on=DAY
        )

    one_success_one_message(race(give("One"), give("Two")), "card_number", CARD_TAKEN)
    assert BookClubMember.objects.filter(card_number="A1-77").count() == 1
