"""Reads that the staff pages and their exports (jobs/exports.py) share."""

from .models import Application, Placement, Vacancy


def managed_vacancies(user):
    """The vacancies of the managing list (an employer's own; staff: their area's)."""
    return (
        Vacancy.objects.visible_to(user).select_related("enterprise").order_by("-created_at", "-id")
    )


def vacancy_applications(user, vacancy):
    """A vacancy's applicants as its page lists them."""
    return (
        Application.objects.visible_to(user)
        .filter(vacancy=vacancy)
        .select_related("youth__youth_profile")
        .order_by("-created_at", "-id")
    )


def placement_list_base(user):
    """The placements of the staff list, newest first."""
    return (
        Placement.objects.visible_to(user)
        .select_related("centre", "youth")
        .only(
            *("employer_name", "job_title", "start_date", "how_found", "labour_export"),
            *("centre__name", "youth__name", "youth__email", "youth__erased_at"),
        )
        .order_by("-start_date", "-id")
    )
