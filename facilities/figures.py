from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import BookClubMember, MemberStatus, Newsstand, NewsstandStatus

register(
    Figure(
        key="facilities.book_club_members",
        label=_("Book club members"),
        explanation=_(
            "Active members of the book clubs of your centres (suspended and left not counted)."
        ),
        base=lambda: BookClubMember.objects.filter(status=MemberStatus.ACTIVE),
        centre_field="centre",
        group="facilities",
        order=70,
        url=lambda: reverse("facilities:member_counts"),
    )
)
register(
    Figure(
        key="facilities.newsstands",
        label=_("Youth newsstands"),
        explanation=_("Newsstands of your centres that are open now."),
        base=lambda: Newsstand.objects.filter(status=NewsstandStatus.OPEN),
        centre_field="centre",
        group="facilities",
        order=71,
        url=lambda: reverse("facilities:newsstands"),
        headline=True,
    )
)
