"""The person's venture projects on their timeline: every stage change (one part of the one
timeline query, core/timeline.py)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, moment, register

from .models import Stage, StageChange, VentureProject


def parts(person, viewer):
    projects = VentureProject.objects.visible_to(viewer).filter(Q(lead=person) | Q(members=person))
    labels = dict(Stage.choices)

    def make(row):
        if row["from"]:
            what = _("Project “%(name)s”: %(stage)s")
        else:
            what = _("Project “%(name)s” registered")
        return Entry(
            when=moment(row["at"]),
            what=what % {"name": row["name"], "stage": labels.get(row["to"], "")},
            url=reverse("projects:detail", args=[row["project"]]),
            app="projects",
        )

    return [
        Part(
            StageChange.objects.filter(project__in=projects.values("pk")).order_by("-created_at"),
            {
                "at": "created_at",
                "from": "from_stage",
                "to": "to_stage",
                "name": "project__name",
                "project": "project_id",
            },
            make,
        )
    ]


register(Source(app="projects", parts=parts))
