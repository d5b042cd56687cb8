"""Every change to jobs records: one transaction each, with history, audit and messages."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit import services as audit
from core.scoping import in_scope, is_youth, staff_centre
from notifications.services import notify

from . import tasks
from .models import (
    APPLIED_TWICE,
    FAIR_REGISTERED_TWICE,
    FAIR_STAND_TWICE,
    PLACED_TWICE,
    PLACES_EXCEEDED,
    REASON_ASKED,
    TRANSITIONS,
    Application,
    ApplicationChange,
    BatchStatus,
    FairRegistration,
    FairStand,
    HowFound,
    ImportBatch,
    JobFair,
    LocationKind,
    Placement,
    Status,
    Vacancy,
    VacancyStatus,
    job_key,
)
from .permissions import can_manage_vacancy, employer_of, role_in

ILLEGAL_MOVE = _("An application cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot move this application to “%(to)s”.")
REASON_REQUIRED = _("Please give a reason: the young person will read it.")
STALE_STATUS = _("The application has just been changed by someone else. Please look again.")
VACANCY_CLOSED = _("This vacancy is closed.")
NOT_YOUTH = _("Only registered young people apply for jobs.")
NO_PROFILE_CENTRE = _("Complete your profile (your youth centre) before applying.")
CLOSES_IN_PAST = _("The closing date cannot be in the past.")
START_IN_FUTURE = _("The start date is in the future.")


def _url(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


@transaction.atomic
def vacancy_create(
    *,
    actor: User,
    enterprise,
    title: str,
    places: int,
    pay_min: int,
    pay_max: int,
    location_kind: str,
    location: str,
    sector: str,
    requirements: str,
    closes_on: datetime.date,
) -> Vacancy:
    """An employer's contact posts for their enterprise; staff post for an employer in scope."""
    vacancy = Vacancy(
        enterprise=enterprise,
        title=title,
        places=places,
        pay_min=pay_min,
        pay_max=pay_max,
        location_kind=location_kind,
        location=location,
        sector=sector,
        requirements=requirements,
        closes_on=closes_on,
        status=VacancyStatus.OPEN,
        posted_by=actor,
    )
    if not can_manage_vacancy(actor, vacancy):
        raise PermissionDenied
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": CLOSES_IN_PAST})
    vacancy.full_clean()
    vacancy.save()
    audit.record("jobs.vacancy_posted", actor=actor, target=vacancy)
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, actor: User) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().select_related("enterprise").get(pk=vacancy.pk)
    if not can_manage_vacancy(actor, vacancy):
        raise PermissionDenied
    vacancy.status = VacancyStatus.CLOSED
    vacancy.save(update_fields=["status"])
    audit.record("jobs.vacancy_closed", actor=actor, target=vacancy)
    return vacancy


def _employer_people(vacancy: Vacancy) -> list[User]:
    return [
        m.user
        for m in vacancy.enterprise.members.filter(
            is_active=True, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def application_create(*, vacancy: Vacancy, youth: User, message: str = "") -> Application:
    if not is_youth(youth):
        raise ValidationError(NOT_YOUTH)
    if youth.youth_profile.home_centre_id is None:
        raise ValidationError(NO_PROFILE_CENTRE)
    vacancy = Vacancy.objects.select_related("enterprise").get(pk=vacancy.pk)
    if vacancy.status != VacancyStatus.OPEN or vacancy.closes_on < timezone.localdate():
        raise ValidationError(VACANCY_CLOSED)
    application = Application(vacancy=vacancy, youth=youth, message=message.strip())
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(APPLIED_TWICE) from None
    ApplicationChange.objects.create(
        application=application, from_status="", to_status=Status.APPLIED, actor=youth
    )
    audit.record("jobs.applied", actor=youth, target=application)
    for person in _employer_people(vacancy):
        notify(
            recipient=person,
            kind="jobs.new_applicant",
            key=f"job-application-{application.pk}-new-user-{person.pk}",
            context={"vacancy": vacancy},
            url=_url("jobs:application_detail", application.pk),
        )
    return application


def _take_place(vacancy: Vacancy) -> None:
    """One place of the vacancy, if one is left: a conditional UPDATE, so two hires at the
    same instant cannot both take the last place."""
    taken = Vacancy.objects.filter(pk=vacancy.pk, filled__lt=F("places")).update(
        filled=F("filled") + 1
    )
    if not taken:
        raise ValidationError(PLACES_EXCEEDED)


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_status: str,
    actor: User,
    reason: str = "",
    expected_status: str | None = None,
) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__enterprise", "youth__youth_profile")
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
    vacancy = application.vacancy
    if to_status == Status.HIRED:
        _take_place(vacancy)
        _placement_for_hire(application, actor)
    from_status = application.status
    application.status = to_status
    application.reason = reason
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "reason", "status_changed_at"])
    change = ApplicationChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    audit.record(
        "jobs.application_moved",
        actor=actor,
        target=application,
        data={"from": from_status, "to": to_status},
    )
    if actor.pk != application.youth_id:
        kind = "jobs.offer_made" if to_status == Status.OFFERED else "jobs.status_changed"
        notify(
            recipient=application.youth,
            kind=kind,
            key=f"job-application-{application.pk}-change-{change.pk}",
            context={"vacancy": vacancy, "change": change},
            url=_url("jobs:application_detail", application.pk),
        )
    else:
        for person in _employer_people(vacancy):
            notify(
                recipient=person,
                kind="jobs.status_changed",
                key=f"job-application-{application.pk}-change-{change.pk}-user-{person.pk}",
                context={"vacancy": vacancy, "change": change},
                url=_url("jobs:application_detail", application.pk),
                channels=("inapp",),
            )
    return application


def _placement_for_hire(application: Application, actor: User) -> Placement:
    vacancy = application.vacancy
    key = job_key(vacancy.enterprise.name, vacancy.title)
    existing = Placement.objects.filter(youth=application.youth, job_key=key).first()
    if existing is not None:  # recorded before (an import, a staff record): counted once
        return existing
    placement = Placement(
        youth=application.youth,
        centre_id=application.youth.youth_profile.home_centre_id,
        enterprise=vacancy.enterprise,
        employer_name=vacancy.enterprise.name,
        job_title=vacancy.title,
        job_key=key,
        vacancy=vacancy,
        start_date=timezone.localdate(),
        how_found=HowFound.PORTAL,
        labour_export=vacancy.location_kind == LocationKind.EXPORT,
        recorded_by=actor,
    )
    with transaction.atomic():
        try:
            placement.save()
        except IntegrityError:
            raise ValidationError(PLACED_TWICE) from None
    audit.record("jobs.placement_recorded", actor=actor, target=placement)
    return placement


@transaction.atomic
def placement_record(
    *,
    recorded_by: User,
    youth: User,
    employer_name: str,
    job_title: str,
    start_date: datetime.date,
    how_found: str,
    enterprise=None,
    labour_export: bool = False,
) -> Placement:
    """Staff record a job outcome after the fact (a fair, labour export, a placement made
    outside the portal)."""
    profile = getattr(youth, "youth_profile", None)
    if profile is None or profile.home_centre is None:
        raise ValidationError(NOT_YOUTH)
    if not in_scope(recorded_by, profile.home_centre):
        raise PermissionDenied
    if start_date > timezone.localdate():
        raise ValidationError({"start_date": START_IN_FUTURE})
    employer_name = (enterprise.name if enterprise else employer_name).strip()
    placement = Placement(
        youth=youth,
        centre=profile.home_centre,
        enterprise=enterprise,
        employer_name=employer_name,
        job_title=job_title.strip(),
        job_key=job_key(employer_name, job_title),
        start_date=start_date,
        how_found=how_found,
        labour_export=labour_export or how_found == HowFound.LABOUR_EXPORT,
        recorded_by=recorded_by,
    )
    placement.full_clean(validate_constraints=False)
    if Placement.objects.filter(youth=youth, job_key=placement.job_key).exists():
        raise ValidationError(PLACED_TWICE)
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:  # the same placement recorded at the same instant
        raise ValidationError(PLACED_TWICE) from None
    audit.record("jobs.placement_recorded", actor=recorded_by, target=placement)
    return placement


NOT_READY = _("This import is not ready to be confirmed.")


@transaction.atomic
def import_upload(*, uploaded_by: User, file_name: str, content: bytes) -> ImportBatch:
    """Keep the file and check it in the background (inline without a broker)."""
    centre = staff_centre(uploaded_by)
    if centre is None:
        raise PermissionDenied
    batch = ImportBatch.objects.create(
        uploaded_by=uploaded_by, centre=centre, file_name=file_name[:200], content=content
    )
    audit.record("jobs.import_uploaded", actor=uploaded_by, target=batch)
    transaction.on_commit(lambda: tasks.import_check.delay(batch.pk))
    return batch


@transaction.atomic
def import_confirm(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Start writing a previewed import; once only (a second confirm finds it importing)."""
    started = ImportBatch.objects.filter(
        pk=batch.pk, status=BatchStatus.PREVIEWED, centre__in=[batch.centre_id]
    ).update(status=BatchStatus.IMPORTING, processed=0)
    if not started or not in_scope(actor, batch.centre):
        raise ValidationError(NOT_READY)
    audit.record("jobs.import_confirmed", actor=actor, target=batch)
    transaction.on_commit(lambda: tasks.import_apply.delay(batch.pk))
    batch.refresh_from_db()
    return batch


__all__ = [
    "application_create",
    "import_confirm",
    "import_upload",
    "application_transition",
    "fair_attendance_record",
    "fair_create",
    "fair_register",
    "fair_stand_book",
    "placement_record",
    "vacancy_close",
    "vacancy_create",
]


FAIR_PAST = _("This job fair has already taken place.")
FAIR_IN_PAST = _("A job fair is organised for a time to come.")


@transaction.atomic
def fair_create(*, created_by: User, title: str, venue: str, starts_at) -> JobFair:
    centre = staff_centre(created_by)
    if centre is None:
        raise PermissionDenied
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": FAIR_IN_PAST})
    fair = JobFair(
        title=title.strip(),
        venue=venue.strip(),
        starts_at=starts_at,
        centre=centre,
        created_by=created_by,
    )
    fair.full_clean()
    fair.save()
    audit.record("jobs.fair_created", actor=created_by, target=fair)
    return fair


def _upcoming(fair: JobFair) -> None:
    if fair.starts_at <= timezone.now():
        raise ValidationError(FAIR_PAST)


@transaction.atomic
def fair_stand_book(*, fair: JobFair, actor: User) -> FairStand:
    """An employer's contact books a stand for their enterprise, once."""
    enterprise = employer_of(actor)
    if enterprise is None:
        raise PermissionDenied
    _upcoming(fair)
    try:
        with transaction.atomic():
            stand = FairStand.objects.create(fair=fair, enterprise=enterprise, booked_by=actor)
    except IntegrityError:
        raise ValidationError(FAIR_STAND_TWICE) from None
    audit.record("jobs.fair_stand_booked", actor=actor, target=fair)
    return stand


@transaction.atomic
def fair_register(*, fair: JobFair, youth: User) -> FairRegistration:
    if not is_youth(youth):
        raise ValidationError(NOT_YOUTH)
    _upcoming(fair)
    try:
        with transaction.atomic():
            registration = FairRegistration.objects.create(fair=fair, youth=youth)
    except IntegrityError:
        raise ValidationError(FAIR_REGISTERED_TWICE) from None
    audit.record("jobs.fair_registered", actor=youth, target=fair)
    return registration


@transaction.atomic
def fair_attendance_record(*, fair: JobFair, actor: User, came: list[int]) -> int:
    """Staff of the fair's centre (or above) record who came: ``came`` are registration ids."""
    if not in_scope(actor, fair.centre):
        raise PermissionDenied
    registrations = FairRegistration.objects.select_for_update().filter(fair=fair)
    registrations.update(attended=False)
    count = registrations.filter(pk__in=came).update(attended=True)
    audit.record("jobs.fair_attendance", actor=actor, target=fair, data={"came": count})
    return count
