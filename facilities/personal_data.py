"""Book club cards in the person's download; on erasure the card keeps its centre, dates and
status (the member count does not change) and loses the name and the link to the person."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from core.personal_data import Part, register

from .models import BookClubMember


def export(user) -> list[dict]:
    return [
        {
            "card_number": m.card_number,
            "joined_on": m.joined_on.isoformat(),
            "status": m.status,
            "borrowings": [
                {"title": b.title, "borrowed_on": b.borrowed_on.isoformat()}
                for b in m.borrowings.all()
            ],
            "visits": [v.visited_on.isoformat() for v in m.visits.all()],
        }
        for m in BookClubMember.objects.filter(youth=user).prefetch_related("borrowings", "visits")
    ]


def erase(user) -> list:
    with translation.override(settings.LANGUAGE_CODE):
        erased = gettext("Erased")
    members = BookClubMember.objects.filter(youth=user)
    from .models import Borrowing

    Borrowing.objects.filter(member__in=members).update(title=erased)
    members.update(name=erased, youth=None)
    return []


register(Part(key="facilities", export=export, erase=erase))
