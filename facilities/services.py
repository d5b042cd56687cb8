"""Every change to the book club and the newsstands: one transaction each, with audit."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from audit import services as audit
from core.scoping import in_scope, is_staff_member
from core.services import UNCHANGED, unique_or_invalid

from .models import (
    CARD_TAKEN,
    MAX_BOOKS_ON_LOAN,
    VISIT_TWICE,
    BookClubMember,
    Borrowing,
    ClubVisit,
    MemberStatus,
    Newsstand,
)

LOAN_LIMIT = _("A member may have at most %(n)s books on loan. Return one first.")
NOT_ACTIVE = _("Only an active member may borrow books.")
ALREADY_RETURNED = _("This book has already been returned.")
IN_FUTURE = _("This date is in the future.")


def _check_scope(actor, centre) -> None:
    if not is_staff_member(actor) or not in_scope(actor, centre):
        raise PermissionDenied


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: IN_FUTURE})


@transaction.atomic
def member_create(
    *,
    actor: User,
    centre: OrgUnit,
    name: str,
    card_number: str,
    joined_on: datetime.date,
    youth: User | None = None,
) -> BookClubMember:
    _check_scope(actor, centre)
    _not_future(joined_on, "joined_on")
    member = BookClubMember(
        centre=centre, name=name.strip(), card_number=card_number, joined_on=joined_on, youth=youth
    )
    member.full_clean()
    same = BookClubMember.objects.filter(card_number=card_number)
    # Two staff giving out the same card at the same instant: the second hears the same.
    with unique_or_invalid(("card_number", CARD_TAKEN, same)):
        member.save()
    audit.record("facilities.member_joined", actor=actor, target=member)
    return member


@transaction.atomic
def member_status_set(*, member: BookClubMember, actor: User, status: str) -> BookClubMember:
    member = BookClubMember.objects.select_for_update().select_related("centre").get(pk=member.pk)
    _check_scope(actor, member.centre)
    member.status = status
    member.full_clean()
    member.save(update_fields=["status"])
    audit.record("facilities.member_changed", actor=actor, target=member, fields=["status"])
    return member


@transaction.atomic
def visit_log(*, member: BookClubMember, actor: User, visited_on: datetime.date) -> ClubVisit:
    _check_scope(actor, member.centre)
    _not_future(visited_on, "visited_on")
    visit = ClubVisit(member=member, visited_on=visited_on)
    same = ClubVisit.objects.filter(member=member, visited_on=visited_on)
    if same.exists():
        raise ValidationError(VISIT_TWICE)
    with unique_or_invalid(("__all__", VISIT_TWICE, same)):
        visit.save()
    return visit


@transaction.atomic
def book_borrow(
    *, member: BookClubMember, actor: User, title: str, borrowed_on: datetime.date
) -> Borrowing:
    """One more book on the member's card, if they have fewer than the limit: a conditional
    UPDATE decides, so two desks lending at the same instant cannot pass it."""
    _check_scope(actor, member.centre)
    _not_future(borrowed_on, "borrowed_on")
    borrowing = Borrowing(member=member, title=title.strip(), borrowed_on=borrowed_on)
    borrowing.full_clean()
    taken = BookClubMember.objects.filter(
        pk=member.pk, status=MemberStatus.ACTIVE, books_on_loan__lt=MAX_BOOKS_ON_LOAN
    ).update(books_on_loan=F("books_on_loan") + 1)
    if not taken:
        status = BookClubMember.objects.values_list("status", flat=True).get(pk=member.pk)
        if status != MemberStatus.ACTIVE:
            raise ValidationError(NOT_ACTIVE)
        raise ValidationError(LOAN_LIMIT, params={"n": MAX_BOOKS_ON_LOAN})
    borrowing.save()
    audit.record("facilities.book_borrowed", actor=actor, target=member)
    return borrowing


@transaction.atomic
def book_return(*, borrowing: Borrowing, actor: User, returned_on: datetime.date) -> Borrowing:
    borrowing = (
        Borrowing.objects.select_for_update().select_related("member__centre").get(pk=borrowing.pk)
    )
    _check_scope(actor, borrowing.member.centre)
    if borrowing.returned_on is not None:
        raise ValidationError(ALREADY_RETURNED)
    _not_future(returned_on, "returned_on")
    borrowing.returned_on = returned_on
    borrowing.full_clean()
    borrowing.save(update_fields=["returned_on"])
    BookClubMember.objects.filter(pk=borrowing.member_id, books_on_loan__gt=0).update(
        books_on_loan=F("books_on_loan") - 1
    )
    audit.record("facilities.book_returned", actor=actor, target=borrowing.member)
    return borrowing


@transaction.atomic
def newsstand_save(
    *,
    actor: User,
    newsstand: Newsstand | None = None,
    name: str = UNCHANGED,
    centre: OrgUnit = UNCHANGED,
    address: str = UNCHANGED,
    latitude: Decimal = UNCHANGED,
    longitude: Decimal = UNCHANGED,
    opened_on: datetime.date = UNCHANGED,
    status: str = UNCHANGED,
    papers: str = UNCHANGED,
) -> Newsstand:
    """Register a newsstand (``newsstand`` None) or change one; arguments left out keep
    their value."""
    given = {
        k: v
        for k, v in {
            "name": name, "centre": centre, "address": address, "latitude": latitude,
            "longitude": longitude, "opened_on": opened_on, "status": status, "papers": papers,
        }.items()
        if v is not UNCHANGED
    }  # fmt: skip
    if newsstand is None:
        newsstand = Newsstand()
    else:
        newsstand = (
            Newsstand.objects.select_for_update().select_related("centre").get(pk=newsstand.pk)
        )
        _check_scope(actor, newsstand.centre)
    for field, value in given.items():
        setattr(newsstand, field, value)
    _check_scope(actor, newsstand.centre)
    newsstand.full_clean()
    created = newsstand.pk is None
    newsstand.save()
    audit.record(
        "facilities.newsstand_saved",
        actor=actor,
        target=newsstand,
        data={"created": created},
    )
    return newsstand
