"""One-to-one entrepreneurship mentoring: mentor profiles, matches and coaching sessions.

A match moves only through ``mentors.services``; the moves and who makes them are the
``TRANSITIONS`` table below. Two limits are the database's: one active match per young person
(a partial unique constraint) and never more active mentees than the mentor's capacity
(``active_count`` is raised by a conditional UPDATE and checked by a constraint).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit
from core.scoping import centre_or_ancestor_q, centre_q, is_staff_member
from projects.models import VentureProject

MAX_CAPACITY = 20

CAPACITY_BELOW_LOAD = _("The capacity cannot be lower than the mentor's current active mentees.")
MENTOR_FULL = _("This mentor has no free place: every place is taken by an active mentee.")
YOUTH_HAS_MENTOR = _("This young person already has an active mentor.")
ALREADY_OPEN = _("There is already an open request between this young person and this mentor.")
RATING_RANGE = _("Give a rating from 1 to 5.")
MINUTES_NEEDED = _("Enter how many minutes the session took.")


class Availability(models.TextChoices):
    OPEN = "open", _("Taking new mentees")
    PAUSED = "paused", _("Paused")


def photo_path(instance, filename: str) -> str:
    return f"mentors/photos/{uuid.uuid4().hex}.jpg"


class MentorProfileQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MentorProfileQuerySet":
        """Staff: mentors of their centre, the centres below it and above it (a village works
        with the town's mentors). A mentor: their own profile; the chief mentor: every one."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_or_ancestor_q(user, "centre"))
        if is_chief(user):
            return self.all()
        return self.filter(user=user)

    def directory(self) -> "MentorProfileQuerySet":
        """What young people may choose from: active mentors taking mentees with a free place."""
        return self.filter(
            availability=Availability.OPEN,
            user__mentor_role__is_active=True,
            active_count__lt=models.F("capacity"),
        )


class MentorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("youth centre"),
        on_delete=models.PROTECT,
        related_name="mentor_profiles",
        help_text=_("The centre that invited the mentor."),
    )
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=100)
    sectors = models.JSONField(_("sectors"), default=list)
    skills = models.CharField(
        _("skills"), max_length=300, help_text=_("Separate skills with commas.")
    )
    service_centres = models.ManyToManyField(
        OrgUnit, verbose_name=_("service area"), related_name="+", blank=True
    )
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("maximum active mentees"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    # Raised and lowered only by the services' conditional UPDATEs; never above capacity.
    active_count = models.PositiveSmallIntegerField(_("active mentees"), default=0, editable=False)
    is_chief = models.BooleanField(_("chief mentor"), default=False)
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, default=Availability.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_count__lte=models.F("capacity")),
                name="mentor_load_within_capacity",
                violation_error_message=CAPACITY_BELOW_LOAD,
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="mentor_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return self.user.name or str(self.user)

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.active_count, 0)

    @property
    def sector_labels(self) -> list:
        from accounts.models import Sector

        labels = dict(Sector.choices)
        return [labels.get(code, code) for code in self.sectors]


def is_chief(user) -> bool:
    """An active mentor whose profile staff flagged as the chief mentor."""
    if not user.is_authenticated:
        return False
    role = getattr(user, "mentor_role", None)
    if role is None or not role.is_active:
        return False
    return MentorProfile.objects.filter(user=user, is_chief=True).exists()


class Status(models.TextChoices):
    REQUESTED = "requested", _("Requested by the young person")
    PROPOSED = "proposed", _("Proposed by staff")
    ACTIVE = "active", pgettext_lazy("match", "Active")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    ENDED = "ended", _("Ended")


OPEN_STATUSES = (Status.REQUESTED, Status.PROPOSED)
CLOSED_STATUSES = (Status.DECLINED, Status.EXPIRED, Status.ENDED)

# Who moves a match: its mentor (MENTOR), its young person (YOUTH), staff in scope (STAFF),
# the chief mentor (CHIEF), the reminders' sweep (SYSTEM).
MENTOR, YOUTH, STAFF, CHIEF, SYSTEM = "mentor", "youth", "staff", "chief", "system"
TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (Status.REQUESTED, Status.ACTIVE): {MENTOR},
    (Status.PROPOSED, Status.ACTIVE): {MENTOR},
    (Status.REQUESTED, Status.DECLINED): {MENTOR, YOUTH, STAFF},  # the young person withdraws
    (Status.PROPOSED, Status.DECLINED): {MENTOR, YOUTH, STAFF},
    (Status.REQUESTED, Status.EXPIRED): {SYSTEM},
    (Status.PROPOSED, Status.EXPIRED): {SYSTEM},
    (Status.ACTIVE, Status.ENDED): {MENTOR, YOUTH, STAFF, CHIEF},
}


class MatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MatchQuerySet":
        """Staff: matches of young people of their part of the tree. A mentor: their own (the
        chief mentor: every one). A young person: their own."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_q(user, "centre"))
        if is_chief(user):
            return self.all()
        return self.filter(Q(mentor__user=user) | Q(youth=user))

    def quiet(self, since) -> "MatchQuerySet":
        """Active matches, started before ``since``, with no coaching session (held or
        planned) starting after it: the "no session for 30 days" reminder and work queue."""
        recent = CoachingSession.objects.filter(match=OuterRef("pk"), starts_at__gte=since)
        return self.filter(status=Status.ACTIVE, accepted_at__lte=since).exclude(Exists(recent))


class Match(models.Model):
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        on_delete=models.CASCADE,
        related_name="mentor_matches",
    )
    mentor = models.ForeignKey(
        MentorProfile, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="matches"
    )
    # The young person's centre when the match was made: staff of it and above see the match.
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    project = models.ForeignKey(
        VentureProject,
        verbose_name=_("venture project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    message = models.TextField(_("message to the mentor"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("answer needed by"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("started on"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor match")
        verbose_name_plural = _("mentor matches")
        ordering = ["-status_changed_at", "-pk"]
        indexes = [
            models.Index(fields=["-status_changed_at", "-id"], name="match_recent_idx"),
            models.Index(fields=["status", "-status_changed_at"], name="match_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"],
                condition=Q(status="active"),
                name="match_one_active_per_youth",
                violation_error_message=YOUTH_HAS_MENTOR,
            ),
            models.UniqueConstraint(
                fields=["youth", "mentor"],
                condition=Q(status__in=["requested", "proposed"]),
                name="match_one_open_per_pair",
                violation_error_message=ALREADY_OPEN,
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE


class MatchChange(models.Model):
    """The history of a match: every move, who made it, when and why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.match_id}: {self.from_status} → {self.to_status}"


class MentoringWish(models.Model):
    """A young person asked the centre to find them a mentor: the waiting list."""

    youth = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_wish"
    )
    centre = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("what I would like help with"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"wish {self.youth_id}"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    LOGGED = "logged", _("Awaiting the young person's confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class CoachingSessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CoachingSessionQuerySet":
        return self.filter(match__in=Match.objects.visible_to(user).values("pk"))


class CoachingSession(models.Model):
    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    topics = models.CharField(_("topics"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    next_steps = models.TextField(_("agreed next steps"), max_length=1000, blank=True)
    private_notes = models.TextField(
        _("private notes"),
        max_length=2000,
        blank=True,
        help_text=_("Only you see these; the young person does not."),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    logged_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["starts_at"], name="session_starts_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned") | Q(minutes__isnull=False),
                name="session_logged_has_minutes",
                violation_error_message=MINUTES_NEEDED,
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="session_rating_1_to_5",
                violation_error_message=RATING_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return f"session {self.pk}"
