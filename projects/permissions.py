"""What a person may do with a project they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope

from .models import STAFF, YOUTH, VentureProject


def _staff_in_scope(user, project: VentureProject) -> bool:
    """Staff of the project's centre or a centre above it (checked here too, not only by
    ``visible_to`` in views, so that tasks and commands cannot cross a town's border)."""
    return in_scope(user, project.centre)


def role_in(user, project: VentureProject) -> str | None:
    """STAFF for programme staff in scope, YOUTH for the project lead, None for team
    members and everyone else."""
    if _staff_in_scope(user, project):
        return STAFF
    if project.lead_id == user.pk:
        return YOUTH
    return None


def can_edit(user, project: VentureProject) -> bool:
    return project.lead_id == user.pk and project.is_editable


def can_move(user, project: VentureProject, to_stage: str) -> bool:
    role = role_in(user, project)
    return role is not None and to_stage in project.moves_for(role)


def is_member(user, project: VentureProject) -> bool:
    """On the project's team (not the lead); reads the members if they were prefetched."""
    return any(member.pk == user.pk for member in project.members.all())


def can_report_outcome(user, project: VentureProject) -> bool:
    if not project.is_launched:
        return False
    if project.lead_id == user.pk or _staff_in_scope(user, project):
        return True
    return is_member(user, project)


def can_update_facts(user, project: VentureProject) -> bool:
    """Registered business, investment, jobs and the park are recorded by staff."""
    return _staff_in_scope(user, project)


def can_change_showcase(user, project: VentureProject) -> bool:
    """Consent to publication belongs to the lead and can be withdrawn at any stage."""
    return project.lead_id == user.pk
