"""The book club and the newsstands: cards, visits, borrowings with the loan limit, member
counts by centre, and the newsstands' public map."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from facilities.maps import SIZE, schematic
from facilities.models import MAX_BOOKS_ON_LOAN, VISIT_TWICE, BookClubMember, Borrowing, ClubVisit
from facilities.services import (
    ALREADY_RETURNED,
    LOAN_LIMIT,
    NOT_ACTIVE,
    book_borrow,
    book_return,
    member_create,
    member_status_set,
    newsstand_save,
    visit_log,
)

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def member(village_a1, village_staff):
    return member_create(
        actor=village_staff,
        centre=village_a1,
        name="Reader",
        card_number="A1-0001",
        joined_on=datetime.date(2026, 1, 5),
    )


def test_a_card_number_is_given_once(member, village_a1, town_staff):
    with pytest.raises(ValidationError) as error:
        member_create(
            actor=town_staff,
            centre=village_a1,
            name="Other",
            card_number="A1-0001",
            joined_on=datetime.date(2026, 1, 5),
        )
    assert "card_number" in error.value.message_dict
    assert BookClubMember.objects.count() == 1


def test_staff_of_another_town_may_not_add_members_there(village_a1, other_town_staff):
    with pytest.raises(PermissionDenied):
        member_create(
            actor=other_town_staff,
            centre=village_a1,
            name="Reader",
            card_number="A1-0002",
            joined_on=datetime.date(2026, 1, 5),
        )
    assert not BookClubMember.objects.exists()


def test_a_visit_is_logged_once_a_day(member, village_staff):
    visit_log(member=member, actor=village_staff, visited_on=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError) as error:
        visit_log(member=member, actor=village_staff, visited_on=datetime.date(2026, 2, 1))
    assert error.value.messages == [str(VISIT_TWICE)]
    assert ClubVisit.objects.count() == 1


def test_a_member_borrows_up_to_the_limit_and_returns(member, village_staff):
    day = datetime.date(2026, 2, 1)
    loans = [
        book_borrow(member=member, actor=village_staff, title=f"Book {i}", borrowed_on=day)
        for i in range(MAX_BOOKS_ON_LOAN)
    ]
    with pytest.raises(ValidationError) as error:
        book_borrow(member=member, actor=village_staff, title="One more", borrowed_on=day)
    assert error.value.messages == [str(LOAN_LIMIT % {"n": MAX_BOOKS_ON_LOAN})]
    assert Borrowing.objects.count() == MAX_BOOKS_ON_LOAN
    book_return(borrowing=loans[0], actor=village_staff, returned_on=day)
    member.refresh_from_db()
    assert member.books_on_loan == MAX_BOOKS_ON_LOAN - 1
    with pytest.raises(ValidationError) as error:
        book_return(borrowing=loans[0], actor=village_staff, returned_on=day)
    assert error.value.messages == [str(ALREADY_RETURNED)]
    book_borrow(member=member, actor=village_staff, title="One more", borrowed_on=day)
    member.refresh_from_db()
    assert member.books_on_loan == MAX_BOOKS_ON_LOAN


def test_a_book_cannot_come_back_before_it_left(member, village_staff):
    loan = book_borrow(
        member=member, actor=village_staff, title="Poems", borrowed_on=datetime.date(2026, 2, 1)
    )
    with pytest.raises(ValidationError):
        book_return(borrowing=loan, actor=village_staff, returned_on=datetime.date(2026, 1, 1))
    loan.refresh_from_db()
    assert loan.returned_on is None


def test_only_active_members_borrow(member, village_staff):
    member_status_set(member=member, actor=village_staff, status="suspended")
    with pytest.raises(ValidationError) as error:
        book_borrow(
            member=member, actor=village_staff, title="Poems", borrowed_on=timezone.localdate()
        )
    assert error.value.messages == [str(NOT_ACTIVE)]
    assert not Borrowing.objects.exists()


def test_member_counts_by_centre(
    client, member, village_a1, village_a2, town_staff, other_town_staff
):
    member_create(
        actor=town_staff, centre=village_a2, name="B", card_number="A2-1", joined_on=TODAY
    )
    left = member_create(
        actor=town_staff, centre=village_a2, name="C", card_number="A2-2", joined_on=TODAY
    )
    member_status_set(member=left, actor=town_staff, status="left")
    client.force_login(town_staff)
    counts = client.get(reverse("facilities:member_counts")).context["counts"]
    assert [(c["centre__name"], c["active"], c["total"]) for c in counts] == [
        ("Village A1", 1, 1),
        ("Village A2", 1, 2),
    ]
    client.force_login(other_town_staff)
    assert client.get(reverse("facilities:member_counts")).context["counts"] == []


@pytest.fixture
def stands(village_a1, town_b, district_staff):
    return [
        newsstand_save(
            actor=district_staff, name=name, centre=centre, address="Road", latitude=lat,
            longitude=lon, opened_on=TODAY, status=status, papers="Youth Daily",
        )
        for name, centre, lat, lon, status in [
            ("Market", village_a1, "30.20", "120.10", "open"),
            ("Industrial Park", town_b, "30.30", "120.30", "open"),
            ("Old Station", town_b, "30.25", "120.20", "closed"),
        ]
    ]  # fmt: skip


def test_the_public_map_shows_open_newsstands_without_scripts(client, stands):
    response = client.get(reverse("facilities:newsstand_map"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Market" in page and "Industrial Park" in page
    assert "Old Station" not in page
    assert page.count("<circle") == 2
    # Everything is local: nothing fetched from another site, no inline script (CSP).
    assert 'src="http' not in page and "openstreetmap" not in page
    assert "<script>" not in page


def test_the_schematic_keeps_north_up_and_inside_the_box(stands):
    points = schematic([s for s in stands if s.status == "open"])
    market, park = points
    assert park.x > market.x  # east is right
    assert park.y < market.y  # north is up
    for p in points:
        assert 0 <= p.x <= SIZE and 0 <= p.y <= SIZE


def test_labels_near_an_edge_run_inwards(stands):
    market, park = schematic([s for s in stands if s.status == "open"])
    # Two stands: one drawn at the left margin, one at the right; a label centred on either
    # would be cut off by the box.
    assert (market.anchor, market.label_dx) == ("start", -11)
    assert (park.anchor, park.label_dx) == ("end", 11)


def test_coordinates_are_checked(village_a1, district_staff):
    with pytest.raises(ValidationError):
        newsstand_save(
            actor=district_staff, name="Nowhere", centre=village_a1, address="Road",
            latitude="95", longitude="120", opened_on=TODAY, status="open",
        )  # fmt: skip
