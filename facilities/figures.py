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
        records=lambda user: BookClubMember.objects.visible_to(user).filter(
            status=MemberStatus.ACTIVE
        ),
        order=70,
        url=lambda: reverse("facilities:member_counts"),
    )
)
register(
    Figure(
        key="facilities.newsstands",
        label=_("Youth newsstands"),
        explanation=_("Newsstands of your centres that are open now."),
        records=lambda user: Newsstand.objects.visible_to(user).filter(status=NewsstandStatus.OPEN),
        order=71,
        url=lambda: reverse("facilities:newsstands"),
        headline=True,
    )
)
