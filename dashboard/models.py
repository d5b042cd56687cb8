import datetime
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
