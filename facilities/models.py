"""The youth centres' book club (members, visits, borrowings) and the youth newsstands."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit
from core.scoping import scope

MAX_BOOKS_ON_LOAN = 3
CARD_TAKEN = _("Another member has this card number.")
RETURNED_BEFORE_BORROWED = _("A book cannot be returned before it was borrowed.")
VISIT_TWICE = _("This visit has already been logged for that day.")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(self, user, centre_field="centre")


class BookClubMember(models.Model):
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=50)
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered young person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="book_club_cards",
    )
    card_number = models.CharField(
        _("card number"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z0-9-]{3,20}$", _("Use 3–20 capital letters, digits or -."))
        ],
        error_messages={"unique": CARD_TAKEN},
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    books_on_loan = models.PositiveSmallIntegerField(_("books on loan"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("book club member")
        verbose_name_plural = _("book club members")
        ordering = ["-joined_on", "-id"]
        indexes = [models.Index(fields=["-joined_on", "-id"], name="member_recent_idx")]
        constraints = [
            # The limit is the database's: a conditional UPDATE can never pass it.
            models.CheckConstraint(
                condition=Q(books_on_loan__lte=MAX_BOOKS_ON_LOAN), name="member_loan_limit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.card_number})"


class ClubVisit(models.Model):
    member = models.ForeignKey(BookClubMember, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("book club visit")
        verbose_name_plural = _("book club visits")
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "visited_on"],
                name="visit_once_a_day",
                violation_error_message=VISIT_TWICE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.visited_on}"


class Borrowing(models.Model):
    member = models.ForeignKey(BookClubMember, on_delete=models.CASCADE, related_name="borrowings")
    title = models.CharField(_("book title"), max_length=200)
    borrowed_on = models.DateField(_("borrowed on"), default=timezone.localdate)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("borrowing")
        verbose_name_plural = _("borrowings")
        ordering = ["-borrowed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("borrowed_on")),
                name="borrowing_returned_after_borrowed",
                violation_error_message=RETURNED_BEFORE_BORROWED,
            )
        ]

    def __str__(self) -> str:
        return self.title


class NewsstandStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("newsstand", "Open")
    CLOSED = "closed", pgettext_lazy("newsstand", "Closed")


class NewsstandQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(self, user, centre_field="centre")


class Newsstand(models.Model):
    name = models.CharField(_("name"), max_length=100)
    centre = models.ForeignKey(
        OrgUnit, verbose_name=_("youth centre"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(
        _("status"), max_length=20, choices=NewsstandStatus.choices, default=NewsstandStatus.OPEN
    )
    papers = models.TextField(_("papers stocked"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsstandQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth newsstand")
        verbose_name_plural = _("youth newsstands")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="newsstand_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name
