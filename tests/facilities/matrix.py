"""Permission-matrix rows of the youth centres' facilities (tests/test_permission_matrix.py)."""

import datetime

from facilities.models import BookClubMember, Borrowing, Newsstand

from ..matrix import row


def objects(cast, *, village_a1, **_):
    member = BookClubMember.objects.create(
        centre=village_a1, name="Reader", card_number="A1-0001", books_on_loan=1
    )
    borrowing = Borrowing.objects.create(member=member, title="Hundred Years of Solitude")
    newsstand = Newsstand.objects.create(
        name="Market Newsstand",
        centre=village_a1,
        address="1 Market Road",
        latitude="30.1",
        longitude="120.1",
        opened_on=datetime.date(2025, 5, 4),
    )
    return {"member": member, "borrowing": borrowing, "newsstand": newsstand}


STAFF_PAGE = row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)
# A member, borrowing or newsstand of village A1: staff of A1, town A and the district.
IN_A1 = row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404)
# Posts: an empty form is refused with a message and a redirect back to the member's page.
POST_IN_A1 = row(302, 404, 404, 302, 302, 404, 302, 404, 404, 404, 404)

ROWS = {
    "facilities:members": (None, STAFF_PAGE),
    "facilities:member_create": (None, STAFF_PAGE),
    "facilities:member_counts": (None, STAFF_PAGE),
    "facilities:member_detail": (lambda o: [o["member"].pk], IN_A1),
    "facilities:visit_create": (lambda o: [o["member"].pk], POST_IN_A1, "post"),
    "facilities:borrow_create": (lambda o: [o["member"].pk], POST_IN_A1, "post"),
    "facilities:member_status": (lambda o: [o["member"].pk], POST_IN_A1, "post"),
    "facilities:borrowing_return": (lambda o: [o["borrowing"].pk], POST_IN_A1, "post"),
    # Public: everyone sees the open newsstands and their map.
    "facilities:newsstand_map": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "facilities:newsstands": (None, STAFF_PAGE),
    "facilities:newsstand_create": (None, STAFF_PAGE),
    "facilities:newsstand_edit": (lambda o: [o["newsstand"].pk], IN_A1),
}
