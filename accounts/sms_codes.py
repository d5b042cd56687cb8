"""Six-digit codes by text message: for registering with a mobile number, signing in without
a password, resetting a password and checking a number added later.

Written here rather than taken from allauth's phone verification and login-by-code, which keep
the code in the session in clear and count attempts per session: these codes are stored only
as a keyed hash (HMAC with FIELD_HASH_KEY, so a database copy cannot be brute-forced offline),
counted per number across sessions, and limited per number and per address.

- A code expires after 10 minutes, allows 5 tries, works once; a new one replaces the old.
- Sending: one code per number a minute (the page counts down), 5 an hour; 10 an hour from
  one address, except within a registration drive (the drive's capacity limits it instead).
- Nothing tells a visitor whether a number is registered: a registration code for a registered
  number is not sent (its owner is told someone tried), sign-in and reset codes for unknown
  numbers are not sent either, and the page answers the same in every case.
- The code goes to the gateway at once, in the request (never queued or batched); the outbox
  keeps a row of the sending with the code blanked, so no log, audit row or message holds it.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.crypto import blind_index
from core.net import client_ip
from notifications.gateways import sms_gateway
from notifications.models import Message

from .models import SmsCode, User

VALID_FOR = datetime.timedelta(minutes=10)
MAX_TRIES = 5
RESEND_AFTER = datetime.timedelta(seconds=60)
PER_NUMBER_PER_HOUR = 5
PER_ADDRESS_PER_HOUR = 10

CODE_WRONG = _(
    "This code is not right, or it has expired. Check the text message or ask for a new code."
)
CODE_EXPIRED = _("This code has expired (codes are valid for 10 minutes). Ask for a new one.")
CODE_TOO_MANY_TRIES = _("Wrong code five times: this code no longer works. Ask for a new one.")
SEND_TOO_SOON = _("A code was just sent. You can ask for another in %(seconds)s seconds.")
SEND_TOO_MANY_NUMBER = _(
    "Too many codes for this number in the last hour. Please try again later, or ask your "
    "youth centre for help."
)
SEND_TOO_MANY_ADDRESS = _(
    "Too many codes have been asked for from this network in the last hour. Please try again "
    "later. At a registration event, use the event's link or QR code."
)
SEND_FAILED = _("The text message could not be sent just now. Please try again in a minute.")


def _hash(phone: str, purpose: str, code: str) -> str:
    key = settings.FIELD_HASH_KEY.encode()
    return hmac.new(key, f"{phone}|{purpose}|{code}".encode(), hashlib.sha256).hexdigest()


def seconds_until_resend(phone: str, purpose: str) -> int:
    last = (
        SmsCode.objects.filter(phone_hash=blind_index(phone), purpose=purpose)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is None:
        return 0
    left = (last + RESEND_AFTER - timezone.now()).total_seconds()
    return max(0, int(left) + (1 if left % 1 else 0))


def _check_limits(phone: str, purpose: str, ip: str | None, limit_address: bool) -> None:
    now = timezone.now()
    wait = seconds_until_resend(phone, purpose)
    if wait:
        raise ValidationError(SEND_TOO_SOON, code="too_soon", params={"seconds": wait})
    hour = now - datetime.timedelta(hours=1)
    if (
        SmsCode.objects.filter(phone_hash=blind_index(phone), created_at__gte=hour).count()
        >= PER_NUMBER_PER_HOUR
    ):
        raise ValidationError(SEND_TOO_MANY_NUMBER, code="too_many_number")
    if (
        limit_address
        and ip
        and SmsCode.objects.filter(
            ip_address=ip, created_at__gte=hour, counts_for_address=True
        ).count()
        >= PER_ADDRESS_PER_HOUR
    ):
        raise ValidationError(SEND_TOO_MANY_ADDRESS, code="too_many_address")


def _should_send(phone: str, purpose: str) -> tuple[bool, User | None]:
    """Whether a real code goes out, and the account the number belongs to (if any)."""
    owner = User.objects.with_phone(phone).filter(is_active=True).first()
    if purpose in (SmsCode.Purpose.SIGNUP, SmsCode.Purpose.CONSENT):
        return owner is None, owner
    if purpose in (SmsCode.Purpose.LOGIN, SmsCode.Purpose.RESET):
        return owner is not None, owner
    return True, owner


def _send_now(phone: str, text: str, key: str, language: str) -> None:
    """To the gateway within the request; the outbox row keeps no code."""
    try:
        sms_gateway().send(phone=phone, text=text, key=key)
        status, error = Message.Status.SENT, ""
    except Exception as exc:  # any gateway failure: the person asks again
        status, error = Message.Status.FAILED, type(exc).__name__
    Message.objects.create(
        key=key,
        kind="accounts.sms_code",
        recipient=None,
        channel=Message.Channel.SMS,
        address=phone,
        body=_blanked(language),
        status=status,
        sent_at=timezone.now() if status == Message.Status.SENT else None,
        last_error=error,
    )
    if status == Message.Status.FAILED:
        raise ValidationError(SEND_FAILED, code="send_failed")


def _blanked(language: str) -> str:
    with translation.override(language):
        return render_to_string("notifications/messages/accounts.sms_code/sms.txt").strip()


def code_text(code: str, purpose: str) -> str:
    if purpose == SmsCode.Purpose.CONSENT:
        # Read out to the staff member at the desk (accounts/assisted.py): this one says so,
        # and what giving it means.
        return gettext(
            "[Youthventure] Your youth centre is registering you for the youth entrepreneurship "
            "programme. Tell the staff this code only if you agree that your personal data is "
            "processed as the policy says (%(url)s): %(code)s. Valid for 10 minutes."
        ) % {"code": code, "url": settings.SITE_URL + reverse("accounts:privacy")}
    if purpose == SmsCode.Purpose.SIGNUP:
        what = gettext("to register")
    elif purpose == SmsCode.Purpose.LOGIN:
        what = gettext("to sign in")
    elif purpose == SmsCode.Purpose.RESET:
        what = gettext("to set a new password")
    else:
        what = gettext("to confirm your mobile number")
    return gettext(
        "[Youthventure] Your code %(what)s is %(code)s. It is valid for 10 minutes. Never tell "
        "it to anyone, including staff."
    ) % {"what": what, "code": code}


def code_send(*, phone: str, purpose: str, request=None, limit_address: bool = True) -> None:
    """Send a code to ``phone`` for ``purpose`` if it should go (see the module), within the
    limits; raises ValidationError with a message for the person otherwise."""
    ip = client_ip(request) if request is not None else None
    with transaction.atomic():
        # One sender at a time per number, so two quick requests do not both pass the limits.
        User.objects.select_for_update().filter(phone_hash=blind_index(phone)).first()
        _check_limits(phone, purpose, ip, limit_address)
        send, owner = _should_send(phone, purpose)
        code = f"{secrets.randbelow(10**6):06d}"
        now = timezone.now()
        SmsCode.objects.filter(
            phone_hash=blind_index(phone), purpose=purpose, used_at__isnull=True
        ).update(used_at=now)
        row = SmsCode.objects.create(
            phone_hash=blind_index(phone),
            purpose=purpose,
            # A code that was not sent is stored too (with a random hash), so the limits and
            # the countdown look the same whether or not the number is registered.
            code_hash=_hash(phone, purpose, code) if send else secrets.token_hex(32),
            expires_at=now + VALID_FOR,
            ip_address=ip,
            counts_for_address=limit_address,
        )
    language = translation.get_language() or settings.LANGUAGE_CODE
    if send:
        _send_now(phone, code_text(code, purpose), f"sms-code-{row.pk}", language)
    elif purpose in (SmsCode.Purpose.SIGNUP, SmsCode.Purpose.CONSENT) and owner is not None:
        from .services import signup_attempt_notify

        signup_attempt_notify(owner=owner, channel="sms")


def code_check(*, phone: str, purpose: str, code: str) -> None:
    """Accept the latest code sent to ``phone`` for ``purpose`` once; raise otherwise. A wrong
    try is counted (and kept: the refusal is raised after the transaction commits)."""
    refusal = _check(phone, purpose, (code or "").strip())
    if refusal is not None:
        raise refusal


@transaction.atomic
def _check(phone: str, purpose: str, code: str) -> ValidationError | None:
    now = timezone.now()
    row = (
        SmsCode.objects.select_for_update()
        .filter(phone_hash=blind_index(phone), purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if row is None:
        return ValidationError(CODE_WRONG, code="wrong")
    if row.expires_at <= now:
        row.used_at = now
        row.save(update_fields=["used_at"])
        return ValidationError(CODE_EXPIRED, code="expired")
    if not hmac.compare_digest(row.code_hash, _hash(phone, purpose, code)):
        row.attempts += 1
        if row.attempts >= MAX_TRIES:
            row.used_at = now
            row.save(update_fields=["attempts", "used_at"])
            return ValidationError(CODE_TOO_MANY_TRIES, code="too_many_tries")
        row.save(update_fields=["attempts"])
        return ValidationError(CODE_WRONG, code="wrong")
    row.used_at = now
    row.save(update_fields=["used_at"])
    return None
