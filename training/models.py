"""Training: venues, courses of four kinds with their sessions, enrolment with seats and an
ordered waitlist, attendance, certificates, and the order-based funnel.

Seats are a counter on the course (``seats_taken``) that only a conditional UPDATE raises
(``training.services.enrolment_create``), and a check constraint keeps it within the
capacity: the database, not a count in Python, decides who gets the last seat.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.scoping import centre_q, is_staff_member
from partners.models import Enterprise

SEATS_EXCEEDED = _("The course has no seat left.")
CAPACITY_BELOW_TAKEN = _("The capacity cannot be lower than the seats already taken.")
ALREADY_ENROLLED = _("You are already enrolled in this course or on its waitlist.")
ENTERPRISE_REQUIRED = _("An order-based course needs its commissioning enterprise.")
CLOSES_BEFORE_OPENS = _("Enrolment must close after it opens.")
SESSION_ENDS_BEFORE_START = _("A session must end after it starts.")
ATTENDED_TWICE = _("This attendance is already recorded.")
CERTIFICATE_TWICE = _("A certificate has already been issued for this enrolment.")


class VenueKind(models.TextChoices):
    TRAINING_BASE = "base", _("Training base")
    DEMO_PARK = "park", _("Demonstration park")
    YOUTH_CENTRE = "centre", _("Youth centre")


class CourseKind(models.TextChoices):
    CLASSROOM = "classroom", _("Entrepreneurship classroom event")
    SKILLS = "skills", _("Skills course")
    ORDER_BASED = "order", _("Order-based course")
    LEGAL = "legal", _("Legal training")


# Kinds that end in a certificate for those who complete them.
CERTIFIED_KINDS = (CourseKind.SKILLS, CourseKind.ORDER_BASED)


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)


class Placement(models.TextChoices):
    """The order-based funnel after the certificate, recorded by the enterprise's contact."""

    NONE = "", _("Not yet")
    OFFERED = "offered", _("Job offered")
    PLACED = "placed", _("Hired")
    DECLINED = "declined", _("Offer declined")


class Venue(models.Model):
    name = models.CharField(_("venue"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=VenueKind.choices)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="venues"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    seats = models.PositiveIntegerField(_("seats in the room"), default=0)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CourseQuerySet(models.QuerySet):
    def catalogue(self, now=None) -> "CourseQuerySet":
        """Published courses whose enrolment has not closed: the public catalogue."""
        return self.filter(is_published=True, enrol_closes__gte=now or timezone.now())

    def visible_to(self, user) -> "CourseQuerySet":
        """Published courses are public (the catalogue's pages); staff also see the drafts
        of their part of the tree, an enterprise's contact those their enterprise
        commissioned."""
        shown = Q(is_published=True)
        if is_staff_member(user):
            return self.filter(shown | centre_q(user, "centre"))
        membership = getattr(user, "partner_membership", None) if user.is_authenticated else None
        if membership is not None and membership.enterprise_id and membership.is_active:
            return self.filter(shown | Q(enterprise_id=membership.enterprise_id))
        return self.filter(shown)

    def managed_by(self, user) -> "CourseQuerySet":
        if not is_staff_member(user):
            return self.none()
        return self.filter(centre_q(user, "centre"))

    def commissioned_for(self, user) -> "CourseQuerySet":
        membership = getattr(user, "partner_membership", None) if user.is_authenticated else None
        if membership is None or not membership.enterprise_id or not membership.is_active:
            return self.none()
        return self.filter(enterprise_id=membership.enterprise_id, kind=CourseKind.ORDER_BASED)


class Course(models.Model):
    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=CourseKind.choices)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="courses"
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="courses"
    )
    description = models.TextField(_("description"), max_length=4000, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    enrol_opens = models.DateTimeField(_("enrolment opens"))
    enrol_closes = models.DateTimeField(_("enrolment closes"))
    completion_percent = models.PositiveSmallIntegerField(
        _("sessions to attend for completion (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    is_published = models.BooleanField(_("shown in the catalogue"), default=False)
    # Order-based courses only.
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("commissioning enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
    )
    job_type = models.CharField(_("job type"), max_length=100, blank=True)
    places_commissioned = models.PositiveIntegerField(_("places commissioned"), default=0)
    placement_promise = models.CharField(_("placement promise"), max_length=200, blank=True)
    certificate_grade = models.CharField(_("certificate grade"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["enrol_closes", "pk"]
        indexes = [
            # The catalogue: published, still open, soonest closing first, read in index order.
            models.Index(
                fields=["enrol_closes", "id"],
                condition=Q(is_published=True),
                name="course_catalogue_idx",
            ),
            models.Index(fields=["-created_at", "-id"], name="course_recent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="course_seats_within_capacity",
                violation_error_message=CAPACITY_BELOW_TAKEN,
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="course_capacity_positive"),
            models.CheckConstraint(
                condition=~Q(kind="order") | Q(enterprise__isnull=False),
                name="course_order_has_enterprise",
                violation_error_message=ENTERPRISE_REQUIRED,
            ),
            models.CheckConstraint(
                condition=Q(enrol_closes__gt=F("enrol_opens")),
                name="course_closes_after_opens",
                violation_error_message=CLOSES_BEFORE_OPENS,
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1, completion_percent__lte=100),
                name="course_completion_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity

    @property
    def is_certified(self) -> bool:
        return self.kind in CERTIFIED_KINDS

    @property
    def is_order_based(self) -> bool:
        return self.kind == CourseKind.ORDER_BASED

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.enrol_opens <= now <= self.enrol_closes

    def sessions_needed(self, sessions: int) -> int:
        """Sessions to attend out of ``sessions`` to complete (the share, rounded up)."""
        return -(-sessions * self.completion_percent // 100)


class Session(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    topic = models.CharField(_("topic"), max_length=100)
    trainer = models.CharField(_("speaker or trainer"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [
            # Figures for a period (core.figures) filter on this date, per centre.
            models.Index(fields=["starts_at"], name="training_session_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=SESSION_ENDS_BEFORE_START,
            )
        ]

    def __str__(self) -> str:
        return self.topic


class Enrolment(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    # Order-based courses: the young person agrees that the commissioning enterprise sees
    # their name, mobile number and progress.
    share_with_enterprise = models.BooleanField(
        _("share my name, mobile number and progress with the commissioning enterprise"),
        default=False,
    )
    completed = models.BooleanField(_("completed"), default=False)
    placement = models.CharField(
        _("placement"), max_length=10, choices=Placement.choices, default="", blank=True
    )
    placement_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        # The waitlist's order is the order of arrival: the key a sequence hands out.
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["course", "id"],
                condition=Q(status="waitlisted"),
                name="enrolment_waitlist_idx",
            ),
            models.Index(fields=["youth", "-id"], name="enrolment_youth_idx"),
            # Trainees hired by the commissioning enterprise, by date (figures, outcomes).
            models.Index(
                fields=["placement_changed_at"],
                condition=Q(placement="placed"),
                name="training_enrolment_placed_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "youth"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="enrolment_once_per_course",
                violation_error_message=ALREADY_ENROLLED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id}/{self.youth_id} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class SavedCourse(models.Model):
    """A young person keeps a course in mind: told when its enrolment is about to close."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="saved_by")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_courses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "youth"], name="saved_course_once")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}/{self.youth_id}"


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"],
                name="attendance_once_per_session",
                violation_error_message=ATTENDED_TWICE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrolment_id}"


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    grade = models.CharField(_("grade"), max_length=50)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=100)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        indexes = [
            # Figures for a period (core.figures) filter on this date, per centre.
            models.Index(fields=["issued_on"], name="training_cert_issued_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_valid(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_revoked and (self.valid_until is None or today <= self.valid_until)


class EnrolmentChange(models.Model):
    """History: enrolled, waitlisted, promoted, cancelled, completed, certified, offered,
    placed; the timeline reads it."""

    class What(models.TextChoices):
        CONFIRMED = "confirmed", _("Enrolled")
        WAITLISTED = "waitlisted", _("Waitlisted")
        PROMOTED = "promoted", _("Moved from the waitlist to a seat")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed the course")
        CERTIFIED = "certified", _("Certificate issued")
        OFFERED = "offered", _("Job offered")
        PLACED = "placed", _("Hired")
        DECLINED = "declined", _("Offer declined")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="history")
    what = models.CharField(max_length=12, choices=What.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.what}"
