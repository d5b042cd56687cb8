from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .models import Stage, VentureProject
from .reminders import REVIEW_OVERDUE_AFTER


def _waiting(stage):
    def records(user):
        # The oldest first, through project_stage_idx (stage, stage_changed_at).
        return (
            VentureProject.objects.visible_to(user)
            .filter(stage=stage)
            .only("name", "stage_changed_at")
            .order_by("stage_changed_at", "pk")
        )

    return records


def _overdue(project) -> bool:
    return project.stage_changed_at <= timezone.now() - REVIEW_OVERDUE_AFTER


def _detail(project) -> str:
    return reverse("projects:detail", args=[project.pk])


register(
    Queue(
        key="projects.applied",
        label=_("Project applications to take up"),
        explanation=_(
            "Venture projects of your area submitted by their lead and not yet under review: "
            "start the review. Oldest first; red after 10 days of waiting."
        ),
        records=_waiting(Stage.APPLIED),
        item_label=lambda project: project.name,
        item_url=_detail,
        url=lambda: f"{link('projects:list')}?stage={Stage.APPLIED}",
        due=lambda project: project.stage_changed_at,
        urgent=_overdue,
        order=10,
    )
)
register(
    Queue(
        key="projects.under_review",
        label=_("Projects under review awaiting a decision"),
        explanation=_(
            "Venture projects of your area under review: sign the agreement or turn the "
            "application down. Oldest first; red after 10 days under review."
        ),
        records=_waiting(Stage.UNDER_REVIEW),
        item_label=lambda project: project.name,
        item_url=_detail,
        url=lambda: f"{link('projects:list')}?stage={Stage.UNDER_REVIEW}",
        due=lambda project: project.stage_changed_at,
        urgent=_overdue,
        order=11,
    )
)
