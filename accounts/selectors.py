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


def staff_list_base(user):
    """The staff of the viewer's area, as the staff page lists them."""
    from core.scoping import centre_q

    from .models import StaffProfile

    return (
        StaffProfile.objects.filter(centre_q(user, "centre"))
        .select_related("user", "centre")
        .order_by("centre__path", "user__name")
    )


def invitation_list_base(user):
    from .models import Invitation

    return Invitation.objects.visible_to(user).select_related("invited_by", "centre")


def erasure_list_base(user):
    from .privacy import erasure_requests_visible_to

    return erasure_requests_visible_to(user).select_related("user", "centre", "decided_by")


def drive_list_base(user):
    from .models import Drive

    return Drive.objects.visible_to(user).select_related("centre")
