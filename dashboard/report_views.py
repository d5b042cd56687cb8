"""Work reports (docs/report.md): list, generate, edit the words, read, download.

Reports are fetched through ``WorkReport.objects.visible_to``: another town's report is a 404.
The figures are counted for the report's centre and period on every page and download
(``report_figures``); only the words come from the database.
"""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core.db_router import reads_from_replica
from core.decorators import staff_required
from core.figures import FIGURES
from core.paging import CountedPaginator

from .forms import WorkReportCreateForm, WorkReportTextForm
from .models import WorkReport
from .report import FIGURE_PLACEHOLDERS, WORD_PLACEHOLDERS, document, plain, title_text
from .report_figures import centre_viewer, figures_for_report
from .report_files import docx_bytes, pdf_bytes
from .services import work_report_create, work_report_downloaded, work_report_update

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report(request, pk: int) -> WorkReport:
    return get_object_or_404(
        WorkReport.objects.visible_to(request.user).select_related("centre"), pk=pk
    )


def _document(request, report: WorkReport) -> dict:
    viewer = centre_viewer(request.user, report.centre)
    return document(report, figures_for_report(viewer, report.period))


@staff_required
@reads_from_replica
def report_list(request):
    reports = WorkReport.objects.visible_to(request.user).select_related("centre")
    page = CountedPaginator(reports, 25).get_page(request.GET.get("page"))
    for report in page:
        report.display_title = title_text(report)
    return render(request, "dashboard/report_list.html", {"page": page, "reports": page})


@staff_required
def report_create(request):
    form = WorkReportCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report = work_report_create(
            created_by=request.user,
            centre=form.cleaned_data["centre"],
            period=form.cleaned_data["the_period"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("The report was generated: edit its words, then download it."))
        return redirect("dashboard:report_detail", pk=report.pk)
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(request, "dashboard/report_form.html", {"form": form})


@staff_required
@reads_from_replica
def report_detail(request, pk: int):
    report = _report(request, pk)
    return render(
        request, "dashboard/report_detail.html", {"report": report, **_document(request, report)}
    )


def _placeholders() -> list[tuple[str, str]]:
    labels = {figure.key: figure.label for figure in FIGURES}
    rows = [(name, labels[key]) for name, key in FIGURE_PLACEHOLDERS.items() if key in labels]
    words = {
        "centre": _("the centre's name"),
        "committee": _("the centre's Youth League committee"),
        "area": _("the whole area: the district, the town or the village"),
        "period": _("the report's period"),
    }
    return rows + [(name, words[name]) for name in WORD_PLACEHOLDERS]


@staff_required
def report_edit(request, pk: int):
    report = _report(request, pk)
    form = WorkReportTextForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            work_report_update(
                report=report,
                actor=request.user,
                title=form.cleaned_data["title"].strip(),
                narrative=form.narrative(),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("The report's text was saved."))
            return redirect("dashboard:report_detail", pk=report.pk)
    if request.method == "POST":
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "dashboard/report_edit.html",
        {"report": report, "form": form, "placeholders": _placeholders()},
    )


def _filename(report: WorkReport, doc: dict, extension: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", plain(doc["title"])).strip()[:80]
    return f"{name or 'report'}.{extension}"


def _download(request, pk: int, kind: str, build, content_type: str) -> HttpResponse:
    report = _report(request, pk)
    doc = _document(request, report)
    response = HttpResponse(build(doc), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, _filename(report, doc, kind))
    work_report_downloaded(report=report, actor=request.user, kind=kind)
    return response


@staff_required
def report_docx(request, pk: int):
    return _download(request, pk, "docx", docx_bytes, DOCX)


@staff_required
def report_pdf(request, pk: int):
    return _download(request, pk, "pdf", pdf_bytes, "application/pdf")
