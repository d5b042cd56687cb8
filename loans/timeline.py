"""The person's loan referrals on their timeline: every status change (one part of the one
timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, moment, register

from .models import Referral, ReferralChange, Status


def parts(person, viewer):
    referrals = Referral.objects.visible_to(viewer).filter(applicant=person)
    labels = dict(Status.choices)

    def make(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Loan referral %(number)s: %(status)s")
            % {"number": row["referral"], "status": labels.get(row["status"], "")},
            url=reverse("loans:detail", args=[row["referral"]]),
            app="loans",
        )

    return [
        Part(
            ReferralChange.objects.filter(referral__in=referrals.values("pk")).order_by(
                "-created_at"
            ),
            {"at": "created_at", "referral": "referral_id", "status": "to_status"},
            make,
        )
    ]


register(Source(app="loans", parts=parts))
