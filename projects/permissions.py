"""What a person may do with a project they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope, is_coordinator, staff_centre

from .models import COORDINATOR, STAFF, YOUTH, Stage, VentureProject

# The levels whose coordinators sign agreements and close projects (not a village's).
_COORDINATING_LEVELS = ("district", "town")


def _staff_in_scope(user, project: VentureProject) -> bool:
    """Staff of the project's centre or a centre above it (checked here too, not only by
    ``visible_to`` in views, so that tasks and commands cannot cross a town's border)."""
    return in_scope(user, project.centre)


def _coordinates(user) -> bool:
    """A coordinator of a town or of the district (or a superuser)."""
    if not is_coordinator(user):
        return False
    centre = staff_centre(user)
    return user.is_superuser or (centre is not None and centre.level in _COORDINATING_LEVELS)


def role_in(user, project: VentureProject) -> str | None:
    """COORDINATOR for a coordinator of the project's town or district, STAFF for other
    programme staff in scope (a village officer), YOUTH for the project lead, None for team
    members and everyone else."""
    if _staff_in_scope(user, project):
        return COORDINATOR if _coordinates(user) else STAFF
    if project.lead_id == user.pk:
        return YOUTH
    return None


def can_edit(user, project: VentureProject) -> bool:
    return project.lead_id == user.pk and project.is_editable


def can_move(user, project: VentureProject, to_stage: str) -> bool:
    """The table lets this person's role make the move now (launching also needs the
    business facts: ``launch_blocked``)."""
    role = role_in(user, project)
    return role is not None and to_stage in project.moves_for(role)


def launch_blocked(project: VentureProject, to_stage: str) -> bool:
    return to_stage == Stage.LAUNCHED and not project.has_launch_facts


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
