"""The book club's pages: a member's visits, borrowings and returns through the forms, and
list pages whose query count does not grow with their rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facilities.models import BookClubMember, Borrowing, ClubVisit


def test_a_desk_logs_a_visit_a_borrowing_and_the_return(client, village_staff, village_a1):
    client.force_login(village_staff)
    response = client.post(
        reverse("facilities:member_create"),
        {
            "centre": village_a1.pk,
            "name": "读者",
            "card_number": "a1-0009",
            "joined_on": "2026-01-05",
        },
    )
    member = BookClubMember.objects.get()
    assert member.card_number == "A1-0009"
    assert response["Location"] == reverse("facilities:member_detail", args=[member.pk])
    day = "2026-02-01"
    client.post(reverse("facilities:visit_create", args=[member.pk]), {"visited_on": day})
    client.post(
        reverse("facilities:borrow_create", args=[member.pk]),
        {"title": "平凡的世界", "borrowed_on": day},
    )
    borrowing = Borrowing.objects.get()
    assert ClubVisit.objects.get().visited_on == datetime.date(2026, 2, 1)
    page = client.get(reverse("facilities:member_detail", args=[member.pk])).content.decode()
    assert "平凡的世界" in page
    client.post(
        reverse("facilities:borrowing_return", args=[borrowing.pk]), {"returned_on": "2026-02-10"}
    )
    borrowing.refresh_from_db()
    member.refresh_from_db()
    assert borrowing.returned_on == datetime.date(2026, 2, 10) and member.books_on_loan == 0


@pytest.mark.parametrize(
    "url_name", ["facilities:members", "facilities:member_counts", "facilities:newsstands"]
)
def test_list_pages_make_the_same_queries_for_1_and_50_rows(
    client, town_staff, village_a1, village_a2, url_name
):
    client.force_login(town_staff)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    def add(n, start):
        for i in range(start, start + n):
            centre = village_a1 if i % 2 else village_a2
            BookClubMember.objects.create(centre=centre, name="R", card_number=f"Q-{i}")

    add(1, 0)
    count()  # the first request fills what every page keeps (the navigation bar)
    one = count()
    add(49, 1)
    assert count() == one
