"""The person's internship applications on their timeline: every move (one part of the one
timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, moment, register

from .models import Application, ApplicationChange, Status


def parts(person, viewer):
    applications = Application.objects.visible_to(viewer).filter(youth=person)
    labels = dict(Status.choices)

    def make(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Internship “%(position)s” at %(host)s: %(status)s")
            % {
                "position": row["position"],
                "host": row["host"],
                "status": labels.get(row["status"], ""),
            },
            url=reverse("internships:application", args=[row["application"]]),
            app="internships",
        )

    return [
        Part(
            ApplicationChange.objects.filter(application__in=applications.values("pk")).order_by(
                "-created_at"
            ),
            {
                "at": "created_at",
                "status": "to_status",
                "application": "application_id",
                "position": "application__position__title",
                "host": "application__position__station__enterprise__name",
            },
            make,
        )
    ]


register(Source(app="internships", parts=parts))
