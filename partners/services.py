"""Creating and changing partner organisations, each one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.permissions import can_edit_partner
from accounts.scoping import staff_centre
from audit import services as audit

from .models import Bank, Enterprise


def _check_centre(user, partner) -> None:
    if user.is_authenticated and user.is_superuser:
        return
    centre = staff_centre(user)
    if centre is None or not partner.centre.is_within(centre):
        raise PermissionDenied


@transaction.atomic
def partner_save(*, user, partner: Enterprise | Bank) -> Enterprise | Bank:
    """Create or update an enterprise or bank at the user's centre or below."""
    before = type(partner).objects.get(pk=partner.pk) if partner.pk else None
    if before is not None and not can_edit_partner(user, before):
        raise PermissionDenied
    _check_centre(user, partner)
    partner.full_clean()
    partner.save()
    if before is None:
        audit.record("partner.created", actor=user, target=partner)
    else:
        changed = [
            f.name
            for f in partner._meta.concrete_fields
            if not f.auto_created
            and f.name != "updated_at"
            and getattr(before, f.attname) != getattr(partner, f.attname)
        ]
        audit.record("partner.changed", actor=user, target=partner, fields=changed)
    return partner
