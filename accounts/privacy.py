"""A young person's rights over their data: a copy of everything, and erasure."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core import personal_data
from core.scoping import centre_q, staff_centre

from .models import ErasureRequest, User, YouthProfile
from .permissions import can_manage_staff

ERASURE_ALREADY_REQUESTED = _("You have already asked for your account to be deleted.")


def plain(value):
    """A value as the JSON download writes it."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about one person, in their own words (full numbers): the
    account and profile from here, every other app's part from ``core.personal_data``."""
    profile = YouthProfile.objects.filter(user=user).select_related("home_centre").first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "mobile": user.phone,
            "language": user.language,
            "registered_at": plain(user.date_joined),
            "last_sign_in": plain(user.last_login),
            "email_addresses": list(
                EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
            ),
        },
        "profile": None,
    }
    for part in personal_data.PARTS:
        data[part.key] = part.export(user)
    if profile is not None:
        data["profile"] = {
            "national_id": profile.national_id,
            "gender": profile.gender,
            "date_of_birth": plain(profile.date_of_birth),
            "education_level": profile.education_level,
            "school": profile.school,
            "graduation_year": profile.graduation_year,
            "employment_status": profile.employment_status,
            "household_registration": profile.hukou,
            "home_centre": profile.home_centre.name if profile.home_centre else None,
            "skills": profile.skills,
            "sectors": profile.sectors,
            "business_idea": profile.business_idea,
            "photo": bool(profile.avatar),
            "consent_policy_version": profile.consent_policy_version,
            "consent_given_at": plain(profile.consent_given_at),
            "consent_given_by": profile.consent_method,
            "signed_consent_form": bool(profile.consent_form),
        }
    audit.record("youth.data_exported", actor=user, target=profile)
    return data


@transaction.atomic
def erasure_request(*, user: User) -> ErasureRequest:
    if ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).exists():
        raise ValidationError(ERASURE_ALREADY_REQUESTED)
    profile = YouthProfile.objects.filter(user=user).first()
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(
                user=user, centre=profile.home_centre if profile else None
            )
    except IntegrityError:  # the same request twice at once (a double click)
        raise ValidationError(ERASURE_ALREADY_REQUESTED) from None
    audit.record("youth.erasure_requested", actor=user, target=profile)
    return request


def erasure_requests_visible_to(user):
    """Pending requests go to the coordinators of the person's *current* home centre (those
    without one to the district); carried-out ones stay where they were done."""
    pending = ErasureRequest.objects.filter(
        centre_q(user, "user__youth_profile__home_centre")
        | (centre_q(user, "centre") & Q(status=ErasureRequest.Status.DONE))
    )
    centre = staff_centre(user)
    if user.is_superuser or (centre is not None and centre.parent_id is None):
        pending = pending | ErasureRequest.objects.filter(
            status=ErasureRequest.Status.PENDING,
            user__youth_profile__home_centre__isnull=True,
        )
    return pending


@transaction.atomic
def erasure_carry_out(*, erasure: ErasureRequest, coordinator: User) -> ErasureRequest:
    """Remove every personal datum of the person and keep their outcome records de-identified,
    so that no published figure changes.

    Every app's part runs first (``core.personal_data``: messages, audit entries about them,
    project texts and files, ...); then the profile keeps only what the figures count (centre,
    gender, education, employment status, household type, sectors, birth year) and the account
    becomes a tombstone that cannot sign in: no name, e-mail, phone, password, second factor or
    admin history. What stays is that an erasure happened."""
    if not can_manage_staff(coordinator):
        raise PermissionDenied
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.PENDING or erasure.user is None:
        raise ValidationError(_("This request has already been carried out."))
    user = User.objects.select_for_update().get(pk=erasure.user_id)
    profile = YouthProfile.objects.filter(user=user).first()
    files = []
    for part in personal_data.PARTS:
        files.extend(part.erase(user) or [])
    if profile is not None:
        for file in (profile.avatar, profile.consent_form):
            if file:
                files.append((file.storage, file.name))
        _deidentify_profile(profile)
    for model, pk in [(User, user.pk), (YouthProfile, profile.pk if profile else None)]:
        if pk is not None:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
            ).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _tombstone(user)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    erasure.user = None
    erasure.status = ErasureRequest.Status.DONE
    erasure.decided_by = coordinator
    erasure.decided_at = timezone.now()
    erasure.save(update_fields=["user", "status", "decided_by", "decided_at"])
    audit.record("youth.erased", actor=coordinator, data={"erasure_request": erasure.pk})
    return erasure


def _deidentify_profile(profile: YouthProfile) -> None:
    born = profile.date_of_birth
    profile.national_id = None
    profile.date_of_birth = born.replace(month=1, day=1) if born else None  # the year only
    profile.school = ""
    profile.skills = ""
    profile.business_idea = ""
    profile.avatar = ""
    profile.consent_form = ""
    profile.assisted_by = None
    profile.save()


def _tombstone(user: User) -> None:
    user.email = f"erased-{user.pk}@erased.invalid"
    user.name = ""
    user.phone = None
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()
