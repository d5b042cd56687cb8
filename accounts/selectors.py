"""Reads that the staff pages and their exports (accounts/exports.py) share."""

from .models import YouthProfile


def youth_list_base(user):
    """The young people the staff youth list shows the viewer, in its order."""
    return (
        YouthProfile.objects.visible_to(user)
        .select_related("user", "home_centre")
        # What the rows show, and no more: every column loaded is one more to convert.
        .only(
            *("created_at", "national_id", "education_level", "employment_status"),
            *("user__name", "user__email", "user__phone", "home_centre__name"),
        )
        .order_by("-created_at", "-pk")
    )
