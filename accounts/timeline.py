from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register


def entries(person, viewer):
    # No query: the profile is loaded with the page.
    profile = getattr(person, "youth_profile", None)
    if profile is not None:
        yield Entry(when=profile.created_at, what=_("Registered"), app="accounts")


register(Source(app="accounts", entries=entries))
