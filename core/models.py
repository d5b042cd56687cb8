"""core keeps no data of its own. It holds one proxy: allauth's two-factor authenticator under a
name the Django admin can show in Chinese (allauth's model has no translatable verbose names;
core/admin.py registers the proxy in its place)."""

from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _


class TwoFactorAuthenticator(Authenticator):
    class Meta:
        proxy = True
        verbose_name = _("two-factor authenticator")
        verbose_name_plural = _("two-factor authenticators")
