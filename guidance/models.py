"""The guidance centre: consultations, and the rights-protection desk's cases.

Case statuses move only through ``guidance.services.case_transition``; the allowed moves and
who may make them are the ``TRANSITIONS`` table below.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit
from core.scoping import scope

STALE_AFTER = datetime.timedelta(days=14)


class Topic(models.TextChoices):
    POLICY = "policy", _("Policy advice")
    CAREER = "career", _("Career guidance")
    LEGAL = "legal", _("Legal question")
    STARTUP = "startup", _("Business start-up")


class Consultation(models.Model):
    """A conversation at the guidance desk, with a young person or an anonymous walk-in."""

    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("summary"), max_length=2000)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="consultation_recent_idx"),
            models.Index(
                fields=["follow_up_on", "id"],
                condition=Q(follow_up_on__isnull=False, followed_up_at__isnull=True),
                name="consultation_followup_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.created_at:%Y-%m-%d}"

    @property
    def follow_up_due(self) -> bool:
        return (
            self.follow_up_on is not None
            and self.followed_up_at is None
            and self.follow_up_on <= timezone.localdate()
        )


def consultations_visible_to(user):
    return scope(Consultation.objects.all(), user, centre_field="centre")


class Office(models.Model):
    """A mediation office or the legal service centre, whose people take cases."""

    class Kind(models.TextChoices):
        MEDIATION = "mediation", _("Mediation office")
        LEGAL_SERVICE = "legal_service", _("Legal service centre")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("mediation office")
        verbose_name_plural = _("mediation offices")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "centre"], name="office_name_once_per_centre")
        ]

    def __str__(self) -> str:
        return self.name


class Mediator(models.Model):
    """An external mediator: a person of a mediation office or the legal service centre who
    signs in to see the cases assigned to them (created by accepting an invitation)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guidance_mediator"
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="mediators"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")

    def __str__(self) -> str:
        return f"{self.user} ({self.office})"


class CaseKind(models.TextChoices):
    WAGES = "wages", _("Unpaid wages")
    CONTRACT = "contract", _("Labour contract")
    INJURY = "injury", _("Work injury")
    FRAUD = "fraud", _("Fraud")
    BUSINESS = "business", _("Business dispute")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    MEDIATION = "mediation", _("In mediation")
    LEGAL_AID = "legal_aid", _("In legal aid")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


# Who makes a move: the young person whose case it is (YOUTH), staff whose centre is the
# case's or above it (STAFF), the mediator the case is assigned to (MEDIATOR).
YOUTH, STAFF, MEDIATOR = "youth", "staff", "mediator"
FINAL = (Status.RESOLVED, Status.CLOSED)
ACTIVE = (Status.OPEN, Status.MEDIATION, Status.LEGAL_AID)

TRANSITIONS: dict[tuple[str, str], frozenset] = {
    (Status.OPEN, Status.MEDIATION): frozenset({STAFF, MEDIATOR}),
    (Status.OPEN, Status.LEGAL_AID): frozenset({STAFF, MEDIATOR}),
    (Status.MEDIATION, Status.LEGAL_AID): frozenset({STAFF, MEDIATOR}),
    (Status.MEDIATION, Status.RESOLVED): frozenset({STAFF, MEDIATOR}),
    (Status.LEGAL_AID, Status.RESOLVED): frozenset({STAFF, MEDIATOR}),
    (Status.OPEN, Status.CLOSED): frozenset({STAFF, YOUTH}),  # the young person withdraws
    (Status.MEDIATION, Status.CLOSED): frozenset({STAFF}),
    (Status.LEGAL_AID, Status.CLOSED): frozenset({STAFF}),
}
MOVE_LABELS = {
    (Status.OPEN, Status.MEDIATION): _("Start mediation"),
    (Status.OPEN, Status.LEGAL_AID): _("Refer to legal aid"),
    (Status.MEDIATION, Status.LEGAL_AID): _("Refer to legal aid"),
    (Status.MEDIATION, Status.RESOLVED): _("Record the resolution"),
    (Status.LEGAL_AID, Status.RESOLVED): _("Record the resolution"),
    (Status.OPEN, Status.CLOSED): _("Close the case"),
    (Status.MEDIATION, Status.CLOSED): _("Close the case"),
    (Status.LEGAL_AID, Status.CLOSED): _("Close the case"),
}
# Moves into mediation or legal aid need someone to carry the case.
NEEDS_MEDIATOR = (Status.MEDIATION, Status.LEGAL_AID)

AMOUNT_NEGATIVE = _("Amounts cannot be negative.")
RECOVERED_REQUIRED = _("A resolved case records the amount recovered (0 if nothing).")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseQuerySet":
        """Staff: their part of the tree. The young person: their own cases. A mediator: the
        cases assigned to them. Everyone else: nothing."""
        own = Q(youth=user) | Q(mediator=user) if user.is_authenticated else None
        return scope(self, user, centre_field="centre", own=own)

    def stale(self, now=None) -> "CaseQuerySet":
        now = now or timezone.now()
        return self.filter(status__in=ACTIVE, last_activity_at__lte=now - STALE_AFTER)


class Case(models.Model):
    """A rights-protection case of one young person."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("young person"),
        on_delete=models.PROTECT,
        related_name="rights_cases",
    )
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of case"), max_length=20, choices=CaseKind.choices)
    other_party = models.CharField(_("other party"), max_length=200)
    description = models.TextField(_("what happened"), max_length=4000)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"), max_digits=12, decimal_places=2, default=0
    )
    amount_recovered = models.DecimalField(
        _("amount recovered (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mediator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediated_cases",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("in this status since"), default=timezone.now)
    # Any move, note, document or assignment: 14 days without one flags the case as stale.
    last_activity_at = models.DateTimeField(_("last updated"), default=timezone.now)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights-protection case")
        verbose_name_plural = _("rights-protection cases")
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["-last_activity_at", "-id"], name="case_recent_idx"),
            models.Index(fields=["status", "last_activity_at"], name="case_status_idx"),
            # Cases resolved in a period, and the yuan recovered (core.figures).
            models.Index(
                fields=["resolved_on"],
                condition=Q(status="resolved"),
                name="guidance_case_resolved_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_claimed__gte=0)
                & (Q(amount_recovered__isnull=True) | Q(amount_recovered__gte=0)),
                name="case_amounts_not_negative",
                violation_error_message=AMOUNT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved")
                | Q(amount_recovered__isnull=False, resolved_on__isnull=False),
                name="case_resolved_has_recovery",
                violation_error_message=RECOVERED_REQUIRED,
            ),
        ]

    def __str__(self) -> str:
        return _("Case %(number)s") % {"number": self.pk}

    @property
    def is_stale(self) -> bool:
        return self.status in ACTIVE and self.last_activity_at <= timezone.now() - STALE_AFTER

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    def moves_for(self, role: str | None) -> list[str]:
        return [to for (frm, to), who in TRANSITIONS.items() if frm == self.status and role in who]


def document_path(instance, filename: str) -> str:
    return f"guidance/documents/{uuid.uuid4().hex}.pdf"


class CaseChange(models.Model):
    """The case's progress, which the young person sees: every move, when, and the note
    written for them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note for the young person"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("case progress")
        verbose_name_plural = _("case progress")
        ordering = ["created_at", "pk"]
        indexes = [
            # Cases referred to legal aid in a period (core.figures).
            models.Index(
                fields=["created_at"],
                condition=Q(to_status="legal_aid"),
                name="guidance_legalaid_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class CaseNote(models.Model):
    """An internal, dated note: read by staff in scope and the mediator, never the young
    person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    noted_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internal case note")
        verbose_name_plural = _("internal case notes")
        ordering = ["-noted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.noted_on}"


class CaseDocument(models.Model):
    """A PDF on the case (a contract, pay slips, an agreement). Documents are the case
    workers'; a young person sees the ones they gave themselves."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=100)
    file = models.FileField(_("document (PDF)"), upload_to=document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title
