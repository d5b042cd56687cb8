"""Every change in training: one transaction each, with history, audit and messages.

Seats: ``enrolment_create`` raises ``Course.seats_taken`` with one conditional UPDATE
(``... SET seats_taken = seats_taken + 1 WHERE seats_taken < capacity``): the row it updates
is locked until commit, so of any number of simultaneous requests exactly the free seats are
taken and everyone else is waitlisted; the check constraint ``course_seats_within_capacity``
stands behind it. Cancelling and changing the capacity lock the course row first, so a
promotion from the waitlist never races an enrolment.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit import services as audit
from core.scoping import in_scope, is_youth
from notifications.services import notify

from .models import (
    ACTIVE_STATUSES,
    ALREADY_ENROLLED,
    CAPACITY_BELOW_TAKEN,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    EnrolmentChange,
    EnrolmentStatus,
    Placement,
    SavedCourse,
    Session,
    Venue,
)
from .permissions import can_self_cancel, is_contact_of

ENROLMENT_CLOSED = _("Enrolment for this course is not open.")
NOT_YOUTH = _("Only registered young people can enrol.")
NOT_ACTIVE = _("This enrolment has already been cancelled.")
CANCEL_TOO_LATE = _("Enrolment has closed: please ask the youth centre to cancel for you.")
NOT_CONFIRMED = _("Attendance is recorded for enrolled participants only.")
NOT_CERTIFIED_KIND = _("Certificates are issued for skills and order-based courses only.")
NO_GRADE = _("Enter the grade the certificate states.")
ALREADY_REVOKED = _("This certificate has already been revoked.")
PLACEMENT_NOT_ALLOWED = _("This move is not possible for this trainee now.")
NOT_SHARED = _("This trainee has not agreed to share their details with your enterprise.")

# Placement moves an enterprise's contact may record: from → allowed next values.
PLACEMENT_MOVES = {
    Placement.NONE: (Placement.OFFERED,),
    Placement.OFFERED: (Placement.PLACED, Placement.DECLINED),
}


def _course_url(course: Course) -> str:
    return settings.SITE_URL + reverse("training:course", args=[course.pk])


def _history(enrolment: Enrolment, what: str, actor) -> None:
    EnrolmentChange.objects.create(enrolment=enrolment, what=what, actor=actor)


def _check_staff(actor, course: Course) -> None:
    if not in_scope(actor, course.centre):
        raise PermissionDenied


# --- Venues and courses (staff) ---


@transaction.atomic
def venue_create(*, actor: User, name: str, kind: str, centre, address: str = "", seats: int = 0):
    if not in_scope(actor, centre):
        raise PermissionDenied
    venue = Venue(name=name, kind=kind, centre=centre, address=address, seats=seats)
    venue.full_clean()
    venue.save()
    audit.record("training.venue_created", actor=actor, target=venue)
    return venue


COURSE_FIELDS = (
    "title",
    "kind",
    "centre",
    "venue",
    "description",
    "capacity",
    "enrol_opens",
    "enrol_closes",
    "completion_percent",
    "is_published",
    "enterprise",
    "job_type",
    "places_commissioned",
    "placement_promise",
    "certificate_grade",
)


@transaction.atomic
def course_create(*, actor: User, **values) -> Course:
    """Staff create a course at a centre of their part of the tree."""
    unknown = set(values) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    course = Course(**values)
    _check_staff(actor, course)
    course.full_clean()
    course.save()
    audit.record("training.course_created", actor=actor, target=course)
    return course


@transaction.atomic
def course_update(*, course: Course, actor: User, **values) -> Course:
    """Change a course; a larger capacity moves people from the waitlist into the new seats
    at once, a smaller one may not drop below the seats already taken."""
    unknown = set(values) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    course = Course.objects.select_for_update().select_related("centre").get(pk=course.pk)
    _check_staff(actor, course)
    changed = sorted(f for f, v in values.items() if getattr(course, f) != v)
    for field, value in values.items():
        setattr(course, field, value)
    _check_staff(actor, course)  # the new centre too
    if course.capacity < course.seats_taken:
        raise ValidationError({"capacity": CAPACITY_BELOW_TAKEN})
    course.full_clean()
    course.save()
    audit.record("training.course_changed", actor=actor, target=course, fields=changed)
    _promote(course, actor)
    return course


@transaction.atomic
def session_create(
    *, course: Course, actor: User, topic: str, starts_at, ends_at, venue=None, trainer: str = ""
) -> Session:
    _check_staff(actor, course)
    session = Session(
        course=course,
        topic=topic,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        trainer=trainer,
    )
    session.full_clean()
    session.save()
    audit.record("training.session_created", actor=actor, target=course)
    return session


# --- Enrolment, waitlist, cancellation ---


@transaction.atomic
def enrolment_create(
    *, youth: User, course: Course, share_with_enterprise: bool = False
) -> Enrolment:
    """A seat while one is free, else a place at the end of the waitlist."""
    if not is_youth(youth):
        raise PermissionDenied(NOT_YOUTH)
    if not course.is_open():
        raise ValidationError(ENROLMENT_CLOSED)
    try:
        with transaction.atomic():  # a second enrolment gives its seat back with it
            took = Course.objects.filter(pk=course.pk, seats_taken__lt=F("capacity")).update(
                seats_taken=F("seats_taken") + 1
            )
            status = EnrolmentStatus.CONFIRMED if took else EnrolmentStatus.WAITLISTED
            enrolment = Enrolment.objects.create(
                course=course,
                youth=youth,
                status=status,
                share_with_enterprise=share_with_enterprise and course.is_order_based,
            )
    except IntegrityError:
        if Enrolment.objects.filter(
            course=course, youth=youth, status__in=ACTIVE_STATUSES
        ).exists():
            raise ValidationError(ALREADY_ENROLLED) from None
        raise
    _history(enrolment, status, youth)
    audit.record("training.enrolled", actor=youth, target=enrolment, data={"status": status})
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The young person (before the cut-off) or staff in scope cancel; a freed seat goes to
    the first person on the waitlist at once, who is told."""
    course = Course.objects.select_for_update().select_related("centre").get(pk=enrolment.course_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    enrolment.course = course
    if not enrolment.is_active:
        raise ValidationError(NOT_ACTIVE)
    if not in_scope(actor, course.centre):
        if enrolment.youth_id != actor.pk:
            raise PermissionDenied
        if not can_self_cancel(actor, enrolment):
            raise ValidationError(CANCEL_TOO_LATE)
    was_confirmed = enrolment.status == EnrolmentStatus.CONFIRMED
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status", "changed_at"])
    _history(enrolment, EnrolmentChange.What.CANCELLED, actor)
    audit.record("training.cancelled", actor=actor, target=enrolment)
    if was_confirmed:
        Course.objects.filter(pk=course.pk).update(seats_taken=F("seats_taken") - 1)
        course.refresh_from_db(fields=["seats_taken"])
        _promote(course, actor)
    return enrolment


def _promote(course: Course, actor) -> list[Enrolment]:
    """Fill free seats from the waitlist in order of arrival (the course row is locked)."""
    promoted = []
    while True:
        waiting = (
            Enrolment.objects.select_for_update()
            .filter(course=course, status=EnrolmentStatus.WAITLISTED)
            .select_related("youth")
            .order_by("pk")
            .first()
        )
        if waiting is None:
            break
        took = Course.objects.filter(pk=course.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        )
        if not took:
            break
        waiting.status = EnrolmentStatus.CONFIRMED
        waiting.save(update_fields=["status", "changed_at"])
        _history(waiting, EnrolmentChange.What.PROMOTED, actor)
        audit.record("training.promoted", actor=actor, target=waiting)
        notify(
            recipient=waiting.youth,
            kind="training.promoted",
            key=f"course-{course.pk}-promoted-enrolment-{waiting.pk}",
            context={"course": course},
            url=_course_url(course),
        )
        promoted.append(waiting)
    course.refresh_from_db(fields=["seats_taken"])
    return promoted


@transaction.atomic
def course_save_toggle(*, youth: User, course: Course) -> bool:
    """Keep a course in mind (or forget it); True when it is now saved."""
    if not is_youth(youth):
        raise PermissionDenied(NOT_YOUTH)
    deleted, _ = SavedCourse.objects.filter(youth=youth, course=course).delete()
    if deleted:
        return False
    SavedCourse.objects.get_or_create(youth=youth, course=course)
    return True


# --- Attendance and completion ---


def _confirmed(session: Session, enrolment_ids) -> set[int]:
    found = set(
        Enrolment.objects.filter(
            course_id=session.course_id, status=EnrolmentStatus.CONFIRMED, pk__in=enrolment_ids
        ).values_list("pk", flat=True)
    )
    if found != set(enrolment_ids):
        raise ValidationError(NOT_CONFIRMED)
    return found


@transaction.atomic
def attendance_set(*, session: Session, actor: User, present: set[int]) -> int:
    """The session's attendance is exactly ``present`` (enrolment ids): one page for all.
    Returns the number present."""
    course = Course.objects.select_for_update().select_related("centre").get(pk=session.course_id)
    _check_staff(actor, course)
    present = _confirmed(session, present)
    recorded = set(session.attendances.values_list("enrolment_id", flat=True))
    session.attendances.exclude(enrolment_id__in=present).delete()
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, enrolment_id=pk, recorded_by=actor)
            for pk in sorted(present - recorded)
        ]
    )
    audit.record(
        "training.attendance_recorded", actor=actor, target=course, data={"present": len(present)}
    )
    completion_update(course=course, actor=actor)
    return len(present)


@transaction.atomic
def attendance_add(*, session: Session, actor: User, enrolment_ids) -> int:
    """Add attendances (an uploaded list); those already recorded stay. Returns how many
    were new."""
    course = Course.objects.select_for_update().select_related("centre").get(pk=session.course_id)
    _check_staff(actor, course)
    ids = _confirmed(session, set(enrolment_ids))
    recorded = set(session.attendances.values_list("enrolment_id", flat=True))
    new = sorted(ids - recorded)
    Attendance.objects.bulk_create(
        [Attendance(session=session, enrolment_id=pk, recorded_by=actor) for pk in new]
    )
    audit.record(
        "training.attendance_uploaded", actor=actor, target=course, data={"added": len(new)}
    )
    completion_update(course=course, actor=actor)
    return len(new)


def completion_update(*, course: Course, actor) -> int:
    """Completed = attended at least the course's share of its sessions (rounded up). One
    aggregate query; returns the number completed. Called inside the attendance services."""
    sessions = course.sessions.count()
    needed = course.sessions_needed(sessions) if sessions else None
    enrolments = Enrolment.objects.filter(course=course, status=EnrolmentStatus.CONFIRMED)
    if needed is None:
        done_ids = set()
    else:
        done_ids = set(
            enrolments.annotate(n=Count("attendances"))
            .filter(n__gte=needed)
            .values_list("pk", flat=True)
        )
    newly = list(enrolments.filter(pk__in=done_ids, completed=False).values_list("pk", flat=True))
    enrolments.filter(pk__in=done_ids).update(completed=True)
    Enrolment.objects.filter(course=course).exclude(pk__in=done_ids).update(completed=False)
    EnrolmentChange.objects.bulk_create(
        [
            EnrolmentChange(enrolment_id=pk, what=EnrolmentChange.What.COMPLETED, actor=actor)
            for pk in newly
        ]
    )
    return len(done_ids)


# --- Certificates ---


def _certificate_number(course: Course, enrolment: Enrolment, today: datetime.date) -> str:
    return f"YV{today.year}-{course.pk:05d}-{enrolment.pk:07d}"


@transaction.atomic
def certificates_issue(
    *, course: Course, actor: User, grade: str, valid_until=None, issuer: str = ""
) -> list[Certificate]:
    """Certificates for every completed participant who has none yet; each is told."""
    course = Course.objects.select_for_update().select_related("centre").get(pk=course.pk)
    _check_staff(actor, course)
    if not course.is_certified:
        raise ValidationError(NOT_CERTIFIED_KIND)
    grade = (grade or "").strip()
    if not grade:
        raise ValidationError({"grade": NO_GRADE})
    today = timezone.localdate()
    issuer = (issuer or "").strip() or course.centre.name
    waiting = (
        Enrolment.objects.filter(
            course=course,
            status=EnrolmentStatus.CONFIRMED,
            completed=True,
            certificate__isnull=True,
        )
        .select_related("youth")
        .order_by("pk")
    )
    issued = []
    for enrolment in waiting:
        certificate = Certificate.objects.create(
            enrolment=enrolment,
            number=_certificate_number(course, enrolment, today),
            grade=grade[:50],
            issued_on=today,
            valid_until=valid_until,
            issuer=issuer[:100],
            issued_by=actor,
        )
        _history(enrolment, EnrolmentChange.What.CERTIFIED, actor)
        notify(
            recipient=enrolment.youth,
            kind="training.certificate_issued",
            key=f"certificate-{certificate.pk}-issued",
            context={"course": course, "certificate": certificate},
            url=settings.SITE_URL + reverse("training:certificate", args=[certificate.pk]),
        )
        issued.append(certificate)
    audit.record(
        "training.certificates_issued", actor=actor, target=course, data={"issued": len(issued)}
    )
    return issued


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: User, reason: str) -> Certificate:
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrolment__course__centre")
        .get(pk=certificate.pk)
    )
    _check_staff(actor, certificate.enrolment.course)
    if certificate.is_revoked:
        raise ValidationError(ALREADY_REVOKED)
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = (reason or "").strip()[:200]
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    audit.record("training.certificate_revoked", actor=actor, target=certificate)
    return certificate


# --- The order-based funnel (the enterprise's contact) ---


@transaction.atomic
def placement_record(*, enrolment: Enrolment, actor: User, placement: str) -> Enrolment:
    """The commissioning enterprise offers a job to a trainee who completed the course and
    agreed to share, then records the hire (or the declined offer)."""
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if not is_contact_of(actor, enrolment.course) or not enrolment.course.is_order_based:
        raise PermissionDenied
    if not enrolment.share_with_enterprise:
        raise ValidationError(NOT_SHARED)
    allowed = PLACEMENT_MOVES.get(enrolment.placement, ())
    if (
        placement not in allowed
        or enrolment.status != EnrolmentStatus.CONFIRMED
        or not enrolment.completed
    ):
        raise ValidationError(PLACEMENT_NOT_ALLOWED)
    enrolment.placement = placement
    enrolment.placement_changed_at = timezone.now()
    enrolment.save(update_fields=["placement", "placement_changed_at", "changed_at"])
    _history(enrolment, placement, actor)
    audit.record(
        "training.placement_recorded", actor=actor, target=enrolment, data={"placement": placement}
    )
    return enrolment
