"""Reads for the project pages: a fixed number of queries however many projects there are."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from .models import ProjectPhoto, Stage, VentureProject

BOARD_CARDS_PER_STAGE = 30


def pipeline(user) -> list[dict]:
    """The board: per stage its count and its most recently moved projects."""
    visible = VentureProject.objects.visible_to(user)
    counts = dict(visible.values_list("stage").annotate(n=Count("pk")).order_by())
    ranked = visible.annotate(
        rank=Window(RowNumber(), partition_by=[F("stage")], order_by=[F("stage_changed_at").desc()])
    )
    cards: dict[str, list] = {stage: [] for stage in Stage.values}
    for project in (
        ranked.filter(rank__lte=BOARD_CARDS_PER_STAGE)
        .select_related("centre", "lead")
        .order_by("stage", "-stage_changed_at")
    ):
        cards[project.stage].append(project)
    return [
        {"stage": value, "label": label, "count": counts.get(value, 0), "cards": cards[value]}
        for value, label in Stage.choices
    ]


def showcase():
    first_photo = Prefetch("photos", queryset=ProjectPhoto.objects.order_by("created_at", "pk"))
    return (
        VentureProject.objects.showcase()
        .select_related("centre")
        .prefetch_related(first_photo)
        .order_by("-launched_on", "-pk")
    )
