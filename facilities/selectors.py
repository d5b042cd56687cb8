"""Reads that the staff pages and their exports (facilities/exports.py) share."""

from .models import BookClubMember, Newsstand


def member_list_base(user):
    """The book-club members of the staff list, newest first."""
    return (
        BookClubMember.objects.visible_to(user)
        .select_related("centre")
        .only("name", "card_number", "joined_on", "status", "books_on_loan", "centre__name")
        .order_by("-joined_on", "-pk")
    )


def newsstand_list_base(user):
    """The newsstands of the staff list, by name (the page shows the first 200)."""
    return Newsstand.objects.visible_to(user).select_related("centre").order_by("name", "pk")
