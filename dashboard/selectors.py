"""Figures for the staff home, always limited to the viewer's part of the centre tree."""

from django.db.models import Count

from accounts.models import OrgUnit, YouthProfile
from core.figures import values_for
from core.scoping import centre_q, staff_centre


def figures(user) -> list[dict]:
    """Every registered figure for the viewer's part of the tree (core.figures)."""
    return [
        {
            "key": figure.key,
            "label": figure.label,
            "explanation": figure.explanation,
            "value": value,
            "url": figure.url() if figure.url else "",
            "headline": figure.headline,
        }
        for figure, value in values_for(user)
    ]


def youth_by_centre(user) -> list[dict]:
    """Youth per centre one level below the viewer's (towns for the district)."""
    centre = staff_centre(user)
    if centre is None:  # superuser without a centre: the districts' towns
        children = OrgUnit.objects.filter(level=OrgUnit.Level.TOWN)
    else:
        children = OrgUnit.objects.filter(parent=centre)
    rows = []
    totals = dict(
        YouthProfile.objects.filter(centre_q(user, "home_centre"))
        .values_list("home_centre__path")
        .annotate(n=Count("pk"))
    )
    for child in children.order_by("path"):
        count = sum(n for path, n in totals.items() if path and path.startswith(child.path))
        rows.append({"centre": child, "count": count})
    return rows
