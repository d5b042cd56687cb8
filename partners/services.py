"""Creating and changing partner organisations, each one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.permissions import can_edit_partner
from accounts.scoping import staff_centre

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
    if partner.pk and not can_edit_partner(user, type(partner).objects.get(pk=partner.pk)):
        raise PermissionDenied
    _check_centre(user, partner)
    partner.full_clean()
    partner.save()
    return partner
