from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .models import Referral, Status
from .selectors import decision_overdue


def _label(referral) -> str:
    # What the staff list shows: the applicant (or that they were erased) and the centre.
    who = referral.applicant if referral.applicant_id else _("Erased person")
    return f"{who} · {referral.centre.name}"


def _rows(queryset):
    return queryset.select_related("applicant", "centre").only(
        "status_changed_at",
        "decision_due_on",
        "centre__name",
        *("applicant__name", "applicant__email", "applicant__erased_at"),
    )


def _to_review(user):
    # Oldest first, through referral_status_idx (status, status_changed_at).
    rows = Referral.objects.visible_to(user).filter(status=Status.SUBMITTED)
    return _rows(rows).order_by("status_changed_at", "pk")


def _overdue(user):
    rows = decision_overdue(Referral.objects.visible_to(user))
    return _rows(rows).order_by("decision_due_on", "pk")


def _detail(referral) -> str:
    return reverse("loans:detail", args=[referral.pk])


register(
    Queue(
        key="loans.to_review",
        label=_("Loan applications to review"),
        explanation=_(
            "Microloan applications of your area submitted by the young person and not yet "
            "checked: refer them to the bank, ask for more information or decline them. "
            "Oldest first."
        ),
        records=_to_review,
        item_label=_label,
        item_url=_detail,
        url=lambda: f"{link('loans:pipeline')}?status={Status.SUBMITTED}",
        due=lambda referral: referral.status_changed_at,
        order=40,
    )
)
register(
    Queue(
        key="loans.overdue",
        label=_("Bank decisions overdue"),
        explanation=_(
            "Referrals sent to the bank whose decision date has passed without a decision: "
            "ask the bank's officer. The longest overdue first."
        ),
        records=_overdue,
        item_label=_label,
        item_url=_detail,
        url=lambda: f"{link('loans:pipeline')}?status={Status.REFERRED}&overdue=1",
        due=lambda referral: referral.decision_due_on,
        urgent=lambda referral: True,
        order=41,
    )
)
