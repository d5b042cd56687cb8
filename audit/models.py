from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import centre_q


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EntryQuerySet":
        """Coordinators see what happened in their part of the tree."""
        return self.filter(centre_q(user, "centre"))


class Entry(models.Model):
    """Who did what, when, from where. Never a copy of personal data: the target is a
    model label and a primary key, ``data`` holds field *names* and codes only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("object type"), max_length=60, blank=True)
    target_id = models.CharField(_("object"), max_length=40, blank=True)
    centre = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("youth centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
