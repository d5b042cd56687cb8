"""Figures for the staff home, always limited to the viewer's part of the centre tree."""

from django.db.models import Count, Q

from accounts.models import EmploymentStatus, OrgUnit, YouthProfile
from core.scoping import centre_q, staff_centre
from partners.models import Enterprise
from projects.selectors import signed_or_launched_count


def youth_kpis(user) -> dict:
    youth = YouthProfile.objects.visible_to(user)
    figures = youth.aggregate(
        total=Count("pk"),
        employed=Count("pk", filter=Q(employment_status=EmploymentStatus.EMPLOYED)),
        self_employed=Count("pk", filter=Q(employment_status=EmploymentStatus.SELF_EMPLOYED)),
        seeking=Count("pk", filter=Q(employment_status=EmploymentStatus.SEEKING)),
    )
    figures["incomplete"] = youth.incomplete().count()
    figures["enterprises"] = Enterprise.objects.visible_to(user).filter(is_active=True).count()
    figures["centres"] = OrgUnit.objects.visible_to(user).count()
    figures["projects_signed_or_launched"] = signed_or_launched_count(user)
    return figures


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
