"""The person's venture projects on their timeline: every stage change, one query."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.prepared import KeptQueries
from core.scoping import scope_key
from core.timeline import Entry, Source, register

from .models import Stage, StageChange, VentureProject

# Asked on every visit of a young person's page: compiled once per viewer's scope and
# prepared on PostgreSQL (core/prepared.py).
_CHANGES = KeptQueries()


def entries(person, viewer):
    def build(marker):
        projects = VentureProject.objects.visible_to(viewer).filter(
            Q(lead=marker) | Q(members=marker)
        )
        return (
            StageChange.objects.filter(project__in=projects.values("pk"))
            .select_related("project")
            .only("from_stage", "to_stage", "created_at", "project__name")
            .order_by("-created_at")[:50]
        )

    changes = _CHANGES.run(scope_key(viewer), build, value=person.pk)
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
