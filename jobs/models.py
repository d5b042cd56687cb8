"""Jobs: vacancies of partner employers, applications, placements and imports of past records.

Applications move only through ``jobs.services.application_transition``; the allowed moves and
who makes them are the ``TRANSITIONS`` table. A vacancy's places are never exceeded: a hire
takes a place with a conditional UPDATE (``filled < places``) and a check constraint backs it.
A young person placed in one job counts once for it: ``Placement.job_key`` (the employer and
the job, normalised) is unique per young person, whichever way the placement was recorded.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, Sector
from core.scoping import centre_q, is_staff_member, scope


class LocationKind(models.TextChoices):
    DISTRICT = "district", _("In the district")
    PROVINCE = "province", _("Elsewhere in the province")
    EXPORT = "export", _("Labour export (further away)")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Status(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Offer accepted")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Declined by the employer")
    OFFER_DECLINED = "offer_declined", _("Offer declined")


class HowFound(models.TextChoices):
    PORTAL = "portal", _("Through the portal")
    FAIR = "fair", _("At a job fair")
    LABOUR_EXPORT = "labour_export", _("Labour export")
    STAFF = "staff", _("Recorded by staff")
    IMPORT = "import", _("Imported from past records")


YOUTH, EMPLOYER = "youth", "employer"

# (from, to) → who makes the move: the applicant (YOUTH) or the employer's contact or staff in
# scope (EMPLOYER). Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.APPLIED, Status.SHORTLISTED): EMPLOYER,
    (Status.APPLIED, Status.DECLINED): EMPLOYER,
    (Status.SHORTLISTED, Status.OFFERED): EMPLOYER,
    (Status.SHORTLISTED, Status.DECLINED): EMPLOYER,
    (Status.OFFERED, Status.ACCEPTED): YOUTH,
    (Status.OFFERED, Status.OFFER_DECLINED): YOUTH,
    (Status.ACCEPTED, Status.HIRED): EMPLOYER,
    (Status.ACCEPTED, Status.DECLINED): EMPLOYER,
}
MOVE_LABELS = {
    (Status.APPLIED, Status.SHORTLISTED): _("Shortlist"),
    (Status.APPLIED, Status.DECLINED): _("Decline"),
    (Status.SHORTLISTED, Status.OFFERED): _("Make an offer"),
    (Status.SHORTLISTED, Status.DECLINED): _("Decline"),
    (Status.OFFERED, Status.ACCEPTED): _("Accept the offer"),
    (Status.OFFERED, Status.OFFER_DECLINED): _("Decline the offer"),
    (Status.ACCEPTED, Status.HIRED): _("Record the hire"),
    (Status.ACCEPTED, Status.DECLINED): _("Decline"),
}
REASON_ASKED = (Status.DECLINED,)
ACTIVE = (Status.APPLIED, Status.SHORTLISTED, Status.OFFERED, Status.ACCEPTED)

PLACES_EXCEEDED = _("Every place of this vacancy has been filled.")
PAY_RANGE_BAD = _("The lowest pay cannot be above the highest.")
APPLIED_TWICE = _("You have already applied for this vacancy.")
PLACED_TWICE = _("This young person's placement in this job is already recorded.")


def job_key(employer: str, job: str) -> str:
    """One job, whatever way it was written down: employer and job title without spaces,
    case or full-width punctuation."""

    def norm(text: str) -> str:
        text = (text or "").lower().replace("（", "(").replace("）", ")")
        return "".join(text.split())

    return f"{norm(employer)}|{norm(job)}"[:250]


def _employer_of(user):
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    if member is None or not member.is_active or member.enterprise_id is None:
        return None
    return member.enterprise_id


class VacancyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "VacancyQuerySet":
        """For managing: staff in scope of the employer's centre, the employer's own contacts."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_q(user, "enterprise__centre"))
        enterprise = _employer_of(user)
        return self.filter(enterprise_id=enterprise) if enterprise else self.none()

    def public(self) -> "VacancyQuerySet":
        """Open and not past the closing date: what young people may apply for."""
        return self.filter(status=VacancyStatus.OPEN, closes_on__gte=timezone.localdate())


class Vacancy(models.Model):
    enterprise = models.ForeignKey(
        "partners.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    title = models.CharField(_("job title"), max_length=100)
    places = models.PositiveIntegerField(_("places"))
    filled = models.PositiveIntegerField(_("places filled"), default=0)
    pay_min = models.PositiveIntegerField(_("lowest monthly pay (yuan)"))
    pay_max = models.PositiveIntegerField(_("highest monthly pay (yuan)"))
    location_kind = models.CharField(_("where"), max_length=20, choices=LocationKind.choices)
    location = models.CharField(_("place of work"), max_length=100)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    requirements = models.TextField(_("requirements"), max_length=2000, blank=True)
    closes_on = models.DateField(_("closing date"))
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="vacancy_recent_idx"),
            models.Index(fields=["status", "closes_on"], name="vacancy_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(filled__lte=models.F("places")),
                name="vacancy_filled_within_places",
                violation_error_message=PLACES_EXCEEDED,
            ),
            models.CheckConstraint(
                condition=Q(pay_min__lte=models.F("pay_max")),
                name="vacancy_pay_range",
                violation_error_message=PAY_RANGE_BAD,
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="vacancy_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.enterprise}"

    @property
    def places_left(self) -> int:
        return max(self.places - self.filled, 0)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ApplicationQuerySet":
        """The applicant; staff in scope of the applicant's home centre; the employer's own
        contacts (their applicants only)."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_q(user, "youth__youth_profile__home_centre"))
        enterprise = _employer_of(user)
        if enterprise:
            return self.filter(vacancy__enterprise_id=enterprise)
        return self.filter(youth=user)


class Application(models.Model):
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="applications"
    )
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="job_applications",
    )
    message = models.TextField(_("a few words to the employer"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "youth"],
                name="application_once_per_vacancy",
                violation_error_message=APPLIED_TWICE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.youth} → {self.vacancy}"

    def moves_for(self, role: str | None) -> list[str]:
        return [to for (frm, to), who in TRANSITIONS.items() if frm == self.status and who == role]


class ApplicationChange(models.Model):
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


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlacementQuerySet":
        return scope(self, user, centre_field="centre", own=Q(youth=user))


class Placement(models.Model):
    """One job outcome of one young person, however it came about."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    # The young person's centre when placed: figures count by it.
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "partners.Enterprise",
        verbose_name=_("partner employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    employer_name = models.CharField(_("employer"), max_length=100)
    job_title = models.CharField(_("job"), max_length=100)
    job_key = models.CharField(max_length=250, editable=False)
    vacancy = models.ForeignKey(
        Vacancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    start_date = models.DateField(_("start date"))
    how_found = models.CharField(_("how it was found"), max_length=20, choices=HowFound.choices)
    labour_export = models.BooleanField(_("labour export"), default=False)
    batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="job_placement_recent_idx"),
        ]
        constraints = [
            # Placed in one job, counted once: however the placement was recorded.
            models.UniqueConstraint(
                fields=["youth", "job_key"],
                name="placement_once_per_job",
                violation_error_message=PLACED_TWICE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer_name} · {self.job_title}"


class BatchStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    PREVIEWED = "previewed", _("Ready to confirm")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Could not be read")


class BatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BatchQuerySet":
        return scope(self, user, centre_field="centre")


class ImportBatch(models.Model):
    """An uploaded file of past placements: checked (preview), then confirmed and imported."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    centre = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=200)
    # Held only until the import is done (it names young people by their ID numbers).
    content = models.BinaryField(editable=False, null=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.CHECKING
    )
    error = models.CharField(max_length=300, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    to_create = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement import")
        verbose_name_plural = _("placement imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0


class RowOutcome(models.TextChoices):
    CREATE = "create", _("Will be created")
    MATCH = "match", _("Already recorded")
    REFUSE = "refuse", _("Refused")


class ImportRow(models.Model):
    """A refused row of an import and its reason (created and matched rows are counted)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("row"))
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["line"]
        indexes = [models.Index(fields=["batch", "line"], name="importrow_batch_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.line} {self.reason}"


FAIR_STAND_TWICE = _("Your enterprise already has a stand at this fair.")
FAIR_REGISTERED_TWICE = _("You are already registered for this fair.")


class FairQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FairQuerySet":
        """For staff pages: fairs of their centre and below."""
        return scope(self, user, centre_field="centre")


class JobFair(models.Model):
    """A job fair: employers book stands, young people register, staff record who came."""

    title = models.CharField(_("job fair"), max_length=100)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(_("venue"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FairQuerySet.as_manager()

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title


class FairStand(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="stands")
    enterprise = models.ForeignKey(
        "partners.Enterprise", on_delete=models.CASCADE, related_name="fair_stands"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "enterprise"],
                name="fair_stand_once",
                violation_error_message=FAIR_STAND_TWICE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}: {self.enterprise_id}"


class FairRegistration(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="registrations")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_registrations"
    )
    attended = models.BooleanField(_("came"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "youth"],
                name="fair_registration_once",
                violation_error_message=FAIR_REGISTERED_TWICE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}: {self.youth_id}"
