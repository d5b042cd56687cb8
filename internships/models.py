"""The post-graduate internship station: host enterprises, positions, applications and the
one-year placements that follow.

Application statuses move only through ``internships.services.application_transition``; the
allowed moves and who makes them are the ``TRANSITIONS`` table below. Places and the one
active placement per graduate are limits the database keeps (a conditional UPDATE on the
position's taken places, a partial unique index on placements).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Education, OrgUnit
from core.scoping import centre_or_ancestor_q, centre_q, is_staff_member

# Who makes a move: the graduate who applied (YOUTH) or a contact of the host station (HOST).
YOUTH, HOST = "youth", "host"


class Status(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview arranged")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not selected")


# (from, to) → who may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.APPLIED, Status.SHORTLISTED): HOST,
    (Status.APPLIED, Status.REJECTED): HOST,
    (Status.APPLIED, Status.WITHDRAWN): YOUTH,
    (Status.SHORTLISTED, Status.INTERVIEW): HOST,
    (Status.SHORTLISTED, Status.OFFERED): HOST,
    (Status.SHORTLISTED, Status.REJECTED): HOST,
    (Status.SHORTLISTED, Status.WITHDRAWN): YOUTH,
    (Status.INTERVIEW, Status.OFFERED): HOST,
    (Status.INTERVIEW, Status.REJECTED): HOST,
    (Status.INTERVIEW, Status.WITHDRAWN): YOUTH,
    (Status.OFFERED, Status.ACCEPTED): YOUTH,
    (Status.OFFERED, Status.DECLINED): YOUTH,
}
MOVE_LABELS = {
    (Status.APPLIED, Status.SHORTLISTED): _("Shortlist"),
    (Status.APPLIED, Status.REJECTED): _("Turn down"),
    (Status.APPLIED, Status.WITHDRAWN): _("Withdraw my application"),
    (Status.SHORTLISTED, Status.INTERVIEW): _("Arrange an interview"),
    (Status.SHORTLISTED, Status.OFFERED): _("Make an offer"),
    (Status.SHORTLISTED, Status.REJECTED): _("Turn down"),
    (Status.SHORTLISTED, Status.WITHDRAWN): _("Withdraw my application"),
    (Status.INTERVIEW, Status.OFFERED): _("Make an offer"),
    (Status.INTERVIEW, Status.REJECTED): _("Turn down"),
    (Status.INTERVIEW, Status.WITHDRAWN): _("Withdraw my application"),
    (Status.OFFERED, Status.ACCEPTED): _("Accept the offer"),
    (Status.OFFERED, Status.DECLINED): _("Decline the offer"),
}
# An application in one of these still waits for a decision (one per graduate and position).
OPEN_STATUSES = (Status.APPLIED, Status.SHORTLISTED, Status.INTERVIEW, Status.OFFERED)
# An offer holds one of the position's places until it is declined or taken back.
HOLDS_PLACE = (Status.OFFERED, Status.ACCEPTED)
REASON_ASKED = (Status.REJECTED,)

NO_PLACES_LEFT = _("All places of this position are taken.")
ALREADY_PLACED = _("This graduate already holds an active internship placement.")
APPLIED_TWICE = _("You have already applied for this position.")
PLACES_BELOW_TAKEN = _("A position cannot have fewer places than offers already made.")
EVALUATED_TWICE = _("This evaluation has already been filed.")


class EligibilityRule(models.Model):
    """Who may apply, adjustable by staff. One row (pk 1), created with the defaults."""

    years_since_graduation = models.PositiveSmallIntegerField(
        _("graduated within the last (years)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    education_levels = models.JSONField(
        _("education levels accepted"),
        default=list,
    )
    require_complete_profile = models.BooleanField(_("profile must be complete"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    DEFAULT_LEVELS = [
        Education.VOCATIONAL_SECONDARY,
        Education.JUNIOR_COLLEGE,
        Education.BACHELOR,
        Education.POSTGRADUATE,
    ]

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self) -> str:
        return str(_("Eligibility rule"))

    @classmethod
    def current(cls) -> "EligibilityRule":
        """The rule in force: the saved one, or the default until staff first change it
        (reading never writes)."""
        rule = cls.objects.filter(pk=1).first()
        return rule or cls(pk=1, education_levels=list(cls.DEFAULT_LEVELS))

    def levels_display(self) -> list[str]:
        labels = dict(Education.choices)
        return [str(labels.get(code, code)) for code in self.education_levels]


class StationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "StationQuerySet":
        """Staff: stations of enterprises registered in their area or above it (the district's
        enterprises serve every town); a host's contacts: their own station; others nothing."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_or_ancestor_q(user, "enterprise__centre"))
        member = getattr(user, "partner_membership", None)
        if member is None or not member.is_active or member.enterprise_id is None:
            return self.none()
        return self.filter(enterprise_id=member.enterprise_id)


class Station(models.Model):
    """A partner enterprise designated as a host of the post-graduate internship station."""

    enterprise = models.OneToOneField(
        "partners.Enterprise",
        verbose_name=_("host enterprise"),
        on_delete=models.PROTECT,
        related_name="internship_station",
    )
    since = models.DateField(_("station since"))
    annual_quota = models.PositiveIntegerField(
        _("annual intake quota"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    is_active = models.BooleanField(_("active station"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship station")
        verbose_name_plural = _("internship stations")
        ordering = ["since", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(annual_quota__gte=1), name="station_quota_positive")
        ]

    def __str__(self) -> str:
        return self.enterprise.name


class PositionQuerySet(models.QuerySet):
    def open(self) -> "PositionQuerySet":
        return self.filter(is_open=True, station__is_active=True)

    def visible_to(self, user) -> "PositionQuerySet":
        return self.filter(station__in=Station.objects.visible_to(user).values("pk"))


class Position(models.Model):
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("position"), max_length=100)
    department = models.CharField(_("department"), max_length=100, blank=True)
    places = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    # Offers made and accepted: never above ``places`` (a conditional UPDATE and this check).
    places_taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    stipend = models.PositiveIntegerField(
        _("monthly stipend (yuan)"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    requirements = models.TextField(_("requirements"), max_length=2000, blank=True)
    is_open = models.BooleanField(_("open for applications"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship position")
        verbose_name_plural = _("internship positions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="position_recent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("places")),
                name="position_places_not_exceeded",
                violation_error_message=NO_PLACES_LEFT,
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="position_places_positive"),
            models.CheckConstraint(condition=Q(stipend__gte=1), name="position_stipend_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.places - self.places_taken, 0)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ApplicationQuerySet":
        return _visible(self, user)


def _visible(queryset, user):
    """Staff: graduates of their area (the centre they applied from); the host's contacts:
    applications to their own station; a graduate: their own."""
    if not user.is_authenticated:
        return queryset.none()
    if is_staff_member(user):
        return queryset.filter(centre_q(user, "centre"))
    member = getattr(user, "partner_membership", None)
    if member is not None and member.is_active and member.enterprise_id is not None:
        return queryset.filter(station__enterprise_id=member.enterprise_id)
    return queryset.filter(youth=user)


class Application(models.Model):
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="applications"
    )
    # The position's station, kept here so that a host's lists filter one indexed column.
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="applications")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("graduate"),
        on_delete=models.CASCADE,
        related_name="internship_applications",
    )
    # The graduate's home centre when applying: what staff scope reads.
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    education_level = models.CharField(
        _("education level"), max_length=30, choices=Education.choices, blank=True
    )
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"))
    motivation = models.TextField(_("why this position"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    interview_at = models.DateTimeField(_("interview at"), null=True, blank=True)
    interview_place = models.CharField(_("interview place"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship application")
        verbose_name_plural = _("internship applications")
        ordering = ["-status_changed_at", "-id"]
        indexes = [
            models.Index(fields=["-status_changed_at", "-id"], name="application_recent_idx"),
            models.Index(fields=["station", "-status_changed_at"], name="application_station_idx"),
            # The work queue of applications awaiting the station: per status, oldest first.
            models.Index(fields=["status", "status_changed_at"], name="application_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "youth"],
                name="application_once_per_position",
                violation_error_message=APPLIED_TWICE,
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(start_date__isnull=False),
                name="application_offer_has_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth} → {self.position}"

    def moves_for(self, role: str | None) -> list[str]:
        return [to for (frm, to), who in TRANSITIONS.items() if frm == self.status and who == role]


class ApplicationChange(models.Model):
    """The history: every move, who made it, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    LEFT_EARLY = "left_early", _("Left early")


class Outcome(models.TextChoices):
    KEPT_ON = "kept_on", _("Kept on by the host")
    JOB_ELSEWHERE = "job_elsewhere", _("Job elsewhere")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    FURTHER_STUDY = "further_study", _("Further study")
    UNEMPLOYED = "unemployed", _("Unemployed")


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlacementQuerySet":
        return _visible(self, user)


def end_of(start: datetime.date, months: int) -> datetime.date:
    """The last day of a placement of ``months`` starting on ``start``."""
    return start + relativedelta(months=months) - datetime.timedelta(days=1)


def midterm_of(start: datetime.date, months: int) -> datetime.date:
    return start + relativedelta(months=max(months // 2, 1))


class Placement(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="placement"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="placements"
    )
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="placements")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("intern"),
        on_delete=models.CASCADE,
        related_name="internship_placements",
    )
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # Half-way: when the host's mid-term evaluation falls due (the final one: the end date).
    midterm_due = models.DateField(_("mid-term evaluation due"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.ACTIVE,
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.TextField(_("reason for leaving"), max_length=1000, blank=True)
    outcome = models.CharField(
        _("outcome after the internship"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship placement")
        verbose_name_plural = _("internship placements")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="placement_recent_idx"),
            models.Index(fields=["status", "end_date"], name="placement_status_end_idx"),
            # Outcomes at the end of the term, by date (core.figures: retained, outcomes).
            models.Index(
                fields=["outcome", "end_date"],
                condition=~Q(outcome=""),
                name="internships_outcome_end_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"],
                condition=Q(status="active"),
                name="placement_one_active_per_youth",
                violation_error_message=ALREADY_PLACED,
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="placement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="left_early") | Q(left_on__isnull=False),
                name="placement_left_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth} @ {self.station}"

    @property
    def final_due(self) -> datetime.date:
        return self.end_date


class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """The host's evaluation of an intern, at mid-term and at the end: scores 1–5."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("evaluation"), max_length=10, choices=EvaluationKind.choices)
    attitude = models.PositiveSmallIntegerField(_("work attitude"), validators=SCORE_VALIDATORS)
    skills = models.PositiveSmallIntegerField(_("professional skills"), validators=SCORE_VALIDATORS)
    teamwork = models.PositiveSmallIntegerField(_("teamwork"), validators=SCORE_VALIDATORS)
    comments = models.TextField(_("comments"), max_length=2000, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("intern evaluation")
        verbose_name_plural = _("intern evaluations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "kind"],
                name="evaluation_once_per_kind",
                violation_error_message=EVALUATED_TWICE,
            ),
            models.CheckConstraint(
                condition=Q(attitude__gte=1, attitude__lte=5, skills__gte=1, skills__lte=5)
                & Q(teamwork__gte=1, teamwork__lte=5),
                name="evaluation_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.kind}"

    @property
    def average(self) -> float:
        return round((self.attitude + self.skills + self.teamwork) / 3, 1)
