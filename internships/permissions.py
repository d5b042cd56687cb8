"""What a person may do with internship records they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope, is_coordinator, is_staff_member

from .models import HOST, YOUTH, Application, Placement, PlacementStatus, Station


def host_station_id(user) -> int | None:
    """The station whose contact the user is (an active member of its enterprise), or None."""
    if not user.is_authenticated:
        return None
    member = getattr(user, "partner_membership", None)
    if member is None or not member.is_active or member.enterprise_id is None:
        return None
    return (
        Station.objects.filter(enterprise_id=member.enterprise_id)
        .values_list("pk", flat=True)
        .first()
    )


def is_host_of(user, station_id: int) -> bool:
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return (
        member is not None
        and member.is_active
        and member.enterprise_id is not None
        and Station.objects.filter(pk=station_id, enterprise_id=member.enterprise_id).exists()
    )


def role_in(user, application: Application) -> str | None:
    """YOUTH for the graduate who applied, HOST for the station's contacts, None otherwise
    (staff follow applications; decisions are the host's and the graduate's)."""
    if not user.is_authenticated:
        return None
    if application.youth_id == user.pk:
        return YOUTH
    if is_host_of(user, application.station_id):
        return HOST
    return None


def can_move(user, application: Application, to_status: str) -> bool:
    return to_status in application.moves_for(role_in(user, application))


def can_manage_positions(user, station: Station) -> bool:
    return is_host_of(user, station.pk)


def can_manage_stations(user) -> bool:
    """Designating a host and its quota commits the programme: coordinators."""
    return is_staff_member(user) and is_coordinator(user)


def can_evaluate(user, placement: Placement) -> bool:
    return placement.status == PlacementStatus.ACTIVE and is_host_of(user, placement.station_id)


def _host_or_staff(user, placement: Placement) -> bool:
    return is_host_of(user, placement.station_id) or in_scope(user, placement.centre)


def can_record_leaving(user, placement: Placement) -> bool:
    return placement.status == PlacementStatus.ACTIVE and _host_or_staff(user, placement)


def can_record_outcome(user, placement: Placement, today) -> bool:
    """After the year (or after leaving early), by the host or staff in scope."""
    ended = placement.status != PlacementStatus.ACTIVE or placement.end_date <= today
    return ended and _host_or_staff(user, placement)


def can_edit_rule(user) -> bool:
    return is_staff_member(user) and is_coordinator(user)
