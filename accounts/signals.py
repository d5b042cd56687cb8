from allauth.mfa.signals import authenticator_removed
from django.dispatch import receiver

from .middleware import StaffSessionMiddleware


@receiver(authenticator_removed)
def _forget_totp(sender, request, user, authenticator, **kwargs):
    request.session.pop(StaffSessionMiddleware.MFA_KEY, None)
