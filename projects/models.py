"""Venture projects: from a young person's idea to a launched business, with history.

Stages move only through ``projects.services.project_transition``; the allowed moves
and who may make them are the ``TRANSITIONS`` table below.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, Sector
from core.periods import quarter_label
from core.scoping import scope
from core.validators import validate_organisation_name, validate_uscc


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    APPLIED = "applied", _("Applied")
    UNDER_REVIEW = "under_review", _("Under review")
    SIGNED = "signed", _("Signed")
    LAUNCHED = "launched", _("Launched")
    OPERATING = "operating", _("Operating")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


# Who makes a move: the project lead (YOUTH); any staff member whose centre is the project's or
# above it, a village officer too (STAFF); a coordinator of the project's town or of the
# district (COORDINATOR: signing an agreement and closing a project commit the programme).
YOUTH, STAFF, COORDINATOR = "youth", "staff", "coordinator"
# A coordinator may also make every move staff may.
ACTS_AS = {YOUTH: {YOUTH}, STAFF: {STAFF}, COORDINATOR: {COORDINATOR, STAFF}}

YOUTH_JOBS_EXCEED = _("Jobs held by young people cannot exceed the jobs created.")
USCC_REQUIRED = _("Enter the unified social credit code of the registered business.")
FACTS_BEFORE_LAUNCH = _(
    "Record the business facts first: the unified social credit code of the registered "
    "business and the investment."
)
OUTCOME_TWICE = _("Figures for this quarter have already been reported.")

# (from, to) → who may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Stage.IDEA, Stage.APPLIED): YOUTH,
    (Stage.APPLIED, Stage.IDEA): YOUTH,  # withdraw to keep editing
    (Stage.REJECTED, Stage.IDEA): YOUTH,  # revise after a rejection
    (Stage.APPLIED, Stage.UNDER_REVIEW): STAFF,  # review: a village officer may
    (Stage.APPLIED, Stage.REJECTED): STAFF,
    (Stage.UNDER_REVIEW, Stage.SIGNED): COORDINATOR,
    (Stage.UNDER_REVIEW, Stage.REJECTED): STAFF,
    (Stage.SIGNED, Stage.LAUNCHED): STAFF,  # once the business facts are recorded
    (Stage.SIGNED, Stage.CLOSED): COORDINATOR,
    (Stage.LAUNCHED, Stage.OPERATING): STAFF,
    (Stage.LAUNCHED, Stage.CLOSED): COORDINATOR,
    (Stage.OPERATING, Stage.CLOSED): COORDINATOR,
}
# What each move's button says: what it does, in the words of the person pressing it.
MOVE_LABELS = {
    (Stage.IDEA, Stage.APPLIED): _("Submit the application"),
    (Stage.APPLIED, Stage.IDEA): _("Withdraw the application"),
    (Stage.REJECTED, Stage.IDEA): _("Revise and apply again"),
    (Stage.APPLIED, Stage.UNDER_REVIEW): _("Start the review"),
    (Stage.APPLIED, Stage.REJECTED): _("Turn the application down"),
    (Stage.UNDER_REVIEW, Stage.SIGNED): _("Approve and sign the agreement"),
    (Stage.UNDER_REVIEW, Stage.REJECTED): _("Turn the application down"),
    (Stage.SIGNED, Stage.LAUNCHED): _("Record the launch"),
    (Stage.SIGNED, Stage.CLOSED): _("Close the project"),
    (Stage.LAUNCHED, Stage.OPERATING): _("Confirm it is operating"),
    (Stage.LAUNCHED, Stage.CLOSED): _("Close the project"),
    (Stage.OPERATING, Stage.CLOSED): _("Close the project"),
}
# Moves that ask the person making them for a reason, which the team reads.
REASON_ASKED = (Stage.REJECTED, Stage.CLOSED)
# Moves that cannot be undone: the page asks for confirmation first, saying what will happen.
IRREVERSIBLE = (Stage.CLOSED,)
EDITABLE_STAGES = (Stage.IDEA, Stage.APPLIED)
WAITING_FOR_REVIEW = (Stage.APPLIED, Stage.UNDER_REVIEW)
# The programme's headline figure counts projects signed or launched (and still going).
SIGNED_OR_LAUNCHED = (Stage.SIGNED, Stage.LAUNCHED, Stage.OPERATING)
LAUNCHED_STAGES = (Stage.LAUNCHED, Stage.OPERATING)


class RevenueBand(models.TextChoices):
    NONE = "none", _("No revenue yet")
    UNDER_50K = "lt50k", _("Under 50,000 yuan")
    UNDER_200K = "lt200k", _("50,000–200,000 yuan")
    UNDER_1M = "lt1m", _("200,000–1,000,000 yuan")
    OVER_1M = "gte1m", _("1,000,000 yuan or more")


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """Staff: their part of the tree. Young people: projects they lead or belong to.

        No join multiplies the rows (team membership is a subquery), so there is no DISTINCT:
        lists page through an index in their order instead of sorting every visible row."""
        own = None
        if user.is_authenticated:
            teams = VentureProject.members.through.objects.filter(user=user)
            own = Q(lead=user) | Q(pk__in=teams.values("ventureproject_id"))
        return scope(self, user, centre_field="centre", own=own)

    def showcase(self) -> "ProjectQuerySet":
        return self.filter(stage__in=LAUNCHED_STAGES, showcase_opt_in=True)


def plan_path(instance, filename: str) -> str:
    return f"projects/plans/{uuid.uuid4().hex}.pdf"


def photo_path(instance, filename: str) -> str:
    return f"projects/photos/{uuid.uuid4().hex}.jpg"


class VentureProject(models.Model):
    name = models.CharField(
        _("project name"), max_length=100, validators=[validate_organisation_name]
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project lead"),
        on_delete=models.CASCADE,
        related_name="led_projects",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members"),
        blank=True,
        related_name="projects",
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="projects"
    )
    description = models.TextField(_("description"), max_length=4000)
    business_plan = models.FileField(_("business plan (PDF)"), upload_to=plan_path, blank=True)
    is_registered = models.BooleanField(_("business registered"), default=False)
    business_name = models.CharField(
        _("registered business name"),
        max_length=100,
        blank=True,
        validators=[validate_organisation_name],
    )
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_uscc],
    )
    investment = models.DecimalField(
        _("investment (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    jobs_for_youth = models.PositiveIntegerField(_("of which held by young people"), default=0)
    in_demo_park = models.BooleanField(_("hosted in the demonstration park"), default=False)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    stage_changed_at = models.DateTimeField(_("in this stage since"), auto_now_add=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    showcase_opt_in = models.BooleanField(
        _("show on the public showcase once launched"), default=False
    )
    story = models.TextField(_("story for the showcase"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("venture project")
        verbose_name_plural = _("venture projects")
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [
            # The board: per stage, the most recently moved.
            models.Index(fields=["stage", "stage_changed_at"], name="project_stage_idx"),
            # The staff list's order, so a page is read from the index, not sorted.
            models.Index(fields=["-stage_changed_at", "-id"], name="project_recent_idx"),
            # Projects signed in a period (core.figures).
            models.Index(fields=["signed_on"], name="projects_signed_idx"),
            # The public showcase's order, over the showcased projects only.
            models.Index(
                fields=["-launched_on", "-id"],
                condition=Q(showcase_opt_in=True, stage__in=LAUNCHED_STAGES),
                name="project_showcase_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jobs_for_youth__lte=models.F("jobs_created")),
                name="project_youth_jobs_within_jobs",
                violation_error_message=YOUTH_JOBS_EXCEED,
            ),
            models.CheckConstraint(
                condition=Q(investment__gte=0), name="project_investment_positive"
            ),
            models.CheckConstraint(
                condition=Q(is_registered=False) | Q(uscc__isnull=False),
                name="project_registered_has_uscc",
                violation_error_message=USCC_REQUIRED,
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["signed", "launched", "operating"])
                | Q(signed_on__isnull=False),
                name="project_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["launched", "operating"]) | Q(launched_on__isnull=False),
                name="project_launched_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_editable(self) -> bool:
        return self.stage in EDITABLE_STAGES

    @property
    def is_launched(self) -> bool:
        return self.stage in LAUNCHED_STAGES

    @property
    def has_launch_facts(self) -> bool:
        """Launching needs the registered business (its credit code) and the investment."""
        return bool(self.uscc) and bool(self.investment) and self.investment > 0

    def moves_for(self, role: str | None) -> list[str]:
        """The stages this role may move the project to now, in table order."""
        acts_as = ACTS_AS.get(role, set())
        return [
            to for (frm, to), who in TRANSITIONS.items() if frm == self.stage and who in acts_as
        ]


class ProjectPhoto(models.Model):
    project = models.ForeignKey(
        VentureProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class StageChange(models.Model):
    """The history: every move, who made it, when and why."""

    project = models.ForeignKey(VentureProject, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage} → {self.to_stage}"


class OutcomeReport(models.Model):
    """What a launched project reports each quarter."""

    project = models.ForeignKey(
        VentureProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    jobs = models.PositiveIntegerField(_("people employed"))
    jobs_for_youth = models.PositiveIntegerField(_("of which young people"))
    revenue_band = models.CharField(
        _("revenue this quarter"), max_length=10, choices=RevenueBand.choices
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly outcome report")
        verbose_name_plural = _("quarterly outcome reports")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "quarter"],
                name="outcome_once_per_quarter",
                violation_error_message=OUTCOME_TWICE,
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="outcome_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(jobs_for_youth__lte=models.F("jobs")),
                name="outcome_youth_jobs_within_jobs",
                violation_error_message=YOUTH_JOBS_EXCEED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {quarter_label(self.year, self.quarter)}"
