from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit
from core.scoping import centre_or_ancestor_q, is_staff_member
from core.validators import (
    validate_mobile,
    validate_organisation_name,
    validate_person_name,
    validate_uscc,
)


class PartnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see partners of their subtree and those registered above them; a partner's
        own people see their organisation only; everyone else nothing."""
        if not user.is_authenticated:
            return self.none()
        if is_staff_member(user):
            return self.filter(centre_or_ancestor_q(user, "centre"))
        return self.filter(members__user=user)


class Enterprise(models.Model):
    name = models.CharField(
        _("enterprise name"), max_length=100, validators=[validate_organisation_name]
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("registered with centre"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(
        _("contact person"), max_length=50, validators=[validate_person_name]
    )
    contact_phone = models.CharField(
        _("contact mobile"), max_length=11, blank=True, validators=[validate_mobile]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_employer = models.BooleanField(_("employer (job postings)"), default=False)
    is_internship_host = models.BooleanField(_("internship host"), default=False)
    is_training_commissioner = models.BooleanField(
        _("commissions order-based training"), default=False
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("active partner"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def roles_display(self) -> list[str]:
        roles = []
        if self.is_employer:
            roles.append(str(_("Employer")))
        if self.is_internship_host:
            roles.append(str(_("Internship host")))
        if self.is_training_commissioner:
            roles.append(str(_("Training commissioner")))
        return roles


class Bank(models.Model):
    name = models.CharField(_("bank"), max_length=100, validators=[validate_organisation_name])
    branch = models.CharField(_("branch"), max_length=100, validators=[validate_organisation_name])
    centre = models.ForeignKey(
        OrgUnit,
        verbose_name=_("registered with centre"),
        on_delete=models.PROTECT,
        related_name="banks",
    )
    base_interest_rate = models.DecimalField(
        _("base annual interest rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("36"))],
    )
    contact_name = models.CharField(
        _("loan officer"), max_length=50, blank=True, validators=[validate_person_name]
    )
    contact_phone = models.CharField(
        _("contact mobile"), max_length=11, blank=True, validators=[validate_mobile]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active partner"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("bank")
        verbose_name_plural = _("banks")
        ordering = ["name", "branch"]
        constraints = [
            models.UniqueConstraint(fields=["name", "branch"], name="bank_branch_unique"),
            models.CheckConstraint(
                condition=models.Q(base_interest_rate__gt=0, base_interest_rate__lte=36),
                name="bank_rate_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.branch}"


class PartnerMember(models.Model):
    """A person who signs in for a partner organisation: one enterprise or one bank. They hold
    the partner role after accepting an invitation (partners/invitations.py) and see only what
    was sent to their organisation."""

    class Role(models.TextChoices):
        CONTACT = "contact", pgettext_lazy("partner role", "Contact person")
        OFFICER = "officer", pgettext_lazy("partner role", "Officer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership"
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="members"
    )
    bank = models.ForeignKey(
        Bank, null=True, blank=True, on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner member")
        verbose_name_plural = _("partner members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enterprise__isnull=False, bank__isnull=True)
                | models.Q(enterprise__isnull=True, bank__isnull=False),
                name="partner_member_one_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"

    @property
    def organisation(self):
        return self.enterprise or self.bank
