from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.periods import Period
from core.scoping import scope


class Language(models.TextChoices):
    CHINESE = "zh-hans", "简体中文"
    ENGLISH = "en", "English"


class WorkReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "WorkReportQuerySet":
        """Staff see the reports of their centre and the centres below it; nobody else any."""
        return scope(self, user, centre_field="centre")


class WorkReport(models.Model):
    """A work report on the programme for a centre and a period (docs/report.md).

    Only words are stored: the title and the narrative paragraphs (by section, with named
    placeholders such as ``{projects}`` where a figure goes). The figures are counted from the
    records each time the report is shown or downloaded, so nobody can type one."""

    centre = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("youth centre"),
        on_delete=models.PROTECT,
        related_name="work_reports",
    )
    period_key = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.CHINESE
    )
    title = models.CharField(_("title"), max_length=200)
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WorkReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("work report")
        verbose_name_plural = _("work reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="workreport_period_in_order",
                violation_error_message=_("The period's first day comes after its last day."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.period_key, self.period_start, self.period_end)
