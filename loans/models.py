"""Microloan referrals: a young person's application, staff review, the bank's decision.

Statuses move only through ``loans.services.referral_transition`` (and the bank's decision,
disbursement services); the allowed moves and who may make them are ``TRANSITIONS``.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit
from core.scoping import is_staff_member, scope
from partners.models import Bank

# The wealth-leader discount: the bank lowers its base rate by 10%.
DISCOUNT_FACTOR = Decimal("0.9")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    INFO_REQUESTED = "info_requested", _("More information asked")
    REFERRED = "referred", _("Sent to the bank")
    DECLINED = "declined", _("Declined by the programme")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    APPROVED = "approved", _("Approved by the bank")
    BANK_DECLINED = "bank_declined", _("Declined by the bank")
    DISBURSED = "disbursed", _("Disbursed")


class Repayment(models.TextChoices):
    CURRENT = "current", _("Current")
    OVERDUE = "overdue", _("Overdue")
    REPAID = "repaid", _("Repaid")
    DEFAULTED = "defaulted", _("Defaulted")


YOUTH, STAFF, BANK = "youth", "staff", "bank"

# (from, to) → who may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.SUBMITTED, Status.INFO_REQUESTED): STAFF,
    (Status.SUBMITTED, Status.REFERRED): STAFF,
    (Status.SUBMITTED, Status.DECLINED): STAFF,
    (Status.SUBMITTED, Status.WITHDRAWN): YOUTH,
    (Status.INFO_REQUESTED, Status.SUBMITTED): YOUTH,  # the answer given
    (Status.INFO_REQUESTED, Status.DECLINED): STAFF,
    (Status.INFO_REQUESTED, Status.WITHDRAWN): YOUTH,
    (Status.REFERRED, Status.APPROVED): BANK,  # with amount, rate and term
    (Status.REFERRED, Status.BANK_DECLINED): BANK,
    (Status.APPROVED, Status.DISBURSED): BANK,  # with the disbursement date
}
MOVE_LABELS = {
    (Status.SUBMITTED, Status.INFO_REQUESTED): _("Ask for more information"),
    (Status.SUBMITTED, Status.REFERRED): _("Refer to the bank"),
    (Status.SUBMITTED, Status.DECLINED): _("Decline the application"),
    (Status.SUBMITTED, Status.WITHDRAWN): _("Withdraw the application"),
    (Status.INFO_REQUESTED, Status.SUBMITTED): _("Send the information asked"),
    (Status.INFO_REQUESTED, Status.DECLINED): _("Decline the application"),
    (Status.INFO_REQUESTED, Status.WITHDRAWN): _("Withdraw the application"),
    (Status.REFERRED, Status.APPROVED): _("Approve the loan"),
    (Status.REFERRED, Status.BANK_DECLINED): _("Decline the loan"),
    (Status.APPROVED, Status.DISBURSED): _("Record the disbursement"),
}
# Moves that need a reason (shown to the young person and kept in the history).
REASON_ASKED = (
    Status.INFO_REQUESTED,
    Status.DECLINED,
    Status.BANK_DECLINED,
    Status.SUBMITTED,
)
# What the bank sees: referrals sent to it, and everything after.
SENT_STATUSES = (Status.REFERRED, Status.APPROVED, Status.BANK_DECLINED, Status.DISBURSED)
DECIDED_STATUSES = (Status.APPROVED, Status.BANK_DECLINED, Status.DISBURSED)
APPROVED_STATUSES = (Status.APPROVED, Status.DISBURSED)
OPEN_STATUSES = (Status.SUBMITTED, Status.INFO_REQUESTED)

AMOUNT_POSITIVE = _("The amount must be more than zero.")
TERM_POSITIVE = _("The term must be at least one month.")
LIMITS_ORDER = _("The lowest amount and term cannot be above the highest.")
EXPIRY_AFTER_GRANT = _("The designation must expire after the day it was granted.")


def bank_of(user):
    """The bank a signed-in officer works for, or None."""
    if not user.is_authenticated:
        return None
    member = getattr(user, "partner_membership", None)
    if member is None or not member.is_active or member.bank_id is None:
        return None
    return member.bank


def round_rate(value: Decimal, places: int) -> Decimal:
    """A rate rounded as the bank states: ``places`` decimals, halves up."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def discounted_rate(base: Decimal, places: int) -> Decimal:
    """The wealth-leader rate: base × 0.9 in ``Decimal``, rounded as the bank states."""
    return round_rate(Decimal(base) * DISCOUNT_FACTOR, places)


class LoanProduct(models.Model):
    """A bank's microloan for young entrepreneurs, valid from a date until the next version."""

    bank = models.ForeignKey(
        Bank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="loan_products"
    )
    name = models.CharField(_("product name"), max_length=100)
    base_rate = models.DecimalField(
        _("base annual rate (%)"),
        max_digits=6,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("36"))],
    )
    rate_places = models.PositiveSmallIntegerField(
        _("the bank rounds rates to this many decimals"),
        default=2,
        validators=[MaxValueValidator(4)],
    )
    min_amount = models.DecimalField(
        _("lowest amount (yuan)"), max_digits=12, decimal_places=2, default=Decimal("1000")
    )
    max_amount = models.DecimalField(_("highest amount (yuan)"), max_digits=12, decimal_places=2)
    min_term_months = models.PositiveSmallIntegerField(_("shortest term (months)"), default=1)
    max_term_months = models.PositiveSmallIntegerField(_("longest term (months)"))
    valid_from = models.DateField(_("valid from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        ordering = ["bank", "-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_rate__gt=0, base_rate__lte=36), name="loanproduct_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(min_amount__gt=0),
                name="loanproduct_min_amount_positive",
                violation_error_message=AMOUNT_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gte=models.F("min_amount")),
                name="loanproduct_amounts_ordered",
                violation_error_message=LIMITS_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(min_term_months__gte=1),
                name="loanproduct_term_positive",
                violation_error_message=TERM_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(max_term_months__gte=models.F("min_term_months")),
                name="loanproduct_terms_ordered",
                violation_error_message=LIMITS_ORDER,
            ),
            models.CheckConstraint(condition=Q(rate_places__lte=4), name="loanproduct_rate_places"),
            models.UniqueConstraint(
                fields=["bank", "valid_from"], name="loanproduct_one_version_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank} · {self.name}"

    @property
    def discounted_rate(self) -> Decimal:
        return discounted_rate(self.base_rate, self.rate_places)

    @property
    def shown_base_rate(self) -> Decimal:
        return round_rate(self.base_rate, self.rate_places)


class EligibilityRule(models.Model):
    """A rule staff see beside every application; they adjust its value and say why."""

    class Code(models.TextChoices):
        MIN_AGE = "min_age", _("Youngest age")
        MAX_AGE = "max_age", _("Oldest age")
        IN_DISTRICT = "in_district", _("Registered with a centre of the district")
        WITHIN_LIMITS = "within_limits", _("Amount and term within the product's limits")

    code = models.CharField(_("rule"), max_length=20, choices=Code.choices, unique=True)
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    active = models.BooleanField(pgettext_lazy("rule", "applied"), default=True)
    reason = models.TextField(_("reason"), max_length=1000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_code_display()


class DesignationQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(granted_on__lte=day, expires_on__gte=day)


class WealthLeader(models.Model):
    """A youth wealth-leader designation: the bank lowers its rate by 10% while it is valid."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        on_delete=models.CASCADE,
        related_name="wealth_leader_designations",
    )
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(_("evidence"), max_length=2000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_on = models.DateField(_("valid from"))
    expires_on = models.DateField(_("expires on"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("wealth-leader designation")
        verbose_name_plural = _("wealth-leader designations")
        ordering = ["-expires_on", "-pk"]
        indexes = [models.Index(fields=["person", "expires_on"], name="wealthleader_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("granted_on")),
                name="wealthleader_expiry_after_grant",
                violation_error_message=EXPIRY_AFTER_GRANT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.granted_on}–{self.expires_on}"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        """Staff: their part of the tree. Young people: their own. Bank officers: the
        referrals sent to their own bank (with consent), nothing else."""
        if not user.is_authenticated:
            return self.none()
        bank = bank_of(user)
        if bank is not None and not is_staff_member(user):
            return self.filter(bank=bank, status__in=SENT_STATUSES, consent_to_share=True)
        return scope(self, user, centre_field="centre", own=Q(applicant=user))


def document_path(instance, filename: str) -> str:
    extension = "pdf" if filename.endswith(".pdf") else "jpg"
    return f"loans/documents/{uuid.uuid4().hex}.{extension}"


class Referral(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,  # emptied on erasure: the bank's decision record stays, de-identified
        on_delete=models.SET_NULL,
        related_name="loan_referrals",
    )
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="loan_referrals"
    )
    product = models.ForeignKey(
        LoanProduct, verbose_name=_("loan product"), on_delete=models.PROTECT, related_name="+"
    )
    project = models.ForeignKey(
        "projects.VentureProject",
        verbose_name=_("venture project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount = models.DecimalField(_("amount asked (yuan)"), max_digits=12, decimal_places=2)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    purpose = models.TextField(_("purpose"), max_length=2000)
    consent_to_share = models.BooleanField(
        _("I agree that my application and documents are shared with the bank"), default=False
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    referred_on = models.DateField(_("sent to the bank on"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The decision, as the bank made it: later rate changes do not alter it.
    base_rate = models.DecimalField(
        _("base annual rate (%)"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    wealth_leader = models.BooleanField(_("wealth-leader rate"), default=False)
    approved_amount = models.DecimalField(
        _("approved amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    approved_rate = models.DecimalField(
        _("approved annual rate (%)"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    approved_term_months = models.PositiveSmallIntegerField(
        _("approved term (months)"), null=True, blank=True
    )
    discount_yuan = models.DecimalField(
        _("discount over the term (yuan)"), max_digits=12, decimal_places=2, default=0
    )
    decision_reason = models.TextField(_("reason"), max_length=1000, blank=True)
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    repayment = models.CharField(
        _("repayment"), max_length=20, choices=Repayment.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan referral")
        verbose_name_plural = _("loan referrals")
        ordering = ["-status_changed_at", "-pk"]
        indexes = [
            models.Index(fields=["-status_changed_at", "-id"], name="referral_recent_idx"),
            models.Index(fields=["bank", "-status_changed_at", "-id"], name="referral_bank_idx"),
            models.Index(fields=["status", "decision_due_on"], name="referral_due_idx"),
            # Figures for a period (core.figures): sent, decided, paid out.
            models.Index(fields=["referred_on"], name="loans_referral_referred_idx"),
            models.Index(fields=["decided_at"], name="loans_referral_decided_idx"),
            models.Index(fields=["disbursed_on"], name="loans_referral_disbursed_idx"),
            # The work queue of applications to review: per status, the oldest first.
            models.Index(fields=["status", "status_changed_at"], name="referral_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="referral_amount_positive",
                violation_error_message=AMOUNT_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1),
                name="referral_term_positive",
                violation_error_message=TERM_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="referral_approved_amount_positive",
                violation_error_message=AMOUNT_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(discount_yuan__gte=0), name="referral_discount_not_negative"
            ),
            # Nothing reaches the bank without the young person's explicit consent.
            models.CheckConstraint(
                condition=~Q(status__in=["referred", "approved", "bank_declined", "disbursed"])
                | Q(consent_to_share=True, consent_at__isnull=False),
                name="referral_sent_has_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "disbursed"])
                | Q(
                    approved_amount__isnull=False,
                    approved_rate__isnull=False,
                    approved_term_months__isnull=False,
                ),
                name="referral_approved_has_terms",
            ),
            models.CheckConstraint(
                condition=~Q(status="disbursed") | Q(disbursed_on__isnull=False),
                name="referral_disbursed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Loan referral %(number)s") % {"number": self.pk}

    def moves_for(self, role: str | None) -> list[str]:
        return [to for (frm, to), who in TRANSITIONS.items() if frm == self.status and who == role]

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.status == Status.REFERRED
            and self.decision_due_on is not None
            and self.decision_due_on < timezone.localdate()
        )


class ReferralDocument(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to=document_path)
    content_type = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name


class ReferralChange(models.Model):
    """The history: every move, who made it, when and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral change")
        verbose_name_plural = _("referral changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
