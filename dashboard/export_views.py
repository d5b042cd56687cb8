"""The export pages: a list's export (at once, or in the background), a job's page, its
status for the progress bar, its file, and the requester's exports. A job is its requester's
only: anybody else gets 404, as for any object outside their scope."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.decorators import staff_required
from core.exports import BAD_FILTER, EXPORTS, BadParams, csv_lines, write_xlsx

from .exports import export_record, export_start
from .models import ExportJob

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
MY_EXPORTS_SHOWN = 50


def _filename(key: str, fmt: str, when=None) -> str:
    stamp = timezone.localtime(when).strftime("%Y%m%d-%H%M")
    return f"{key.replace('.', '-')}-{stamp}.{fmt}"


def _back_to_list(export, params):
    try:
        url = reverse(export.url_name)
    except NoReverseMatch:
        url = reverse("dashboard:my_exports")
    query = params.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@staff_required
@never_cache
def export_list(request, key: str, fmt: str):
    if key not in EXPORTS or fmt not in CONTENT_TYPES:
        raise Http404
    export = EXPORTS.get(key)
    if not export.allowed(request.user):
        raise PermissionDenied
    params = request.GET.copy()
    params.pop("page", None)
    try:
        queryset = export.rows(request.user, params)
    except BadParams:
        messages.error(request, BAD_FILTER)
        return _back_to_list(export, params)
    total = queryset.count()
    if total > settings.EXPORT_INLINE_ROWS:
        job = export_start(user=request.user, export=export, params=params, fmt=fmt, total=total)
        return redirect("dashboard:export_job", pk=job.pk)
    export_record(user=request.user, export=export, params=params, fmt=fmt, rows=total)
    out = io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(out, str(export.label), export.headers(), export.cells(queryset), export.columns)
    else:
        for line in csv_lines(export.headers(), export.cells(queryset)):
            out.write(line)
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_filename(key, fmt)}"'
    return response


def _job_for(request, pk: int) -> ExportJob:
    """The job if the viewer asked for it; 404 for everybody else."""
    job = ExportJob.objects.filter(pk=pk, requester=request.user).first()
    if job is None:
        raise Http404
    return job


def _label(job: ExportJob):
    return EXPORTS.get(job.export_key).label if job.export_key in EXPORTS else job.export_key


@staff_required
@never_cache
def export_job(request, pk: int):
    job = _job_for(request, pk)
    return render(
        request,
        "dashboard/exports/job.html",
        {"job": job, "label": _label(job), "expired": job.is_expired()},
    )


@staff_required
@never_cache
def export_job_status(request, pk: int):
    job = _job_for(request, pk)
    expired = job.is_expired()
    ready = job.status == ExportJob.Status.DONE and not expired
    return JsonResponse(
        {
            "status": job.status,
            "label": str(_("Expired")) if expired else job.get_status_display(),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "finished": expired or job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED),
            "download_url": reverse("dashboard:export_file", args=[job.pk]) if ready else None,
        }
    )


@staff_required
@never_cache
def export_file(request, pk: int):
    job = _job_for(request, pk)
    if job.is_expired() or (job.status == ExportJob.Status.DONE and not job.file):
        return render(
            request,
            "dashboard/exports/expired.html",
            {"job": job, "label": _label(job)},
            status=410,
        )
    if job.status != ExportJob.Status.DONE:
        return redirect("dashboard:export_job", pk=job.pk)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename(job.export_key, job.format, job.created_at),
        content_type=CONTENT_TYPES[job.format],
    )


@staff_required
@never_cache
def my_exports(request):
    jobs = list(
        ExportJob.objects.filter(requester=request.user)
        .only(
            *("export_key", "format", "status", "rows_done", "rows_total"),
            *("created_at", "expires_at", "file", "requester_id"),
        )
        .order_by("-created_at", "-pk")[:MY_EXPORTS_SHOWN]
    )
    now = timezone.now()
    for job in jobs:
        job.label = _label(job)
        job.expired = job.is_expired(now)
    return render(request, "dashboard/exports/mine.html", {"jobs": jobs})
