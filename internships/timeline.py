"""The person's internship applications on their timeline: every move, one query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import Application, ApplicationChange, Status


def entries(person, viewer):
    applications = Application.objects.visible_to(viewer).filter(youth=person)
    changes = (
        ApplicationChange.objects.filter(application__in=applications.values("pk"))
        .select_related("application__position__station__enterprise")
        .order_by("-created_at")[:50]
    )
    labels = dict(Status.choices)
    for change in changes:
        application = change.application
        yield Entry(
            when=change.created_at,
            what=_("Internship “%(position)s” at %(host)s: %(status)s")
            % {
                "position": application.position.title,
                "host": application.position.station.enterprise.name,
                "status": labels.get(change.to_status, ""),
            },
            url=reverse("internships:application", args=[application.pk]),
            app="internships",
        )


register(Source(app="internships", entries=entries))
