"""Registration drives (accounts.Drive): a link per event that counts its sign-ups."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core.scoping import in_scope, is_staff_member

from .models import Drive, DriveRegistration, OrgUnit, User

SESSION_TOKEN = "drive_token"
SESSION_CENTRE = "drive_centre"
DRIVE_FULL = _(
    "This event's registrations are full. You can still register on your own: open the "
    "registration page without the event's link."
)


@transaction.atomic
def drive_create(*, created_by: User, name: str, date, centre: OrgUnit, capacity: int) -> Drive:
    if not (is_staff_member(created_by) and in_scope(created_by, centre)):
        raise PermissionDenied
    drive = Drive(
        name=name,
        date=date,
        centre=centre,
        capacity=capacity,
        token=secrets.token_urlsafe(12),
        created_by=created_by,
    )
    drive.full_clean(exclude=["token"])
    drive.save()
    audit.record("drive.created", actor=created_by, target=drive)
    return drive


def drive_for_token(token: str) -> Drive | None:
    return Drive.objects.select_related("centre").filter(token=token).first()


def registration_counted(request, user: User) -> None:
    """Called in the registration's transaction: a sign-up through a drive's link counts for
    it, never beyond its capacity (a conditional UPDATE, so concurrent sign-ups cannot pass)."""
    token = request.session.get(SESSION_TOKEN)
    if not token:
        return
    taken = Drive.objects.filter(token=token, registered__lt=F("capacity")).update(
        registered=F("registered") + 1
    )
    if not taken:
        request.session.pop(SESSION_TOKEN, None)
        raise ValidationError(DRIVE_FULL)
    DriveRegistration.objects.create(drive=Drive.objects.get(token=token), user=user)
