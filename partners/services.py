"""Creating and changing partner organisations, each one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.permissions import can_edit_partner
from audit import services as audit

from .models import Bank, Enterprise


@transaction.atomic
def partner_save(*, user, partner: Enterprise | Bank) -> Enterprise | Bank:
    """Create or update an enterprise or bank at the user's centre or below."""
    before = type(partner).objects.get(pk=partner.pk) if partner.pk else None
    if before is not None and not can_edit_partner(user, before):
        raise PermissionDenied
    if not can_edit_partner(user, partner):  # the centre it is being saved at
        raise PermissionDenied
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
