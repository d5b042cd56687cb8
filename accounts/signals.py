from allauth.mfa.signals import authenticator_removed
from django.dispatch import receiver

from .middleware import StaffSessionMiddleware


@receiver(authenticator_removed)
def _forget_totp(sender, request, user, authenticator, **kwargs):
    request.session.pop(StaffSessionMiddleware.MFA_KEY, None)


def sync_site_domain(sender, using="default", **kwargs):
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc
    if domain:
        Site.objects.using(using).filter(pk=settings.SITE_ID).exclude(domain=domain).update(
            domain=domain
        )
