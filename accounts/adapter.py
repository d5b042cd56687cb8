import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from core.crypto import blind_index
from core.fields import MobileField
from core.services import unique_or_invalid
from core.validators import normalize_mobile

from .services import EMAIL_TAKEN, PHONE_TAKEN, signup_attempt_notify

sms_log = logging.getLogger("youthventure.sms")


class SignupRace(ValidationError):
    """Another sign-up with the same e-mail address or mobile number committed between the
    form's checks and this one's insert; the unique constraint refused this one."""


class AccountAdapter(DefaultAccountAdapter):
    """Lets people sign in with their e-mail address or their mainland mobile number.

    The phone lives on ``User.phone`` in its 11-digit form; whatever people type
    (spaces, +86, full-width digits) is normalised before it is looked up.
    """

    def phone_form_field(self, **kwargs):
        kwargs.pop("label", None)
        return MobileField(**kwargs)

    def get_phone(self, user):
        return (user.phone, False) if user.phone else None

    def set_phone(self, user, phone, verified):
        user.phone = phone
        user.save(update_fields=["phone"])

    def save_user(self, request, user, form, commit=True):
        """allauth's, with the unique constraints' refusal of an address or number that a
        sign-up at the same instant took first raised as ``SignupRace`` (YouthSignupForm
        then answers as for any registered address or number), never as a 500."""
        users = get_user_model().objects
        email = form.cleaned_data.get("email") or ""
        phone = form.cleaned_data.get("phone")
        try:
            with unique_or_invalid(
                ("email", EMAIL_TAKEN, users.filter(email__iexact=email)),
                ("phone", PHONE_TAKEN, users.with_phone(phone) if phone else users.none()),
            ):
                return super().save_user(request, user, form, commit=commit)
        except ValidationError as error:
            raise SignupRace(error.error_dict) from None

    def set_phone_verified(self, user, phone):
        # Phone verification by SMS is switched off until an SMS gateway is configured.
        pass

    def get_user_by_phone(self, phone):
        try:
            phone = normalize_mobile(phone)
        except ValidationError:
            return None
        return get_user_model().objects.with_phone(phone).filter(is_active=True).first()

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count failed sign-ins per *account*, whichever identifier was typed.

        allauth keys the counter on the e-mail or username it was given; a phone
        sign-in would otherwise share one counter with every other phone sign-in
        (so five mistakes by anyone would lock everyone out) and would not add up
        with failures by e-mail for the same person.
        """
        phone = credentials.get("phone")
        if phone:
            user = self.get_user_by_phone(phone)
            identity = (
                (user.email or f"user:{user.pk}").lower() if user else f"phone:{blind_index(phone)}"
            )
        else:
            identity = str(credentials.get("email") or credentials.get("username") or "").lower()
        return f"signin:{identity}"

    # allauth's enumeration prevention calls these when a sign-up (or an added address) names
    # an existing account: the visitor sees the usual "confirmation sent" page, and the owner
    # gets a notice through the outbox instead of allauth's direct e-mail.
    def send_account_already_exists_mail(self, email):
        owner = get_user_model().objects.filter(email__iexact=email).first()
        if owner is None:
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user")
            owner = getattr(address.first(), "user", None)
        if owner is not None:
            signup_attempt_notify(owner=owner, channel="email")

    def send_account_already_exists_sms(self, phone):
        try:
            phone = normalize_mobile(phone)
        except ValidationError:
            return
        owner = get_user_model().objects.with_phone(phone).first()
        if owner is not None:
            signup_attempt_notify(owner=owner, channel="sms")

    def send_verification_code_sms(self, user, phone, code, **kwargs):
        # The logging gateway: a real SMS provider replaces this with the notifications app.
        sms_log.info("verification code for user %s sent to %s", user.pk, phone[-4:])
