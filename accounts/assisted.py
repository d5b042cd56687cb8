"""Assisted registration: staff register a young person who has no smartphone, at the desk.

Nobody is registered without their own consent. Either the young person reads out the code of
a text message sent to their phone, which says what agreeing means (SmsCode purpose CONSENT),
or the staff member uploads the paper consent form the young person signed (a PDF or a scan,
checked like every upload and stored under a random name, served only to staff in scope). The
account has no password: the young person signs in later with a code by text message
(accounts:login_code) or sets a password with one (accounts:reset_sms). The profile keeps how
consent was given and who assisted; the audit log keeps both too.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core import pdfs
from core.images import process_image
from core.scoping import in_scope, is_staff_member

from .models import ConsentMethod, OrgUnit, SmsCode, User, YouthProfile
from .services import CONSENT_REQUIRED, PHONE_TAKEN, youth_register
from .sms_codes import code_check, code_send

CONSENT_FORM_MAX_BYTES = 10 * 1024 * 1024
# A scan is kept at most this many pixels along its longer side: enough to read a signature.
CONSENT_FORM_SIZE = 2400
# Consent codes one staff member may have sent in an hour (each number has its own limits too).
CODES_PER_STAFF_PER_HOUR = 30
CODES_WINDOW = 60 * 60

CONSENT_FORM_REQUIRED = _("Upload the consent form the young person signed.")
CONSENT_FORM_BAD = _("The consent form must be a PDF, JPEG or PNG file.")
CONSENT_FORM_UNREADABLE = _(
    "This file could not be read as a PDF or a scan. Please scan the form again."
)
CONSENT_FORM_TOO_LARGE = _(
    "The consent form is larger than 10 MB. Please scan it at a lower resolution."
)
CONSENT_FORM_TOO_MANY_PIXELS = _(
    "The scan has too many pixels. Please scan it at a lower resolution (300 dpi is enough)."
)
CONSENT_FORM_ENCRYPTED = _(
    "The consent form is protected by a password. Please upload a copy without a password."
)
CONSENT_FORM_NO_PAGES = _("The PDF has no pages. Please upload the whole signed form.")
TOO_MANY_CODES = _(
    "You have sent many consent codes in the last hour. Please try again later, or use the "
    "paper consent form."
)

_PDF_PROBLEMS = {
    pdfs.NOT_PDF: CONSENT_FORM_UNREADABLE,
    pdfs.ENCRYPTED: CONSENT_FORM_ENCRYPTED,
    pdfs.NO_PAGES: CONSENT_FORM_NO_PAGES,
}
_IMAGE_PROBLEMS = {
    "too_large": CONSENT_FORM_TOO_LARGE,
    "pixels": CONSENT_FORM_TOO_MANY_PIXELS,
    "format": CONSENT_FORM_BAD,
}
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"


def process_consent_form(upload) -> ContentFile:
    """A signed form is a PDF that pypdf reads as one with pages (kept as uploaded), or a JPEG
    or PNG scan (re-encoded as a JPEG, so nothing but pixels survives: no EXIF, nothing
    appended), whatever its name or declared type says."""
    if upload.size > CONSENT_FORM_MAX_BYTES:
        raise ValidationError(CONSENT_FORM_TOO_LARGE, code="too_large")
    upload.seek(0)
    content = upload.read(CONSENT_FORM_MAX_BYTES + 1)
    if len(content) > CONSENT_FORM_MAX_BYTES:  # the declared size is the client's word
        raise ValidationError(CONSENT_FORM_TOO_LARGE, code="too_large")
    if pdfs.looks_like_pdf(content):
        problem = pdfs.pdf_problem(content, max_bytes=CONSENT_FORM_MAX_BYTES)
        if problem is not None:
            raise ValidationError(_PDF_PROBLEMS[problem], code=problem)
        return ContentFile(content, name="consent.pdf")
    if not content.startswith((_JPEG, _PNG)):
        raise ValidationError(CONSENT_FORM_BAD, code="format")
    upload.seek(0)
    try:
        return process_image(
            upload, size=CONSENT_FORM_SIZE, square=False, max_bytes=CONSENT_FORM_MAX_BYTES
        )
    except ValidationError as error:
        message = _IMAGE_PROBLEMS.get(error.code, CONSENT_FORM_UNREADABLE)
        raise ValidationError(message, code=error.code) from None


def may_register(staff, centre: OrgUnit | None) -> bool:
    """Staff register young people for their own centre and the centres below it."""
    return is_staff_member(staff) and centre is not None and in_scope(staff, centre)


def consent_code_send(*, staff: User, phone: str, language: str, request=None) -> None:
    """Text the young person the consent code, in their language. Within the number's limits
    (accounts/sms_codes.py) and the staff member's, not the address's: a centre's desk
    registers many people from one address. Raises ValidationError with the reason."""
    if not is_staff_member(staff):
        raise PermissionDenied
    key = f"consent-codes:{staff.pk}"
    if (cache.get(key) or 0) >= CODES_PER_STAFF_PER_HOUR:
        raise ValidationError(TOO_MANY_CODES, code="too_many_staff")
    with translation.override(language):
        code_send(
            phone=phone, purpose=SmsCode.Purpose.CONSENT, request=request, limit_address=False
        )
    cache.add(key, 0, CODES_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, CODES_WINDOW)
    audit.record("youth.consent_code_sent", actor=staff)


def youth_register_assisted(
    *,
    assisted_by: User,
    phone: str,
    name: str,
    home_centre: OrgUnit,
    language: str,
    consent_method: str,
    code: str = "",
    consent_form: ContentFile | None = None,
    gender: str = "",
    date_of_birth=None,
    education_level: str = "",
    employment_status: str = "",
    hukou: str = "",
) -> YouthProfile:
    """Register a young person at the desk, with the consent they gave: the code of the text
    message sent to ``phone`` (``consent_method="sms_code"``, checked here) or their signed
    paper form (``"paper_form"``, already through ``process_consent_form``).

    Not to be called inside a transaction of the caller's: a wrong code is counted against the
    code's five tries even though the registration is refused (the refusal rolls nothing back
    here)."""
    if not may_register(assisted_by, home_centre):
        raise PermissionDenied
    if consent_method == ConsentMethod.SMS_CODE:
        code_check(phone=phone, purpose=SmsCode.Purpose.CONSENT, code=code)
    elif consent_method == ConsentMethod.PAPER_FORM:
        if consent_form is None:
            raise ValidationError(CONSENT_FORM_REQUIRED, code="consent_form")
    else:
        raise ValidationError(CONSENT_REQUIRED, code="consent")
    return _register(
        assisted_by=assisted_by,
        phone=phone,
        name=name,
        language=language,
        consent_method=consent_method,
        consent_form=consent_form,
        profile_fields={
            "home_centre": home_centre,
            "gender": gender,
            "date_of_birth": date_of_birth,
            "education_level": education_level,
            "employment_status": employment_status,
            "hukou": hukou,
        },
    )


@transaction.atomic
def _register(
    *, assisted_by, phone, name, language, consent_method, consent_form, profile_fields
) -> YouthProfile:
    by_code = consent_method == ConsentMethod.SMS_CODE
    # No usable password: the young person signs in by text message code, or sets one by it.
    # A number that received the consent code is confirmed; a paper form's is not yet.
    user = User(phone=phone, phone_verified_at=timezone.now() if by_code else None)
    user.set_unusable_password()
    if User.objects.with_phone(phone).exists():
        raise ValidationError(PHONE_TAKEN, code="taken")
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same number registered at the same instant
        raise ValidationError(PHONE_TAKEN, code="taken") from None
    # The welcome message and every later one in the young person's language.
    with translation.override(language):
        profile = youth_register(user=user, name=name, consented=True)
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.consent_method = consent_method
    profile.assisted_by = assisted_by
    profile.full_clean(exclude=["consent_form", "national_id_hash"])
    if consent_form is not None:
        profile.consent_form.save(consent_form.name, consent_form, save=False)
    try:
        profile.save()
    except Exception:
        if consent_form is not None:
            profile.consent_form.storage.delete(profile.consent_form.name)
        raise
    audit.record(
        "youth.registered_assisted",
        actor=assisted_by,
        target=profile,
        data={"consent": consent_method},
    )
    return profile
