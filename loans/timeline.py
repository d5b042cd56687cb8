"""The person's loan referrals on their timeline: every status change, one query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import Referral, ReferralChange, Status


def entries(person, viewer):
    referrals = Referral.objects.visible_to(viewer).filter(applicant=person)
    changes = (
        ReferralChange.objects.filter(referral__in=referrals.values("pk"))
        .select_related("referral")
        .order_by("-created_at")[:50]
    )
    labels = dict(Status.choices)
    for change in changes:
        yield Entry(
            when=change.created_at,
            what=_("Loan referral %(number)s: %(status)s")
            % {"number": change.referral_id, "status": labels.get(change.to_status, "")},
            url=reverse("loans:detail", args=[change.referral_id]),
            app="loans",
        )


register(Source(app="loans", entries=entries))
