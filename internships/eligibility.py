"""Who may apply for an internship, and why not: the rule staff set, checked and explained."""

import datetime

from django.utils.translation import gettext as _

from .models import EligibilityRule, Placement, PlacementStatus

NOT_YOUTH = "not_youth"


def reasons(user, *, rule: EligibilityRule | None = None, today: datetime.date) -> list[str]:
    """Every reason ``user`` may not apply now, in words for them; empty when eligible."""
    profile = getattr(user, "youth_profile", None) if user.is_authenticated else None
    if profile is None:
        return [_("Internships are for registered young people: sign in or register first.")]
    rule = rule or EligibilityRule.current()
    found = []
    if rule.require_complete_profile and not profile.is_complete:
        found.append(_("Your profile is not complete: fill in every field of your profile."))
    if profile.education_level not in rule.education_levels:
        found.append(
            _("The station takes graduates with one of these education levels: %(levels)s.")
            % {"levels": "、".join(rule.levels_display())}
        )
    year = profile.graduation_year
    if year is None:
        found.append(_("Add your graduation year to your profile."))
    elif year > today.year:
        found.append(_("You can apply once you have graduated."))
    elif today.year - year > rule.years_since_graduation:
        found.append(
            _("The station takes those who graduated in %(year)s or later.")
            % {"year": today.year - rule.years_since_graduation}
        )
    if Placement.objects.filter(youth=user, status=PlacementStatus.ACTIVE).exists():
        found.append(_("You already hold an internship placement."))
    return found
