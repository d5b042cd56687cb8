"""What a person may do with a project they can see (``visible_to`` decides seeing)."""

from accounts.scoping import is_staff_member

from .models import STAFF, YOUTH, VentureProject


def role_in(user, project: VentureProject) -> str | None:
    """ "staff" for programme staff (in scope, as visible_to already checked), "youth" for
    the project lead, None for team members and everyone else."""
    if is_staff_member(user):
        return STAFF
    if project.lead_id == user.pk:
        return YOUTH
    return None


def can_edit(user, project: VentureProject) -> bool:
    return project.lead_id == user.pk and project.is_editable


def can_move(user, project: VentureProject, to_stage: str) -> bool:
    role = role_in(user, project)
    return role is not None and to_stage in project.moves_for(role)


def can_report_outcome(user, project: VentureProject) -> bool:
    is_team = project.lead_id == user.pk or project.members.filter(pk=user.pk).exists()
    return project.is_launched and (is_team or is_staff_member(user))


def can_update_facts(user, project: VentureProject) -> bool:
    """Registered business, investment, jobs and the park are recorded by staff."""
    return is_staff_member(user)
