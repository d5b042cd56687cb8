"""The messages the accounts app sends, in one place (see notifications/registry.py)."""

from datetime import timedelta

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import is_youth
from notifications.registry import Due, Kind, register

from .models import YouthProfile

PROFILE_INCOMPLETE_AFTER = timedelta(days=14)
EMAIL_UNVERIFIED_AFTER = timedelta(days=3)
# Only people who crossed the line recently: accounts that were already old when the
# reminder was introduced are not told "you registered two weeks ago" months later.
WINDOW = timedelta(days=30)


def _profile_incomplete(now):
    """Young people registered 14+ days ago whose profile still lacks what staff need."""
    candidates = (
        YouthProfile.objects.incomplete()
        .filter(
            created_at__lte=now - PROFILE_INCOMPLETE_AFTER,
            created_at__gt=now - PROFILE_INCOMPLETE_AFTER - WINDOW,
            user__is_active=True,
        )
        .select_related("user")
    )
    for profile in candidates.iterator(chunk_size=500):
        yield Due(
            recipient=profile.user,
            key=f"profile-incomplete-{profile.pk}",
            context={"registered": profile.created_at},
            url=settings.SITE_URL + reverse("accounts:my_profile_edit"),
        )


def _confirmation_due(address: EmailAddress) -> Due:
    # Signed now: valid for ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS from this moment.
    key = EmailConfirmationHMAC(address).key
    return Due(
        recipient=address.user,
        key=f"email-unverified-{address.pk}",
        context={"registered": address.user.date_joined},
        url=settings.SITE_URL + reverse("account_confirm_email", args=[key]),
    )


def _email_unverified(now):
    """Addresses not confirmed three days after sign-up get a fresh confirmation link."""
    addresses = EmailAddress.objects.filter(
        verified=False,
        primary=True,
        user__is_active=True,
        user__date_joined__lte=now - EMAIL_UNVERIFIED_AFTER,
        user__date_joined__gt=now - EMAIL_UNVERIFIED_AFTER - WINDOW,
    ).select_related("user")
    for address in addresses.iterator(chunk_size=500):
        yield _confirmation_due(address)


def _email_unverified_again(message):
    """Each send of the reminder (a retry, staff sending it again) signs a new link: one
    written days ago may have expired. For the address the message goes to, if it is still
    unconfirmed; otherwise it goes as written."""
    address = (
        EmailAddress.objects.filter(
            user_id=message.recipient_id, email__iexact=message.address, verified=False
        )
        .select_related("user")
        .first()
    )
    return _confirmation_due(address) if address is not None else None


WELCOME = register(
    Kind(code="accounts.welcome", label=_("Welcome after registration"), channels=("sms", "inapp"))
)
# Someone signed up with the e-mail address or mobile number of an existing account. The
# visitor sees what every sign-up sees; the owner learns of it on the channel that was used.
SIGNUP_ATTEMPT = register(
    Kind(
        code="accounts.signup_attempt",
        label=_("Someone tried to register with my e-mail address or mobile number"),
        channels=("email", "sms"),
    )
)
PROFILE_INCOMPLETE = register(
    Kind(
        code="accounts.profile_incomplete",
        label=_("Reminder to complete my profile"),
        optional=True,
        collect=_profile_incomplete,
        audience=is_youth,
    )
)
EMAIL_UNVERIFIED = register(
    Kind(
        code="accounts.email_unverified",
        label=_("Reminder to confirm my e-mail address"),
        channels=("email",),
        collect=_email_unverified,
        refresh=_email_unverified_again,
    )
)


INVITATION = register(
    Kind(
        code="accounts.invitation",
        label=_("Invitation to a role"),
        channels=("email", "sms"),
    )
)


# Codes are sent at once by accounts/sms_codes.py, never queued; the outbox keeps a row of each
# sending with the code blanked (this template).
SMS_CODE = register(Kind(code="accounts.sms_code", label=_("Text message code"), channels=("sms",)))
