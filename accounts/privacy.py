"""A young person's rights over their data: a copy of everything, and erasure."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from audit.models import Entry
from core.scoping import centre_q, staff_centre

from .models import ErasureRequest, User, YouthProfile
from .permissions import can_manage_staff

ERASURE_ALREADY_REQUESTED = _("You have already asked for your account to be deleted.")


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about one person, in their own words (full numbers)."""
    from notifications.models import Message, OptOut

    profile = YouthProfile.objects.filter(user=user).select_related("home_centre").first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "mobile": user.phone,
            "language": user.language,
            "registered_at": _plain(user.date_joined),
            "last_sign_in": _plain(user.last_login),
            "email_addresses": list(
                EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
            ),
        },
        "profile": None,
        "messages": [
            {k: _plain(v) for k, v in m.items()}
            for m in Message.objects.filter(recipient=user).values(
                "kind", "channel", "subject", "body", "status", "created_at", "sent_at"
            )
        ],
        "reminders_switched_off": list(
            OptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
        "activity": [
            {k: _plain(v) for k, v in e.items()}
            for e in Entry.objects.filter(actor=user).values("action", "created_at", "ip_address")
        ],
    }
    data["projects"] = _projects_of(user)
    if profile is not None:
        data["profile"] = {
            "national_id": profile.national_id,
            "gender": profile.gender,
            "date_of_birth": _plain(profile.date_of_birth),
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
            "consent_given_at": _plain(profile.consent_given_at),
        }
    audit.record("youth.data_exported", actor=user, target=profile)
    return data


def _projects_of(user: User) -> list[dict]:
    from projects.models import VentureProject

    projects = VentureProject.objects.filter(Q(lead=user) | Q(members=user)).distinct()
    return [
        {
            "name": p.name,
            "role": "lead" if p.lead_id == user.pk else "member",
            "stage": p.stage,
            "sector": p.sector,
            "description": p.description,
            "created_at": _plain(p.created_at),
            "history": [
                {"to": c.to_stage, "at": _plain(c.created_at), "reason": c.reason}
                for c in p.history.all()
            ],
            "outcomes": [
                {"year": o.year, "quarter": o.quarter, "jobs": o.jobs, "revenue": o.revenue_band}
                for o in p.outcomes.all()
            ],
        }
        for p in projects.prefetch_related("history", "outcomes")
    ]


def _files_of(user: User, profile) -> list:
    """(storage, name) of every file that is the person's: photo, their projects' files."""
    from projects.models import ProjectPhoto, VentureProject

    files = []
    if profile is not None and profile.avatar:
        files.append((profile.avatar.storage, profile.avatar.name))
    for project in VentureProject.objects.filter(lead=user):
        if project.business_plan:
            files.append((project.business_plan.storage, project.business_plan.name))
    for photo in ProjectPhoto.objects.filter(project__lead=user):
        files.append((photo.image.storage, photo.image.name))
    return files


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
    """Delete the person: account, profile, photo, the projects they lead (with their files),
    messages, e-mail addresses, the audit entries about them and Django admin history. What
    stays is that an erasure happened."""
    if not can_manage_staff(coordinator):
        raise PermissionDenied
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.PENDING or erasure.user is None:
        raise ValidationError(_("This request has already been carried out."))
    user = erasure.user
    profile = YouthProfile.objects.filter(user=user).first()
    files = _files_of(user, profile)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    targets = [("accounts.user", str(user.pk))]
    if profile is not None:
        targets.append(("accounts.youthprofile", str(profile.pk)))
    for target_type, target_id in targets:
        Entry.objects.filter(target_type=target_type, target_id=target_id).delete()
    Entry.objects.filter(actor=user).delete()
    for model, pk in [(User, user.pk), (YouthProfile, profile.pk if profile else None)]:
        if pk is not None:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
            ).delete()
    # The profile, messages, opt-outs, e-mail addresses and authenticators go with the user.
    user.delete()
    erasure.user = None
    erasure.status = ErasureRequest.Status.DONE
    erasure.decided_by = coordinator
    erasure.decided_at = timezone.now()
    erasure.save(update_fields=["user", "status", "decided_by", "decided_at"])
    audit.record("youth.erased", actor=coordinator, data={"erasure_request": erasure.pk})
    return erasure
