"""The person's venture projects on their timeline: every stage change, one query."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import Stage, StageChange, VentureProject


def entries(person, viewer):
    projects = VentureProject.objects.visible_to(viewer).filter(Q(lead=person) | Q(members=person))
    changes = (
        StageChange.objects.filter(project__in=projects.values("pk"))
        .select_related("project")
        .order_by("-created_at")[:50]
    )
    labels = dict(Stage.choices)
    for change in changes:
        if change.from_stage:
            what = _("Project “%(name)s”: %(stage)s")
        else:
            what = _("Project “%(name)s” registered")
        yield Entry(
            when=change.created_at,
            what=what % {"name": change.project.name, "stage": labels.get(change.to_stage, "")},
            url=reverse("projects:detail", args=[change.project_id]),
            app="projects",
        )


register(Source(app="projects", entries=entries))
