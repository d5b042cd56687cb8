from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import APPROVED_STATUSES, Referral, Status, WealthLeader


def _pipeline(status: str = "") -> str:
    url = reverse("loans:pipeline")
    return f"{url}?status={status}" if status else url


register(
    Figure(
        key="loans.referred",
        label=_("Loan applications sent to the bank"),
        explanation=_("Referrals of your area sent to the bank, whatever its decision."),
        base=lambda: Referral.objects.filter(referred_on__isnull=False),
        centre_field="centre",
        date_field="referred_on",
        group="loans",
        order=40,
        url=_pipeline,
    )
)
register(
    Figure(
        key="loans.approved",
        label=_("Loans approved"),
        explanation=_("Referrals the bank approved, disbursed or not yet."),
        base=lambda: Referral.objects.filter(status__in=APPROVED_STATUSES),
        centre_field="centre",
        date_field="decided_at",
        group="loans",
        order=41,
        url=lambda: _pipeline(Status.APPROVED),
    )
)
register(
    Figure(
        key="loans.disbursed",
        label=_("Loans disbursed"),
        explanation=_("Loans the bank has paid out; the yuan are on the loans page."),
        base=lambda: Referral.objects.filter(status=Status.DISBURSED),
        centre_field="centre",
        date_field="disbursed_on",
        group="loans",
        order=42,
        url=lambda: _pipeline(Status.DISBURSED),
    )
)
register(
    Figure(
        key="loans.wealth_leaders",
        label=_("Youth wealth-leaders"),
        explanation=_("Young people of your area whose designation is valid today."),
        base=lambda: WealthLeader.objects.valid_on(timezone.localdate()),
        centre_field="centre",
        distinct="person_id",
        group="loans",
        order=43,
        url=lambda: reverse("loans:leaders"),
    )
)
