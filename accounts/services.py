"""Operations that change accounts, each one transaction."""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core.crypto import blind_index
from core.services import UNCHANGED, unique_or_invalid
from notifications.models import Message
from notifications.services import deliver, notify

from .models import OrgUnit, User, YouthProfile
from .reminders import SIGNUP_ATTEMPT, WELCOME

CENTRE_OUTSIDE_SCOPE = _("You can only add staff to your own centre or the centres below it.")
CONSENT_REQUIRED = _("You must agree to the personal-data policy to register.")
# The forms' answers when a number or address is someone else's; the services give the same
# when a submission at the same instant took it first (the unique constraint decides).
PHONE_TAKEN = _("This mobile number is already registered to another account.")
EMAIL_TAKEN = _("This e-mail address is already registered.")
NATIONAL_ID_TAKEN = _(
    "This ID number is already registered. If it is yours, please contact your youth centre."
)
# Answers about whether another account holds a number: at most this many different numbers
# per person in a sliding hour (see identifier_check).
IDENTIFIER_CHECKS_PER_HOUR = 10
IDENTIFIER_CHECK_WINDOW = 60 * 60


@transaction.atomic
def youth_register(*, user: User, name: str, consented: bool) -> YouthProfile:
    """Called when a young person signs up: their consent is recorded with the policy version."""
    if not consented:
        raise ValidationError(CONSENT_REQUIRED)
    user.name = name
    # Messages follow the language the person signed up in (and later switches to).
    user.language = translation.get_language() or settings.LANGUAGE_CODE
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "language"])
    profile = YouthProfile.objects.create(
        user=user,
        consent_policy_version=settings.PRIVACY_POLICY_VERSION,
        consent_given_at=timezone.now(),
    )
    notify(
        recipient=user,
        kind=WELCOME.code,
        key=f"welcome-{user.pk}",
        url=settings.SITE_URL + reverse("accounts:my_profile_edit"),
    )
    return profile


PHONE_REGISTERED_MEANWHILE = _(
    "This mobile number has just been registered. Sign in, or set a new password by text message."
)


@transaction.atomic
def youth_register_by_phone(
    *,
    phone: str,
    name: str,
    password: str,
    consented: bool,
    email: str = "",
    home_centre: OrgUnit | None = None,
) -> User:
    """A young person registers with the mobile number they have just confirmed with an SMS
    code; an e-mail address is optional (a confirmation link is sent to it)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import IntegrityError

    if not consented:
        raise ValidationError(CONSENT_REQUIRED)
    email = (email or "").strip().lower() or None
    if User.objects.with_phone(phone).exists():
        raise ValidationError(PHONE_REGISTERED_MEANWHILE)
    email_owner = User.objects.filter(email__iexact=email).first() if email else None
    if email_owner is not None:
        # Someone else's address: the account is made without it and its owner is told, so
        # the page answers as for any address (who is registered is never shown).
        signup_attempt_notify(owner=email_owner, channel="email")
        email = None
    user = User(email=email, phone=phone, phone_verified_at=timezone.now())
    user.password = make_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same number or address registered at the same instant
        raise ValidationError(PHONE_REGISTERED_MEANWHILE) from None
    profile = youth_register(user=user, name=name, consented=True)
    if home_centre is not None:
        profile.home_centre = home_centre
        profile.save(update_fields=["home_centre"])
    if email:
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


@transaction.atomic
def signup_attempt_notify(*, owner: User, channel: str) -> None:
    """Someone signed up with the e-mail address (``channel="email"``) or the mobile number
    (``"sms"``) of ``owner``'s account. The visitor is told nothing: they see the page every
    sign-up sees. The owner is told on that channel (at most once a day each, so a stranger
    cannot flood them), with a link to set a new password; the attempt is audited."""
    audit.record("account.signup_repeated", target=owner, data={"channel": channel})
    keys = notify(
        recipient=owner,
        kind=SIGNUP_ATTEMPT.code,
        key=f"signup-attempt-{owner.pk}-{timezone.localdate():%Y%m%d}",
        url=settings.SITE_URL + reverse("account_reset_password"),
        channels=[channel],
    )
    if channel == "email" and keys:
        # A new address gets allauth's confirmation e-mail sent within the request: the notice
        # is sent within it too (already claimed, so the worker skips it; the outbox retries
        # it if the send fails), so that both answers wait for the mail server alike.
        deliver(Message.objects.filter(key__in=keys).values_list("pk", flat=True))


def identifier_check(*, user: User, field: str, value: str, taken: bool) -> str:
    """``user`` asks for a mobile or ID number that is not theirs yet; ``taken`` says whether
    another account holds it. That is an answer about someone else, so it is rationed: answers
    about at most IDENTIFIER_CHECKS_PER_HOUR different numbers in an hour (asking again about
    one already answered costs nothing). Past that, every new number gets ``"throttled"``,
    taken or not, so the refusal says nothing about the number. Each ``"taken"`` answer and
    the first ``"throttled"`` in an hour are audited (the field's name, never the number).
    Returns ``"free"``, ``"taken"`` or ``"throttled"``.
    """
    key = f"identifier-checks:{user.pk}"
    now = time.time()
    # {keyed hash of field and number: when it was answered}; a lost race between two
    # requests of one person costs at most an extra answer.
    answered = {
        digest: at
        for digest, at in (cache.get(key) or {}).items()
        if at > now - IDENTIFIER_CHECK_WINDOW
    }
    digest = blind_index(f"{field}:{value}")
    if digest not in answered:
        if len(answered) >= IDENTIFIER_CHECKS_PER_HOUR:
            if cache.add(f"{key}:throttled", True, IDENTIFIER_CHECK_WINDOW):
                audit.record(
                    "youth.identifier_checks_throttled", target=user, data={"field": field}
                )
            return "throttled"
        answered[digest] = now
        cache.set(key, answered, IDENTIFIER_CHECK_WINDOW)
        if taken:
            audit.record("youth.identifier_refused", target=user, data={"field": field})
    return "taken" if taken else "free"


def _others_with_phone(user: User):
    """The other accounts with ``user``'s mobile number (none if they have no number)."""
    if not user.phone:
        return User.objects.none()
    return User.objects.with_phone(user.phone).exclude(pk=user.pk)


@transaction.atomic
def youth_profile_update(
    *,
    profile: YouthProfile,
    name: str,
    phone: str | None,
    gender: str = UNCHANGED,
    date_of_birth: datetime.date | None = UNCHANGED,
    national_id: str | None = UNCHANGED,
    education_level: str = UNCHANGED,
    school: str = UNCHANGED,
    graduation_year: int | None = UNCHANGED,
    employment_status: str = UNCHANGED,
    hukou: str = UNCHANGED,
    home_centre: OrgUnit | None = UNCHANGED,
    skills: str = UNCHANGED,
    sectors: list[str] = UNCHANGED,
    business_idea: str = UNCHANGED,
    avatar: ContentFile | None = None,
) -> YouthProfile:
    """A young person edits their own profile; the consent record is not theirs to change.
    Profile arguments left out keep their value."""
    given = {
        "gender": gender,
        "date_of_birth": date_of_birth,
        "national_id": national_id,
        "education_level": education_level,
        "school": school,
        "graduation_year": graduation_year,
        "employment_status": employment_status,
        "hukou": hukou,
        "home_centre": home_centre,
        "skills": skills,
        "sectors": sectors,
        "business_idea": business_idea,
    }
    fields = {field: value for field, value in given.items() if value is not UNCHANGED}
    # From the database, not the caller's copy: changes made to that object (by a model
    # form, say) are neither saved nor missing from the audit entry.
    profile = YouthProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    user = profile.user
    changed = [
        f for f, new in [("name", name), ("phone", phone or None)] if getattr(user, f) != new
    ] + [f for f, new in fields.items() if getattr(profile, f) != new]
    user.name = name
    if "phone" in changed:
        # A new number is not confirmed until its owner types a code sent to it.
        user.phone_verified_at = None
    user.phone = phone or None
    user.full_clean(exclude=["password"])
    with unique_or_invalid(("phone", PHONE_TAKEN, _others_with_phone(user))):
        user.save(update_fields=["name", "phone", "phone_verified_at"])
    for field, value in fields.items():
        setattr(profile, field, value)
    # Validate before the new photo touches the disk: a refused update must leave no file.
    profile.full_clean(exclude=["avatar"])
    old_avatar = profile.avatar.name if profile.avatar else None
    if avatar is not None:
        profile.avatar.save(avatar.name, avatar, save=False)
    same_id = YouthProfile.objects.none()
    if profile.national_id:
        same_id = YouthProfile.objects.with_national_id(profile.national_id).exclude(pk=profile.pk)
    try:
        with unique_or_invalid(("national_id", NATIONAL_ID_TAKEN, same_id)):
            profile.save()
    except Exception:
        if avatar is not None:
            profile.avatar.storage.delete(profile.avatar.name)
        raise
    if avatar is not None and old_avatar:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    if avatar is not None:
        changed.append("avatar")
    if changed:
        audit.record("youth.profile_changed", target=profile, fields=changed)
    return profile


def user_language_set(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
