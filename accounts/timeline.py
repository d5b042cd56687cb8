from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import ConsentMethod

ASSISTED = {
    ConsentMethod.SMS_CODE: _(
        "Registered at the youth centre's desk (consent by text message code)"
    ),
    ConsentMethod.PAPER_FORM: _("Registered at the youth centre's desk (signed consent form)"),
}


def entries(person, viewer):
    # No query: the profile is loaded with the page.
    profile = getattr(person, "youth_profile", None)
    if profile is not None:
        what = ASSISTED.get(profile.consent_method, _("Registered"))
        # The signed form is for staff (accounts:consent_form), not on the person's own page.
        url = ""
        if profile.consent_form and viewer.pk != person.pk:
            url = reverse("accounts:consent_form", args=[profile.pk])
        yield Entry(when=profile.created_at, what=what, url=url, app="accounts")


register(Source(app="accounts", entries=entries))
