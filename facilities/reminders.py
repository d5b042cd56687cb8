"""The book club's reminder: a book borrowed more than 30 days ago and not returned, sent to
the young person whose card it is (cards of people not registered on the portal are
reminded at the desk)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.registry import Due, Kind, register

from .models import Borrowing

LOAN_PERIOD = datetime.timedelta(days=30)


def _overdue(now):
    due_before = timezone.localdate(now) - LOAN_PERIOD
    borrowings = Borrowing.objects.filter(
        returned_on__isnull=True, borrowed_on__lt=due_before, member__youth__isnull=False
    ).select_related("member__youth", "member__centre")
    for borrowing in borrowings.iterator(chunk_size=200):
        yield Due(
            recipient=borrowing.member.youth,
            key=f"borrowing-{borrowing.pk}-overdue",
            context={"borrowing": borrowing, "member": borrowing.member},
            url=settings.SITE_URL + reverse("facilities:newsstand_map"),
        )


BOOK_OVERDUE = register(
    Kind(
        code="facilities.book_overdue",
        label=_("A book I borrowed from the book club is due back"),
        channels=("sms", "inapp"),
        collect=_overdue,
    )
)
