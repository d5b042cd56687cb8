from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeSource, register, register_source

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
        explanation=_("Loans the bank paid out in the period to young people of your area."),
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
register(
    Figure(
        key="loans.referred_yuan",
        label=_("Yuan applied for in loans sent to the bank"),
        explanation=_(
            "The amounts applied for in the referrals of your area sent to the bank in the "
            "period, in yuan."
        ),
        base=lambda: Referral.objects.filter(referred_on__isnull=False),
        centre_field="centre",
        date_field="referred_on",
        total="amount",
        unit="yuan",
        group="loans",
        order=44,
        url=_pipeline,
    )
)
register(
    Figure(
        key="loans.approved_yuan",
        label=_("Yuan of loans approved"),
        explanation=_(
            "The amounts the bank approved in the period for referrals of your area, disbursed "
            "or not yet, in yuan."
        ),
        base=lambda: Referral.objects.filter(status__in=APPROVED_STATUSES),
        centre_field="centre",
        date_field="decided_at",
        total="approved_amount",
        unit="yuan",
        group="loans",
        order=45,
        url=lambda: _pipeline(Status.APPROVED),
    )
)
register(
    Figure(
        key="loans.disbursed_yuan",
        label=_("Yuan of loans disbursed"),
        explanation=_(
            "The approved amounts of the loans the bank paid out in the period to young people "
            "of your area, in yuan."
        ),
        base=lambda: Referral.objects.filter(status=Status.DISBURSED),
        centre_field="centre",
        date_field="disbursed_on",
        total="approved_amount",
        unit="yuan",
        group="loans",
        order=46,
        url=lambda: _pipeline(Status.DISBURSED),
    )
)
# A microloan paid out for the applicant's venture project: they work for themselves.
register_source(
    OutcomeSource(
        key="loans.disbursed_for_project",
        outcome="self_employed",
        label=_("had a microloan for their venture project disbursed"),
        base=lambda: Referral.objects.filter(status=Status.DISBURSED, project__isnull=False),
        person_field="applicant",
        date_field="disbursed_on",
    )
)
