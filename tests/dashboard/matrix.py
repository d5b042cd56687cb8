"""Permission-matrix rows of dashboard (gathered by tests/test_permission_matrix.py)."""

from django.core.files.base import ContentFile

from core.periods import parse_period
from dashboard.models import ExportJob
from dashboard.services import work_report_create

from ..matrix import row


def objects(cast, *, town_staff, town_a, **_):
    report = work_report_create(
        created_by=town_staff,
        centre=town_a,
        period=parse_period({"period": "this_year"}),
        language="zh-hans",
    )
    # A finished export of town A's staff member: theirs alone.
    job = ExportJob.objects.create(
        requester=cast["town_staff"],
        export_key="accounts.youth",
        format=ExportJob.Format.CSV,
        status=ExportJob.Status.DONE,
        rows_total=1,
        rows_done=1,
    )
    job.file.save(f"{job.pk}-matrix.csv", ContentFile(b"\xef\xbb\xbfa\r\n"))
    return {"work_report": report, "export_job": job}


def _report(o):
    return [o["work_report"].pk]


# Staff pages: 404 to everyone who is not staff. The report is town A's: its staff and the
# district's see it; village A1's staff (below the town) and town B's do not.
STAFF = row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)
# A job is its requester's only: every other person, staff or not, gets 404.
REQUESTER_ONLY = row(302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404)
TOWN_A_REPORT = row(302, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404)

# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "dashboard:index": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # A figure's drill-down: every staff member sees the records of their own subtree (a
    # foreign centre parameter is a 404: tests/dashboard/test_drill_down.py).
    "dashboard:figure": (
        lambda o: ["accounts.youth_registered"],
        row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404),
    ),
    "dashboard:report_list": (None, STAFF),
    "dashboard:report_create": (None, STAFF),
    "dashboard:report_detail": (_report, TOWN_A_REPORT),
    "dashboard:report_edit": (_report, TOWN_A_REPORT),
    "dashboard:report_docx": (_report, TOWN_A_REPORT),
    "dashboard:report_pdf": (_report, TOWN_A_REPORT),
    "dashboard:queues": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # The young people's list as Excel (small: it downloads at once), for every staff member:
    # each gets the rows of their own scope (tests/exports/test_jobs.py).
    "dashboard:export": (lambda o: ["accounts.youth", "xlsx"], STAFF),
    "dashboard:my_exports": (None, STAFF),
    "dashboard:export_job": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
    "dashboard:export_job_status": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
    "dashboard:export_file": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
}
