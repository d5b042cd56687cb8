"""Every change to the internship station: one transaction each, with history, audit and
messages. The limits (places of a position, one active placement per graduate) are kept by
the database: a conditional UPDATE of the position's taken places and a partial unique index
on active placements, so that two offers or two accepts at the same instant cannot pass them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Education, User, YouthProfile
from audit import services as audit
from core.scoping import in_scope
from core.services import UNCHANGED
from notifications.services import notify
from partners.models import Enterprise

from . import eligibility
from .models import (
    ALREADY_PLACED,
    APPLIED_TWICE,
    EVALUATED_TWICE,
    HOLDS_PLACE,
    NO_PLACES_LEFT,
    OPEN_STATUSES,
    PLACES_BELOW_TAKEN,
    REASON_ASKED,
    TRANSITIONS,
    Application,
    ApplicationChange,
    EligibilityRule,
    Evaluation,
    Placement,
    PlacementStatus,
    Position,
    Station,
    Status,
    end_of,
    midterm_of,
)
from .permissions import (
    can_edit_rule,
    can_evaluate,
    can_manage_positions,
    can_manage_stations,
    can_record_leaving,
    can_record_outcome,
    is_host_of,
    role_in,
)

ILLEGAL_MOVE = _("An application cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot move this application to “%(to)s”.")
STALE_STATUS = _("The application has just been changed by someone else. Please look again.")
REASON_REQUIRED = _("Please give a reason: the graduate will read it.")
INTERVIEW_REQUIRED = _("Give the interview's date, time and place.")
START_REQUIRED = _("Give the date the internship starts.")
POSITION_CLOSED = _("This position is not open for applications.")
NOT_A_HOST = _("This enterprise is not registered as an internship host.")
ALREADY_A_STATION = _("This enterprise is already an internship station.")
LEFT_ON_INVALID = _("The day of leaving must be between the start date and today.")
OUTCOME_TOO_EARLY = _("The outcome is recorded after the internship has ended.")
UNKNOWN_LEVEL = _("Choose education levels from the list.")


def _url(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


# --- Stations, positions and the rule (staff and hosts) ---


@transaction.atomic
def station_create(
    *, actor: User, enterprise: Enterprise, since: datetime.date, annual_quota: int
) -> Station:
    """A coordinator designates a partner enterprise (an internship host) as a station."""
    if (
        not can_manage_stations(actor)
        or not Enterprise.objects.visible_to(actor).filter(pk=enterprise.pk).exists()
    ):
        raise PermissionDenied
    if not enterprise.is_internship_host:
        raise ValidationError({"enterprise": NOT_A_HOST})
    if Station.objects.filter(enterprise=enterprise).exists():
        raise ValidationError({"enterprise": ALREADY_A_STATION})
    station = Station(enterprise=enterprise, since=since, annual_quota=annual_quota)
    station.full_clean(exclude=["enterprise"])
    try:
        with transaction.atomic():
            station.save()
    except IntegrityError:  # designated at the same instant by someone else
        raise ValidationError({"enterprise": ALREADY_A_STATION}) from None
    audit.record("internships.station_saved", actor=actor, target=station)
    return station


@transaction.atomic
def station_update(
    *,
    station: Station,
    actor: User,
    since: datetime.date = UNCHANGED,
    annual_quota: int = UNCHANGED,
    is_active: bool = UNCHANGED,
) -> Station:
    station = Station.objects.select_for_update().get(pk=station.pk)
    if (
        not can_manage_stations(actor)
        or not Station.objects.visible_to(actor).filter(pk=station.pk).exists()
    ):
        raise PermissionDenied
    given = {
        k: v
        for k, v in {"since": since, "annual_quota": annual_quota, "is_active": is_active}.items()
        if v is not UNCHANGED
    }
    changed = [k for k, v in given.items() if getattr(station, k) != v]
    for field, value in given.items():
        setattr(station, field, value)
    station.full_clean(exclude=["enterprise"])
    station.save()
    audit.record("internships.station_saved", actor=actor, target=station, fields=changed)
    return station


POSITION_FIELDS = (
    "title",
    "department",
    "places",
    "stipend",
    "duration_months",
    "requirements",
    "is_open",
)


@transaction.atomic
def position_create(
    *,
    station: Station,
    actor: User,
    title: str,
    places: int,
    stipend: int,
    duration_months: int = 12,
    department: str = "",
    requirements: str = "",
    is_open: bool = True,
) -> Position:
    """A host's contact offers a position at their station."""
    if not can_manage_positions(actor, station):
        raise PermissionDenied
    position = Position(
        station=station,
        title=title,
        department=department,
        places=places,
        stipend=stipend,
        duration_months=duration_months,
        requirements=requirements,
        is_open=is_open,
    )
    position.full_clean()
    position.save()
    audit.record("internships.position_saved", actor=actor, target=position)
    return position


@transaction.atomic
def position_update(
    *,
    position: Position,
    actor: User,
    title: str = UNCHANGED,
    department: str = UNCHANGED,
    places: int = UNCHANGED,
    stipend: int = UNCHANGED,
    duration_months: int = UNCHANGED,
    requirements: str = UNCHANGED,
    is_open: bool = UNCHANGED,
) -> Position:
    """Arguments left out keep their value. Places never drop below the offers made: the
    position's row is locked, so an offer cannot slip in between the check and the save."""
    values = {
        "title": title,
        "department": department,
        "places": places,
        "stipend": stipend,
        "duration_months": duration_months,
        "requirements": requirements,
        "is_open": is_open,
    }
    given = {k: v for k, v in values.items() if v is not UNCHANGED}
    position = Position.objects.select_for_update().get(pk=position.pk)
    if not can_manage_positions(actor, position.station):
        raise PermissionDenied
    changed = [k for k, v in given.items() if getattr(position, k) != v]
    for field, value in given.items():
        setattr(position, field, value)
    if position.places < position.places_taken:
        raise ValidationError({"places": PLACES_BELOW_TAKEN})
    position.full_clean()
    position.save()
    audit.record("internships.position_saved", actor=actor, target=position, fields=changed)
    return position


@transaction.atomic
def eligibility_rule_update(
    *,
    actor: User,
    years_since_graduation: int,
    education_levels: list[str],
    require_complete_profile: bool,
) -> EligibilityRule:
    if not can_edit_rule(actor):
        raise PermissionDenied
    known = set(Education.values)
    if not education_levels or any(level not in known for level in education_levels):
        raise ValidationError({"education_levels": UNKNOWN_LEVEL})
    EligibilityRule.objects.get_or_create(
        pk=1, defaults={"education_levels": list(EligibilityRule.DEFAULT_LEVELS)}
    )
    rule = EligibilityRule.objects.select_for_update().get(pk=1)
    rule.years_since_graduation = years_since_graduation
    rule.education_levels = list(education_levels)
    rule.require_complete_profile = require_complete_profile
    rule.updated_by = actor
    rule.full_clean()
    rule.save()
    audit.record("internships.rule_changed", actor=actor, target=rule)
    return rule


# --- Applications ---


@transaction.atomic
def application_create(*, youth: User, position: Position, motivation: str = "") -> Application:
    """A graduate applies. The rule is checked here, not only on the page, with its reasons."""
    today = timezone.localdate()
    found = eligibility.reasons(youth, today=today)
    if found:
        raise ValidationError(found)
    position = Position.objects.select_related("station").get(pk=position.pk)
    if not position.is_open or not position.station.is_active:
        raise ValidationError(POSITION_CLOSED)
    if position.places_taken >= position.places:
        raise ValidationError(NO_PLACES_LEFT)
    if Application.objects.filter(position=position, youth=youth).exists():
        raise ValidationError(APPLIED_TWICE)
    profile = youth.youth_profile
    application = Application(
        position=position,
        station=position.station,
        youth=youth,
        centre=profile.home_centre,
        education_level=profile.education_level,
        graduation_year=profile.graduation_year,
        motivation=motivation,
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same graduate, twice at once
        raise ValidationError(APPLIED_TWICE) from None
    ApplicationChange.objects.create(
        application=application, from_status="", to_status=Status.APPLIED, actor=youth
    )
    audit.record("internships.applied", actor=youth, target=application)
    return application


def _take_place(position_id: int) -> None:
    """One place more, only while one is left: the UPDATE's condition decides, so two offers
    at the same instant for the last place give one offer and one refusal."""
    taken = Position.objects.filter(pk=position_id, places_taken__lt=F("places")).update(
        places_taken=F("places_taken") + 1
    )
    if not taken:
        raise ValidationError(NO_PLACES_LEFT)


def _release_place(position_id: int) -> None:
    Position.objects.filter(pk=position_id, places_taken__gt=0).update(
        places_taken=F("places_taken") - 1
    )


def _record_move(application, from_status, to_status, actor, reason=""):
    change = ApplicationChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    audit.record(
        "internships.application_moved",
        actor=actor,
        target=application,
        data={"from": from_status, "to": to_status},
    )
    if application.youth_id != getattr(actor, "pk", None):
        notify(
            recipient=application.youth,
            kind="internships.application_changed",
            key=f"internship-application-{application.pk}-change-{change.pk}",
            context={"application": application, "change": change},
            url=_url("internships:application", application.pk),
        )
    return change


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_status: str,
    actor: User,
    expected_status: str | None = None,
    reason: str = "",
    interview_at: datetime.datetime | None = None,
    interview_place: str = "",
    start_date: datetime.date | None = None,
) -> Application:
    """Move an application, if the table allows it and the actor's role may.

    An offer takes one of the position's places (refused when none is left); declining it
    gives the place back. Accepting starts the placement (refused when the graduate already
    holds one) and withdraws the graduate's other open applications."""
    # Every move of one graduate's applications waits for the graduate's profile row first:
    # accepting withdraws their other applications, and taking the rows in one order keeps
    # two accepts at once from deadlocking (the partial unique index still decides).
    youth_id = Application.objects.values_list("youth_id", flat=True).get(pk=application.pk)
    list(YouthProfile.objects.select_for_update().filter(user_id=youth_id).values_list("pk"))
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("position", "youth")
        .get(pk=application.pk)
    )
    if expected_status is not None and application.status != expected_status:
        raise ValidationError(STALE_STATUS)
    labels = dict(Status.choices)
    if to_status not in labels or (application.status, to_status) not in TRANSITIONS:
        raise ValidationError(
            ILLEGAL_MOVE,
            params={"from": labels[application.status], "to": labels.get(to_status, to_status)},
        )
    if TRANSITIONS[(application.status, to_status)] != role_in(actor, application):
        raise ValidationError(NOT_YOUR_MOVE, params={"to": labels[to_status]})
    reason = reason.strip()
    if to_status in REASON_ASKED and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    from_status = application.status
    if to_status == Status.INTERVIEW:
        if interview_at is None or not interview_place.strip():
            raise ValidationError(INTERVIEW_REQUIRED)
        application.interview_at = interview_at
        application.interview_place = interview_place.strip()
    if to_status == Status.OFFERED:
        if start_date is None:
            raise ValidationError({"start_date": START_REQUIRED})
        if Placement.objects.filter(
            youth_id=application.youth_id, status=PlacementStatus.ACTIVE
        ).exists():
            raise ValidationError(ALREADY_PLACED)
        application.start_date = start_date
        _take_place(application.position_id)
    if from_status in HOLDS_PLACE and to_status not in HOLDS_PLACE:
        _release_place(application.position_id)
    application.status = to_status
    application.status_changed_at = timezone.now()
    if to_status in REASON_ASKED:
        application.reason = reason
    application.save(
        update_fields=[
            "status", "status_changed_at", "reason", "interview_at", "interview_place",
            "start_date",
        ]
    )  # fmt: skip
    _record_move(application, from_status, to_status, actor, reason)
    if to_status == Status.ACCEPTED:
        _start_placement(application)
        _withdraw_others(application, actor)
    return application


def _start_placement(application: Application) -> Placement:
    position = application.position
    placement = Placement(
        application=application,
        position=position,
        station_id=application.station_id,
        youth_id=application.youth_id,
        centre_id=application.centre_id,
        start_date=application.start_date,
        end_date=end_of(application.start_date, position.duration_months),
        midterm_due=midterm_of(application.start_date, position.duration_months),
    )
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:  # another acceptance of the same graduate won
        raise ValidationError(ALREADY_PLACED) from None
    audit.record("internships.placement_started", actor=application.youth, target=placement)
    return placement


def _withdraw_others(application: Application, actor: User) -> None:
    others = (
        Application.objects.select_for_update(of=("self",))
        .filter(youth_id=application.youth_id, status__in=OPEN_STATUSES)
        .exclude(pk=application.pk)
        .select_related("youth")
    )
    for other in others:
        if other.status in HOLDS_PLACE:
            _release_place(other.position_id)
        from_status = other.status
        other.status = Status.WITHDRAWN
        other.status_changed_at = timezone.now()
        other.save(update_fields=["status", "status_changed_at"])
        _record_move(other, from_status, Status.WITHDRAWN, actor)


# --- Placements ---


@transaction.atomic
def evaluation_file(
    *,
    placement: Placement,
    actor: User,
    kind: str,
    attitude: int,
    skills: int,
    teamwork: int,
    comments: str = "",
) -> Evaluation:
    """The host scores the intern at mid-term and at the end, once each."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not can_evaluate(actor, placement):
        raise PermissionDenied
    evaluation = Evaluation(
        placement=placement,
        kind=kind,
        attitude=attitude,
        skills=skills,
        teamwork=teamwork,
        comments=comments,
        evaluated_by=actor,
    )
    evaluation.full_clean(validate_constraints=False)
    if Evaluation.objects.filter(placement=placement, kind=kind).exists():
        raise ValidationError(EVALUATED_TWICE)
    evaluation.save()
    audit.record("internships.evaluation_filed", actor=actor, target=placement, data={"kind": kind})
    return evaluation


@transaction.atomic
def placement_leave(
    *, placement: Placement, actor: User, left_on: datetime.date, reason: str
) -> Placement:
    """The intern left before the year was over (recorded by the host or staff)."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not can_record_leaving(actor, placement):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for leaving.")})
    if not placement.start_date <= left_on <= min(timezone.localdate(), placement.end_date):
        raise ValidationError({"left_on": LEFT_ON_INVALID})
    placement.status = PlacementStatus.LEFT_EARLY
    placement.left_on = left_on
    placement.leave_reason = reason
    placement.save(update_fields=["status", "left_on", "leave_reason"])
    audit.record("internships.placement_left", actor=actor, target=placement)
    return placement


@transaction.atomic
def placement_outcome_record(*, placement: Placement, actor: User, outcome: str) -> Placement:
    """What the intern did after the year (kept on, a job elsewhere ...); a placement whose
    year is over becomes completed."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not (in_scope(actor, placement.centre) or is_host_of(actor, placement.station_id)):
        raise PermissionDenied
    if not can_record_outcome(actor, placement, timezone.localdate()):
        raise ValidationError(OUTCOME_TOO_EARLY)
    placement.outcome = outcome
    if placement.status == PlacementStatus.ACTIVE:
        placement.status = PlacementStatus.COMPLETED
    placement.outcome_recorded_by = actor
    placement.full_clean(validate_constraints=False)
    placement.save(update_fields=["outcome", "status", "outcome_recorded_by"])
    audit.record("internships.outcome_recorded", actor=actor, target=placement)
    return placement
