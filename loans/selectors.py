"""Reads the pages share: list rows and the pipeline's figures (aggregate queries only)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from core.scoping import centre_q

from .models import (
    APPROVED_STATUSES,
    DECIDED_STATUSES,
    EligibilityRule,
    Referral,
    Status,
    WealthLeader,
)


def referral_rows(queryset):
    """The rows of a list: one query, read in the index's order."""
    return (
        queryset.select_related("applicant", "bank", "centre")
        .only(
            *("amount", "term_months", "status", "status_changed_at", "decision_due_on"),
            *("approved_amount", "repayment", "consent_to_share", "centre__name"),
            *("applicant__name", "applicant__email", "applicant__erased_at"),
            *("bank__name", "bank__branch"),
        )
        .order_by("-status_changed_at", "-pk")
    )


def decision_overdue(queryset):
    """Referrals the bank has not decided by its deadline (through ``referral_due_idx``)."""
    return queryset.filter(status=Status.REFERRED, decision_due_on__lt=timezone.localdate())


def pipeline_rows(user, status: str = "", overdue: bool = False):
    """The referrals of the staff pipeline's list (and its export) for a status or all;
    ``overdue``: only the bank's decisions past their deadline (the work queue's link)."""
    base = Referral.objects.visible_to(user)
    rows = base.filter(status=status) if status in Status.values else base
    if overdue:
        rows = decision_overdue(rows)
    return referral_rows(rows)


def pipeline_figures(referrals, user) -> dict:
    """Counts and yuan of the referrals given (one aggregate query), and the wealth-leaders
    valid today in the user's part of the tree (one more)."""
    today = timezone.localdate()
    time_to_decision = ExpressionWrapper(
        F("decided_at") - F("created_at"), output_field=DurationField()
    )
    figures = referrals.aggregate(
        applied=Count("pk"),
        referred=Count("pk", filter=Q(referred_on__isnull=False)),
        decided=Count("pk", filter=Q(status__in=DECIDED_STATUSES)),
        approved=Count("pk", filter=Q(status__in=APPROVED_STATUSES)),
        asked=Sum("amount"),
        approved_yuan=Sum("approved_amount", filter=Q(status__in=APPROVED_STATUSES)),
        disbursed=Count("pk", filter=Q(status=Status.DISBURSED)),
        disbursed_yuan=Sum("approved_amount", filter=Q(status=Status.DISBURSED)),
        discount_yuan=Sum("discount_yuan", filter=Q(status__in=APPROVED_STATUSES)),
        overdue=Count("pk", filter=Q(status=Status.REFERRED, decision_due_on__lt=today)),
        time_to_decision=Avg(time_to_decision, filter=Q(decided_at__isnull=False)),
    )
    decided = figures["decided"]
    figures["approval_rate"] = round(100 * figures["approved"] / decided) if decided else None
    days = figures["time_to_decision"]
    figures["days_to_decision"] = round(days.total_seconds() / 86400, 1) if days else None
    figures["wealth_leaders"] = (
        WealthLeader.objects.filter(centre_q(user, "centre"))
        .valid_on(today)
        .values("person")
        .distinct()
        .count()
    )
    return figures


@dataclass
class Check:
    rule: EligibilityRule
    passed: bool | None  # None: not known (a date of birth missing)


def eligibility(referral: Referral, rules: list[EligibilityRule]) -> list[Check]:
    profile = getattr(referral.applicant, "youth_profile", None) if referral.applicant else None
    today = timezone.localdate()
    age = None
    if profile is not None and profile.date_of_birth:
        born = profile.date_of_birth
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    product = referral.product
    checks = []
    for rule in rules:
        if not rule.active:
            continue
        code = rule.code
        if code == EligibilityRule.Code.MIN_AGE:
            passed = None if age is None or rule.value is None else age >= rule.value
        elif code == EligibilityRule.Code.MAX_AGE:
            passed = None if age is None or rule.value is None else age <= rule.value
        elif code == EligibilityRule.Code.IN_DISTRICT:
            passed = profile is not None and profile.home_centre_id is not None
        else:
            passed = (
                product.min_amount <= referral.amount <= product.max_amount
                and product.min_term_months <= referral.term_months <= product.max_term_months
            )
        checks.append(Check(rule=rule, passed=passed))
    return checks
