"""Template filters of the project pages."""

from django import template

register = template.Library()

_STAGE_CLASSES = {
    "rejected": "text-bg-secondary",
    "closed": "text-bg-secondary",
    "launched": "text-bg-success",
    "operating": "text-bg-success",
    "signed": "text-bg-primary",
    "under_review": "text-bg-warning",
    "applied": "text-bg-warning",
}


@register.filter
def stage_class(stage: str) -> str:
    """The badge colour of a stage (``projects/partials/_stage.html`` and the list rows)."""
    return _STAGE_CLASSES.get(stage, "text-bg-light border")
