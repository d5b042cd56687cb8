"""Reads that the staff pages and their exports (facilities/exports.py) share."""

from django.db.models import Count, Q

from .models import BookClubMember, MemberStatus, Newsstand


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


def member_counts(user):
    """Active members by centre, one grouped query over the viewer's part of the tree."""
    return (
        BookClubMember.objects.visible_to(user)
        .values("centre__name", "centre__path")
        .annotate(
            active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
            total=Count("pk"),
        )
        .order_by("centre__path")
    )
