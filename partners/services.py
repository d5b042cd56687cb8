"""Creating and changing partner organisations, each one transaction.

Each service names the fields it may change; an update leaves out what it does not change.
"""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from accounts.permissions import can_edit_partner
from audit import services as audit
from core.services import UNCHANGED, unique_or_invalid

from .models import Bank, Enterprise

USCC_TAKEN = _("An enterprise with this unified social credit code is already registered.")
BANK_TAKEN = _("This bank branch is already registered.")


def _save(partner) -> None:
    """Save, turning a unique value that a concurrent submission took first into the form's
    message (both passed ``full_clean`` before either wrote)."""
    others = type(partner).objects.exclude(pk=partner.pk)
    if isinstance(partner, Enterprise):
        checks = [("uscc", USCC_TAKEN, others.filter(uscc=partner.uscc))]
    else:
        same_branch = others.filter(name=partner.name, branch=partner.branch)
        checks = [(NON_FIELD_ERRORS, BANK_TAKEN, same_branch)]
    with unique_or_invalid(*checks):
        partner.save()


def _create(model, *, created_by: User, **fields):
    partner = model(**fields)
    if not can_edit_partner(created_by, partner):  # the centre it is being saved at
        raise PermissionDenied
    partner.full_clean()
    _save(partner)
    audit.record("partner.created", actor=created_by, target=partner)
    return partner


def _update(partner, *, actor: User, **fields):
    """``fields`` are an update service's own keyword arguments, never a caller's dict."""
    fields = {name: value for name, value in fields.items() if value is not UNCHANGED}
    partner = type(partner).objects.select_for_update().get(pk=partner.pk)
    if not can_edit_partner(actor, partner):
        raise PermissionDenied
    attnames = {name: partner._meta.get_field(name).attname for name in fields}
    before = {name: getattr(partner, attname) for name, attname in attnames.items()}
    for name, value in fields.items():
        setattr(partner, name, value)
    if not can_edit_partner(actor, partner):  # the centre it is being moved to
        raise PermissionDenied
    partner.full_clean()
    _save(partner)
    changed = [
        name for name, attname in attnames.items() if getattr(partner, attname) != before[name]
    ]
    audit.record("partner.changed", actor=actor, target=partner, fields=changed)
    return partner


@transaction.atomic
def enterprise_create(
    *,
    created_by: User,
    name: str,
    uscc: str,
    centre: OrgUnit,
    contact_name: str,
    industry: str = "",
    address: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    is_employer: bool = False,
    is_internship_host: bool = False,
    is_training_commissioner: bool = False,
    description: str = "",
    is_active: bool = True,
) -> Enterprise:
    """Register an enterprise at the creator's centre or below."""
    return _create(
        Enterprise,
        created_by=created_by,
        name=name,
        uscc=uscc,
        centre=centre,
        contact_name=contact_name,
        industry=industry,
        address=address,
        contact_phone=contact_phone,
        contact_email=contact_email,
        is_employer=is_employer,
        is_internship_host=is_internship_host,
        is_training_commissioner=is_training_commissioner,
        description=description,
        is_active=is_active,
    )


@transaction.atomic
def enterprise_update(
    *,
    enterprise: Enterprise,
    actor: User,
    name: str = UNCHANGED,
    uscc: str = UNCHANGED,
    centre: OrgUnit = UNCHANGED,
    contact_name: str = UNCHANGED,
    industry: str = UNCHANGED,
    address: str = UNCHANGED,
    contact_phone: str = UNCHANGED,
    contact_email: str = UNCHANGED,
    is_employer: bool = UNCHANGED,
    is_internship_host: bool = UNCHANGED,
    is_training_commissioner: bool = UNCHANGED,
    description: str = UNCHANGED,
    is_active: bool = UNCHANGED,
) -> Enterprise:
    """Change an enterprise of the actor's centre or below (and keep it there); arguments
    left out keep their value."""
    return _update(
        enterprise,
        actor=actor,
        name=name,
        uscc=uscc,
        centre=centre,
        contact_name=contact_name,
        industry=industry,
        address=address,
        contact_phone=contact_phone,
        contact_email=contact_email,
        is_employer=is_employer,
        is_internship_host=is_internship_host,
        is_training_commissioner=is_training_commissioner,
        description=description,
        is_active=is_active,
    )


@transaction.atomic
def bank_create(
    *,
    created_by: User,
    name: str,
    branch: str,
    centre: OrgUnit,
    base_interest_rate: Decimal | str,
    contact_name: str = "",
    contact_phone: str = "",
    address: str = "",
    is_active: bool = True,
) -> Bank:
    """Register a bank branch at the creator's centre or below."""
    return _create(
        Bank,
        created_by=created_by,
        name=name,
        branch=branch,
        centre=centre,
        base_interest_rate=base_interest_rate,
        contact_name=contact_name,
        contact_phone=contact_phone,
        address=address,
        is_active=is_active,
    )


@transaction.atomic
def bank_update(
    *,
    bank: Bank,
    actor: User,
    name: str = UNCHANGED,
    branch: str = UNCHANGED,
    centre: OrgUnit = UNCHANGED,
    base_interest_rate: Decimal | str = UNCHANGED,
    contact_name: str = UNCHANGED,
    contact_phone: str = UNCHANGED,
    address: str = UNCHANGED,
    is_active: bool = UNCHANGED,
) -> Bank:
    """Change a bank branch of the actor's centre or below (and keep it there); arguments
    left out keep their value."""
    return _update(
        bank,
        actor=actor,
        name=name,
        branch=branch,
        centre=centre,
        base_interest_rate=base_interest_rate,
        contact_name=contact_name,
        contact_phone=contact_phone,
        address=address,
        is_active=is_active,
    )
