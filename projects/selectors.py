"""Reads for the project pages: a fixed number of queries however many projects there are."""

from django.db import connections
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from core.caching import COUNT_KEPT_FROM, remembered
from core.prepared import KeptQueries
from core.scoping import scope_key

from .models import ProjectPhoto, Stage, VentureProject

BOARD_CARDS_PER_STAGE = 30


def project_list_base(user):
    """The projects the staff list shows the viewer, in its order (the page and its export)."""
    return (
        VentureProject.objects.visible_to(user)
        .select_related("centre", "lead")
        # What the rows show, and no more: every column loaded is one more to convert.
        .only(
            *("name", "in_demo_park", "stage", "sector", "jobs_created", "investment"),
            *("stage_changed_at", "centre__name", "lead__name", "lead__email", "lead__erased_at"),
        )
        .order_by("-stage_changed_at", "-pk")
    )


def pipeline(user) -> list[dict]:
    """The board: per stage its count (kept a minute once there are many) and its most
    recently moved projects."""
    visible = VentureProject.objects.visible_to(user)
    grouped = visible.values_list("stage").annotate(n=Count("pk")).order_by()
    counts = remembered(
        grouped, lambda: dict(grouped), keep=lambda c: sum(c.values()) >= COUNT_KEPT_FROM
    )
    cards: dict[str, list] = {stage: [] for stage in Stage.values}
    for project in _latest_per_stage(user, visible, [s for s in Stage.values if counts.get(s)]):
        cards[project.stage].append(project)
    for stage_cards in cards.values():
        stage_cards.sort(key=lambda p: p.stage_changed_at, reverse=True)
    return [
        {"stage": value, "label": label, "count": counts.get(value, 0), "cards": cards[value]}
        for value, label in Stage.choices
    ]


# The board's UNION compiled once per part of the tree (core/prepared.py).
_BOARD_QUERIES = KeptQueries()


def _latest_per_stage(user, visible, stages: list[str]):
    """The most recently moved projects of each stage, in one query. PostgreSQL reads each
    stage's few from the (stage, stage_changed_at) index (UNION ALL of one LIMIT per stage,
    compiled once per scope); databases that cannot limit the parts of a UNION number every
    visible project instead."""
    if not stages:
        return []
    # What a card shows, and no more (each part of the UNION is compiled on its own).
    visible = visible.select_related("centre").only(
        "name", "stage", "stage_changed_at", "centre__name"
    )
    if connections[visible.db].features.supports_slicing_ordering_in_compound:

        def union():
            parts = [
                visible.filter(stage=stage).order_by("-stage_changed_at")[:BOARD_CARDS_PER_STAGE]
                for stage in stages
            ]
            return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

        return _BOARD_QUERIES.run((scope_key(user), tuple(stages)), union, using=visible.db)
    ranked = visible.annotate(
        rank=Window(RowNumber(), partition_by=[F("stage")], order_by=[F("stage_changed_at").desc()])
    )
    return ranked.filter(rank__lte=BOARD_CARDS_PER_STAGE).order_by("stage", "-stage_changed_at")


def showcase():
    first_photo = Prefetch("photos", queryset=ProjectPhoto.objects.order_by("created_at", "pk"))
    return (
        VentureProject.objects.showcase()
        .select_related("centre")
        .prefetch_related(first_photo)
        .order_by("-launched_on", "-pk")
    )
