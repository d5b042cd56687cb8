"""What a person may do with a case they can see (``Case.objects.visible_to`` decides seeing)."""

from core.scoping import in_scope, is_staff_member

from .models import MEDIATOR, STAFF, YOUTH, Case


def role_in(user, case: Case) -> str | None:
    """STAFF for staff whose centre is the case's or above it (checked here too, so that
    tasks and commands cannot cross a town's border), MEDIATOR for the person the case is
    assigned to, YOUTH for the young person whose case it is."""
    if not user.is_authenticated:
        return None
    if in_scope(user, case.centre):
        return STAFF
    if case.mediator_id is not None and case.mediator_id == user.pk:
        return MEDIATOR
    if case.youth_id == user.pk:
        return YOUTH
    return None


def works_on(user, case: Case) -> bool:
    """Staff in scope and the assigned mediator: they read the internal notes and every
    document, and add notes and documents."""
    return role_in(user, case) in (STAFF, MEDIATOR)


def can_move(user, case: Case, to_status: str) -> bool:
    return to_status in case.moves_for(role_in(user, case))


def can_assign(user, case: Case) -> bool:
    return is_staff_member(user) and role_in(user, case) == STAFF and not case.is_final


def can_add_document(user, case: Case) -> bool:
    """Case workers, and the young person (their own evidence) while the case is active."""
    role = role_in(user, case)
    return role in (STAFF, MEDIATOR) or (role == YOUTH and not case.is_final)


def can_read_document(user, document) -> bool:
    return works_on(user, document.case) or document.uploaded_by_id == user.pk
