"""What a person may do with jobs records they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope, is_staff_member

from .models import EMPLOYER, YOUTH, Application, Vacancy


def employer_of(user):
    """The enterprise a signed-in employer contact works for, or None."""
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    if member is None or not member.is_active or member.enterprise_id is None:
        return None
    return member.enterprise


def can_manage_vacancy(user, vacancy: Vacancy) -> bool:
    """The employer's own contacts, and staff in scope of the employer's centre."""
    if is_staff_member(user):
        return in_scope(user, vacancy.enterprise.centre)
    enterprise = employer_of(user)
    return enterprise is not None and enterprise.pk == vacancy.enterprise_id


def role_in(user, application: Application) -> str | None:
    if application.youth_id == user.pk:
        return YOUTH
    if can_manage_vacancy(user, application.vacancy):
        return EMPLOYER
    return None


def can_move(user, application: Application, to_status: str) -> bool:
    return to_status in application.moves_for(role_in(user, application))


def can_record_placement(user) -> bool:
    return is_staff_member(user)
