"""Every change to a referral, product, rule or designation: one transaction each, with
history, audit and messages."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit import services as audit
from notifications.services import notify
from partners.models import Bank

from .calendar import decision_due
from .models import (
    REASON_ASKED,
    TRANSITIONS,
    EligibilityRule,
    LoanProduct,
    Referral,
    ReferralChange,
    ReferralDocument,
    Repayment,
    Status,
    WealthLeader,
)
from .permissions import can_manage_rules, can_record_repayment, role_in
from .rates import current_product, discount_over_term, is_wealth_leader, rates_base

ILLEGAL_MOVE = _("A referral cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot move this referral to “%(to)s”.")
REASON_REQUIRED = _("Please give a reason: the young person will read it.")
STALE_STATUS = _("The referral has just been changed by someone else. Please look again.")
NO_CONSENT = _(
    "The young person has not agreed to share their application with the bank: it cannot be sent."
)
CONSENT_REQUIRED = _("Please tick the box: without your consent nothing is sent to the bank.")
NO_PRODUCT = _("This bank has no loan product valid today.")
OUT_OF_LIMITS = _("Between %(min)s and %(max)s yuan, over %(min_term)s to %(max_term)s months.")
NOT_YOUTH = _("Only registered young people can apply.")
NOT_OWN_PROJECT = _("Choose one of your own venture projects.")
RATE_ABOVE = _("The rate cannot be above the rate the referral shows (%(rate)s%%).")
DISBURSED_BEFORE = _("The disbursement date cannot be before the decision or in the future.")
USE_DECISION = _("Use the decision form to approve the loan.")
NOT_A_YOUNG_PERSON = _("Designations are for registered young people.")


def _url(referral: Referral) -> str:
    return settings.SITE_URL + reverse("loans:detail", args=[referral.pk])


# -- eligibility --------------------------------------------------------------------------

DEFAULT_RULES = {
    EligibilityRule.Code.MIN_AGE: (18, _("The bank lends to adults only.")),
    EligibilityRule.Code.MAX_AGE: (40, _("The programme serves young people up to 40.")),
    EligibilityRule.Code.IN_DISTRICT: (None, _("The bank lends to residents of the district.")),
    EligibilityRule.Code.WITHIN_LIMITS: (None, _("The bank's product sets these limits.")),
}


def ensure_rules() -> list[EligibilityRule]:
    rules = {r.code: r for r in EligibilityRule.objects.all()}
    for code, (value, reason) in DEFAULT_RULES.items():
        if code not in rules:
            rules[code], _created = EligibilityRule.objects.get_or_create(
                code=code, defaults={"value": value, "reason": str(reason)}
            )
    return [rules[c] for c in EligibilityRule.Code.values]


@transaction.atomic
def rule_update(
    *, rule: EligibilityRule, actor: User, value: int | None, active: bool, reason: str
) -> EligibilityRule:
    if not can_manage_rules(actor):
        raise PermissionDenied
    rule = EligibilityRule.objects.select_for_update().get(pk=rule.pk)
    rule.value, rule.active, rule.reason, rule.changed_by = value, active, reason.strip(), actor
    rule.full_clean()
    rule.save()
    audit.record(
        "loans.rule_changed",
        actor=actor,
        target=rule,
        data={"value": value, "active": active, "reason": rule.reason},
    )
    return rule


@transaction.atomic
def product_create(
    *,
    actor: User,
    bank: Bank,
    name: str,
    base_rate: Decimal,
    rate_places: int,
    min_amount: Decimal,
    max_amount: Decimal,
    min_term_months: int,
    max_term_months: int,
    valid_from: datetime.date,
) -> LoanProduct:
    """A new version of a bank's product; referrals already decided keep their rates."""
    if not can_manage_rules(actor) or not Bank.objects.visible_to(actor).filter(pk=bank.pk):
        raise PermissionDenied
    product = LoanProduct(
        bank=bank,
        name=name,
        base_rate=base_rate,
        rate_places=rate_places,
        min_amount=min_amount,
        max_amount=max_amount,
        min_term_months=min_term_months,
        max_term_months=max_term_months,
        valid_from=valid_from,
    )
    product.full_clean()
    product.save()
    audit.record("loans.product_created", actor=actor, target=product)
    return product


@transaction.atomic
def designation_create(
    *,
    actor: User,
    person: User,
    evidence: str,
    granted_on: datetime.date,
    expires_on: datetime.date,
) -> WealthLeader:
    from core.scoping import in_scope

    profile = getattr(person, "youth_profile", None)
    if profile is None or profile.home_centre is None:
        raise ValidationError({"person": NOT_A_YOUNG_PERSON})
    if not in_scope(actor, profile.home_centre):
        raise PermissionDenied
    designation = WealthLeader(
        person=person,
        centre=profile.home_centre,
        evidence=evidence.strip(),
        granted_by=actor,
        granted_on=granted_on,
        expires_on=expires_on,
    )
    designation.full_clean()
    designation.save()
    audit.record("loans.designation_granted", actor=actor, target=designation)
    return designation


# -- referrals ----------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    applicant: User,
    bank: Bank,
    amount: Decimal,
    term_months: int,
    purpose: str,
    consent_to_share: bool,
    project=None,
    documents=(),
) -> Referral:
    """A young person applies. ``documents``: (content, content type) pairs already checked
    by ``loans.uploads.process_document``."""
    profile = getattr(applicant, "youth_profile", None)
    if profile is None or profile.home_centre is None:
        raise ValidationError(NOT_YOUTH)
    if project is not None and project.lead_id != applicant.pk:
        raise ValidationError({"project": NOT_OWN_PROJECT})
    product = current_product(bank)
    if product is None:
        raise ValidationError({"bank": NO_PRODUCT})
    if not (
        product.min_amount <= amount <= product.max_amount
        and product.min_term_months <= term_months <= product.max_term_months
    ):
        raise ValidationError(
            {
                "amount": ValidationError(
                    OUT_OF_LIMITS,
                    params={
                        "min": product.min_amount,
                        "max": product.max_amount,
                        "min_term": product.min_term_months,
                        "max_term": product.max_term_months,
                    },
                )
            }
        )
    referral = Referral(
        applicant=applicant,
        centre=profile.home_centre,
        bank=bank,
        product=product,
        project=project,
        amount=amount,
        term_months=term_months,
        purpose=purpose.strip(),
        consent_to_share=bool(consent_to_share),
        consent_at=timezone.now() if consent_to_share else None,
    )
    referral.full_clean()
    written = []
    try:
        referral.save()
        for content, content_type in documents:
            document = ReferralDocument(referral=referral, content_type=content_type)
            document.file.save(content.name, content, save=False)
            written.append((document.file.storage, document.file.name))
            document.save()
        ReferralChange.objects.create(
            referral=referral, from_status="", to_status=Status.SUBMITTED, actor=applicant
        )
        audit.record("loans.referral_created", actor=applicant, target=referral)
        notify(
            recipient=applicant,
            kind="loans.received",
            key=f"referral-{referral.pk}-received",
            context={"referral": referral},
            url=_url(referral),
        )
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    return referral


@transaction.atomic
def referral_consent(*, referral: Referral, actor: User) -> Referral:
    """The applicant gives the separate consent to share with the named bank."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.applicant_id != actor.pk:
        raise PermissionDenied
    if not referral.consent_to_share:
        referral.consent_to_share = True
        referral.consent_at = timezone.now()
        referral.save(update_fields=["consent_to_share", "consent_at"])
        audit.record("loans.consent_given", actor=actor, target=referral)
    return referral


def _check_move(referral: Referral, to_status: str, actor: User, expected_status):
    if expected_status is not None and referral.status != expected_status:
        raise ValidationError(STALE_STATUS)
    labels = dict(Status.choices)
    if to_status not in labels or (referral.status, to_status) not in TRANSITIONS:
        raise ValidationError(
            ILLEGAL_MOVE,
            params={"from": labels[referral.status], "to": labels.get(to_status, to_status)},
        )
    if TRANSITIONS[(referral.status, to_status)] != role_in(actor, referral):
        raise ValidationError(NOT_YOUR_MOVE, params={"to": labels[to_status]})


def _record(referral: Referral, from_status: str, actor: User, reason: str) -> ReferralChange:
    referral.status_changed_at = timezone.now()
    referral.save()
    change = ReferralChange.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=referral.status,
        actor=actor,
        reason=reason,
    )
    audit.record(
        "loans.status_changed",
        actor=actor,
        target=referral,
        data={"from": from_status, "to": referral.status},
    )
    kind = {
        Status.INFO_REQUESTED: "loans.info_requested",
        Status.APPROVED: "loans.decided",
        Status.BANK_DECLINED: "loans.decided",
        Status.DECLINED: "loans.decided",
    }.get(referral.status)
    if kind and referral.applicant is not None and referral.applicant_id != actor.pk:
        notify(
            recipient=referral.applicant,
            kind=kind,
            key=f"referral-{referral.pk}-change-{change.pk}",
            context={"referral": referral, "change": change},
            url=_url(referral),
        )
    return change


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_status: str,
    actor: User,
    reason: str = "",
    expected_status: str | None = None,
) -> Referral:
    """Every move but the bank's approval and the disbursement, which carry their figures."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_move(referral, to_status, actor, expected_status)
    if to_status in (Status.APPROVED, Status.DISBURSED):
        raise ValidationError(USE_DECISION)
    reason = reason.strip()
    if to_status in REASON_ASKED and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if to_status == Status.REFERRED:
        if not (referral.consent_to_share and referral.consent_at):
            raise ValidationError(NO_CONSENT)
        referral.referred_on = timezone.localdate()
        referral.decision_due_on = decision_due(referral.referred_on)
    if to_status == Status.BANK_DECLINED:
        referral.decided_at = timezone.now()
        referral.decision_reason = reason
        referral.base_rate = rates_base(referral)
    if to_status == Status.DECLINED:
        referral.decision_reason = reason
    from_status = referral.status
    referral.status = to_status
    _record(referral, from_status, actor, reason)
    return referral


@transaction.atomic
def referral_approve(
    *,
    referral: Referral,
    actor: User,
    amount: Decimal,
    rate: Decimal,
    term_months: int,
    expected_status: str | None = None,
) -> Referral:
    """The bank approves: amount, rate and term. The rates shown on the day are kept."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_move(referral, Status.APPROVED, actor, expected_status)
    product = current_product(referral.bank) or referral.product
    if not (
        product.min_amount <= amount <= product.max_amount
        and product.min_term_months <= term_months <= product.max_term_months
    ):
        raise ValidationError(
            OUT_OF_LIMITS,
            params={
                "min": product.min_amount,
                "max": product.max_amount,
                "min_term": product.min_term_months,
                "max_term": product.max_term_months,
            },
        )
    leader = is_wealth_leader(referral.applicant)
    applies = product.discounted_rate if leader else product.shown_base_rate
    if rate <= 0 or rate > applies:
        raise ValidationError({"rate": ValidationError(RATE_ABOVE, params={"rate": applies})})
    referral.base_rate = product.base_rate
    referral.wealth_leader = leader
    referral.approved_amount = amount
    referral.approved_rate = rate
    referral.approved_term_months = term_months
    referral.discount_yuan = (
        discount_over_term(amount, product.shown_base_rate, rate, term_months)
        if leader
        else Decimal(0)
    )
    referral.decided_at = timezone.now()
    referral.status = Status.APPROVED
    referral.full_clean(exclude=["applicant"])
    _record(referral, Status.REFERRED, actor, "")
    return referral


@transaction.atomic
def referral_disburse(
    *,
    referral: Referral,
    actor: User,
    disbursed_on: datetime.date,
    expected_status: str | None = None,
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_move(referral, Status.DISBURSED, actor, expected_status)
    if disbursed_on > timezone.localdate() or disbursed_on < timezone.localdate(
        referral.decided_at
    ):
        raise ValidationError({"disbursed_on": DISBURSED_BEFORE})
    referral.disbursed_on = disbursed_on
    referral.repayment = Repayment.CURRENT
    referral.status = Status.DISBURSED
    _record(referral, Status.APPROVED, actor, "")
    return referral


@transaction.atomic
def referral_repayment(*, referral: Referral, actor: User, repayment: str) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not can_record_repayment(actor, referral):
        raise PermissionDenied
    if repayment not in Repayment.values:
        raise ValidationError({"repayment": _("Choose a repayment status.")})
    referral.repayment = repayment
    referral.save(update_fields=["repayment"])
    audit.record("loans.repayment_recorded", actor=actor, target=referral, data={"to": repayment})
    return referral
