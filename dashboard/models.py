import datetime
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Period
from core.scoping import scope


class FigureValue(models.Model):
    """A figure (core.figures) counted in advance for one centre's subtree (``centre`` null: the
    whole programme, what superusers see) and one period: ``"2026"`` (a year), ``"2026q3"``,
    ``"2026-05"`` (a month, for trends), ``"all"``, or ``"now"`` for a stock figure, which has
    no date. Only values other than 0 are kept (a missing row reads 0). Written only by
    ``dashboard.refresh.refresh_figures``; the staff home reads it. When it was counted is
    ``FigureRefresh`` (one row per figure, so a recount rewrites only the values that moved)."""

    key = models.CharField(_("figure"), max_length=80)
    centre = models.ForeignKey(
        "accounts.OrgUnit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("youth centre"),
    )
    period = models.CharField(_("period"), max_length=10)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("counted figure")
        verbose_name_plural = _("counted figures")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "centre", "period"],
                name="figurevalue_once_per_centre",
                condition=models.Q(centre__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["key", "period"],
                name="figurevalue_once_programme",
                condition=models.Q(centre__isnull=True),
            ),
        ]
        # The page reads one centre's figures for one period, and its children's.
        indexes = [models.Index(fields=["centre", "period"], name="figurevalue_centre_period")]

    def __str__(self):
        return f"{self.key} {self.period} {self.centre_id or '*'}: {self.value}"


class FigureRefresh(models.Model):
    """When each figure was last counted into ``FigureValue`` (a figure whose counting failed
    keeps its older time and values, and the page shows the oldest time)."""

    key = models.CharField(_("figure"), max_length=80, unique=True)
    counted_at = models.DateTimeField(_("counted at"))
    seconds = models.FloatField(_("seconds taken"), default=0)

    class Meta:
        verbose_name = _("figure recount")
        verbose_name_plural = _("figure recounts")

    def __str__(self):
        return f"{self.key} {self.counted_at:%Y-%m-%d %H:%M}"


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


# How long a background export's file can be downloaded.
EXPORT_LIFETIME = datetime.timedelta(days=1)


class ExportStorage(FileSystemStorage):
    """The private storage of export files: settings.EXPORT_ROOT (read when used, so tests and
    deployments may move it), which no URL serves; only the download view, after checking the
    requester."""

    @property
    def base_location(self):
        return settings.EXPORT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


_STORAGE = ExportStorage()


def export_storage() -> FileSystemStorage:
    return _STORAGE


def _expires() -> datetime.datetime:
    return timezone.now() + EXPORT_LIFETIME


class ExportJob(models.Model):
    """A list exported in the background (core/exports.py, docs/exports.md)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel"
        CSV = "csv", "CSV"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    export_key = models.CharField(_("list"), max_length=80)
    # The list page's GET parameters, as [name, value] pairs (a name may repeat).
    params = models.JSONField(default=list, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=export_storage, max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it was last handed to the broker, and when a worker took it.
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=_expires)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["requester", "-created_at"], name="exportjob_requester"),
            models.Index(fields=["status", "queued_at"], name="exportjob_status"),
            models.Index(fields=["expires_at"], name="exportjob_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.export_key}.{self.format}"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
