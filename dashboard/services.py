"""Writes of the dashboard: work reports (docs/report.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import services as audit
from core.periods import Period
from core.scoping import in_scope

from .models import WorkReport
from .report import (
    MAX_TITLE,
    SECTION_KEYS,
    default_narrative,
    default_title,
    narrative_problem,
)


def _check_text(*, title: str, narrative: dict) -> dict:
    errors = {}
    problem = narrative_problem(title, limit=MAX_TITLE)
    if problem:
        errors["title"] = problem
    for key, text in narrative.items():
        if key not in SECTION_KEYS:
            errors[key] = _("The report has no such section.")
            continue
        problem = narrative_problem(text)
        if problem:
            errors[key] = problem
    if errors:
        raise ValidationError(errors)
    return narrative


@transaction.atomic
def work_report_create(*, created_by, centre, period: Period, language: str) -> WorkReport:
    """A report for ``centre`` (the author's own or one below it) and ``period``, with the
    default title and paragraphs in ``language``; its figures are never stored."""
    if not in_scope(created_by, centre):
        raise PermissionDenied
    report = WorkReport(
        centre=centre,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        language=language,
        title=default_title(language),
        narrative=default_narrative(language),
        created_by=created_by,
    )
    report.full_clean()
    report.save()
    audit.record(
        "report.created",
        actor=created_by,
        target=report,
        data={"period": period.key, "language": language},
    )
    return report


@transaction.atomic
def work_report_update(*, report: WorkReport, actor, title: str, narrative: dict) -> WorkReport:
    """New words for the title and the paragraphs (by section). Refused whole, with a message
    per field, when a paragraph types a number or names an unknown placeholder."""
    report = WorkReport.objects.select_for_update().get(pk=report.pk)
    if not in_scope(actor, report.centre):
        raise PermissionDenied
    _check_text(title=title, narrative=narrative)
    changed = [key for key, text in narrative.items() if report.narrative.get(key) != text]
    if title != report.title:
        changed.append("title")
    report.title = title
    report.narrative = {**report.narrative, **narrative}
    report.full_clean()
    report.save()
    audit.record("report.changed", actor=actor, target=report, fields=changed)
    return report


def work_report_downloaded(*, report: WorkReport, actor, kind: str) -> None:
    audit.record("report.downloaded", actor=actor, target=report, data={"format": kind})
