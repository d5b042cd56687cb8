"""The background exports (core/exports.py declares what a list's export holds).

``export_start`` records the job and queues it after commit; a job whose queueing failed (the
broker down) is queued again by ``export_sweep``, which beat runs every minute, and the claim
in ``export_run`` makes a job that is queued twice run once. The worker builds the rows as the
requester (their scope, their masking), so a task cannot cross a town's border.
"""

import datetime
import logging
import secrets
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit import services as audit
from core.exports import EXPORTS, BadParams, Column, Export, csv_lines, register, text, write_xlsx
from core.figures import GROUPS

from .models import EXPORT_LIFETIME, ExportJob

logger = logging.getLogger(__name__)

# A job taken by a worker that has not finished after this long is taken to have died with it.
STALE_AFTER = datetime.timedelta(minutes=15)
# A queued job no worker has taken after this long is queued again.
REQUEUE_AFTER = datetime.timedelta(minutes=2)
# How many rows between two progress updates of a job.
PROGRESS_EVERY = 1000

EXPORTED = "list.exported"


def params_pairs(params: QueryDict) -> list[list[str]]:
    """The list's GET parameters worth keeping (the page number is not a filter)."""
    return [[name, value] for name, value in params.lists() for value in value if name != "page"]


def params_query(pairs) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


def export_record(*, user, export: Export, params: QueryDict, fmt: str, rows: int, job=None):
    """The audit entry of an export: who exported which list, with which filter."""
    audit.record(
        EXPORTED,
        actor=user,
        target=job,
        data={"list": export.key, "format": fmt, "filter": params_pairs(params), "rows": rows},
    )


def export_start(*, user, export: Export, params: QueryDict, fmt: str, total: int) -> ExportJob:
    now = timezone.now()
    with transaction.atomic():
        job = ExportJob.objects.create(
            created_at=now,
            queued_at=now,
            expires_at=now + EXPORT_LIFETIME,
            requester=user,
            export_key=export.key,
            params=params_pairs(params),
            format=fmt,
            rows_total=total,
        )
        export_record(user=user, export=export, params=params, fmt=fmt, rows=total, job=job)
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> bool:
    from .tasks import run_export

    try:
        run_export.apply_async(args=[job_id])
    except Exception as exc:  # the broker is unreachable: the sweep queues it again
        logger.warning("could not queue export %s, the sweep will: %s", job_id, exc)
        return False
    return True


def _claim(job_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=ExportJob.Status.QUEUED) | Q(
        status=ExportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    return bool(
        ExportJob.objects.filter(claimable, pk=job_id, expires_at__gt=now).update(
            status=ExportJob.Status.RUNNING, started_at=now, rows_done=0
        )
    )


def export_run(*, job_id: int) -> ExportJob | None:
    """Write the job's file; returns the job, or None when there was nothing to do."""
    if not _claim(job_id):
        return None
    job = ExportJob.objects.select_related("requester").get(pk=job_id)
    try:
        name = _write(job)
    except Exception as exc:
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now(), error=str(exc)[:500]
        )
        job.refresh_from_db()
        return job
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE, file=name, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def _write(job: ExportJob) -> str:
    export = EXPORTS.get(job.export_key)
    user = job.requester
    if not user.is_active or not export.allowed(user):
        raise PermissionError(f"{user.pk} may no longer export {export.key}")

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    # Headers and choice labels in the requester's language, as their pages are.
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        queryset = export.rows(user, params_query(job.params))
        with tempfile.TemporaryFile() as out:
            if job.format == ExportJob.Format.XLSX:
                rows = export.cells(queryset)
                title = str(export.label)
                write_xlsx(
                    out, title, export.headers(), rows, export.columns, progress, PROGRESS_EVERY
                )
            else:
                for line in csv_lines(
                    export.headers(), export.cells(queryset), progress, PROGRESS_EVERY
                ):
                    out.write(line)
            out.seek(0)
            # An unguessable name: the file is never served by name, but a name is no clue.
            name = f"{job.pk}-{secrets.token_hex(8)}.{job.format}"
            return job.file.storage.save(name, File(out))


def export_sweep(*, now=None) -> int:
    """Queue again the jobs no worker took (the broker was down when they were started, or a
    worker died holding them). Returns how many were queued."""
    now = now or timezone.now()
    waiting = Q(status=ExportJob.Status.QUEUED, queued_at__lt=now - REQUEUE_AFTER) | Q(
        status=ExportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    ids = list(
        ExportJob.objects.filter(waiting, expires_at__gt=now).values_list("pk", flat=True)[:100]
    )
    ExportJob.objects.filter(pk__in=ids).update(queued_at=now)
    for job_id in ids:
        enqueue(job_id)
    return len(ids)


def export_expire(*, now=None) -> int:
    """Delete the files of expired jobs (the rows stay, to say the export has expired)."""
    now = now or timezone.now()
    deleted = 0
    expired = ExportJob.objects.filter(expires_at__lte=now).exclude(file="")
    for job in expired.only("pk", "file").iterator(chunk_size=200):
        job.file.storage.delete(job.file.name)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        deleted += 1
    return deleted


# --- The staff home's figures as an export ------------------------------------------------


class FigureRows(list):
    """The figures of the staff home as rows: a list that answers what the export views ask of
    a queryset (``count()``, ``iterator()``)."""

    def count(self) -> int:
        return len(self)

    def iterator(self, chunk_size=None):
        return iter(self)


def _figure_rows(user, params):
    """The staff home's figures for the period its GET parameters name (the page's own
    ``figures_for``, so the export and the page cannot disagree), a row per figure."""
    from core.periods import PeriodError, parse_period

    from .selectors import figures_for

    try:
        period = parse_period(params)
    except PeriodError as error:
        raise BadParams({"period": [str(error)]}) from None
    counted = figures_for(user, period)
    groups = dict(GROUPS)
    return FigureRows(
        {**figure, "group_label": groups.get(figure["group"], ""), "period": period}
        for figure in counted["figures"]
    )


UNIT_LABELS = {
    "count": pgettext_lazy("unit", "number"),
    "yuan": pgettext_lazy("unit", "yuan"),
    "hours": pgettext_lazy("unit", "hours"),
}


def _period_cell(figure) -> str:
    return str(_("as of now")) if figure["stock"] else str(figure["period"].label)


register(
    Export(
        key="dashboard.figures",
        label=_("Programme figures"),
        url_name="dashboard:index",
        rows=_figure_rows,
        columns=(
            Column(pgettext_lazy("figures", "Section"), lambda f: text(f["group_label"])),
            Column(_("Figure"), lambda f: text(f["label"])),
            Column(_("Value"), lambda f: f["value"]),
            Column(pgettext_lazy("figures", "Unit"), lambda f: text(UNIT_LABELS[f["unit"]])),
            Column(_("Period"), _period_cell),
            Column(_("How it is counted"), lambda f: text(f["explanation"])),
        ),
    )
)
