import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from core.crypto import blind_index
from core.fields import MobileField
from core.validators import normalize_mobile

sms_log = logging.getLogger("youthventure.sms")


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
            identity = user.email.lower() if user else f"phone:{blind_index(phone)}"
        else:
            identity = str(credentials.get("email") or credentials.get("username") or "").lower()
        return f"signin:{identity}"

    def send_verification_code_sms(self, user, phone, code, **kwargs):
        # The logging gateway: a real SMS provider replaces this with the notifications app.
        sms_log.info("verification code for user %s sent to %s", user.pk, phone[-4:])
