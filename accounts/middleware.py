import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .permissions import requires_two_factor

# Pages a staff member without two-factor sign-in may still open: signing in and out,
# setting up the authenticator, switching language, health checks, static files.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz")


class StaffSessionMiddleware:
    """Sessions of everyone who sees others' personal data (staff, mentors, partners):
    two-factor sign-in is required, and they end after a quiet spell."""

    SESSION_KEY = "staff_last_seen"
    MFA_KEY = "staff_has_totp"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and requires_two_factor(user):
            now = int(time.time())
            last_seen = request.session.get(self.SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
                return redirect(f"{reverse('account_login')}?next={request.path}")
            # Written at most once a minute, so most requests do not save the session.
            if last_seen is None or now - last_seen >= 60:
                request.session[self.SESSION_KEY] = now
            if not request.path.startswith(_OPEN_PREFIXES) and not self._has_totp(request):
                messages.warning(
                    request,
                    _(
                        "Accounts that can see other people's data need two-factor sign-in. "
                        "Set up an authenticator app first."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _has_totp(self, request) -> bool:
        # Remembered in the session once true; removing the authenticator clears it
        # (accounts/signals.py).
        if request.session.get(self.MFA_KEY):
            return True
        if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            request.session[self.MFA_KEY] = True
            return True
        return False


class PrivatePagesMiddleware:
    """Pages seen signed in carry personal data: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response
