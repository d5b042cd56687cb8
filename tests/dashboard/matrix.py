"""Permission-matrix rows of dashboard (gathered by tests/test_permission_matrix.py)."""

from django.core.files.base import ContentFile

from dashboard.models import ExportJob

from ..matrix import row


def objects(cast, **_):
    """A finished export of town A's staff member: theirs alone."""
    job = ExportJob.objects.create(
        requester=cast["town_staff"],
        export_key="accounts.youth",
        format=ExportJob.Format.CSV,
        status=ExportJob.Status.DONE,
        rows_total=1,
        rows_done=1,
    )
    job.file.save(f"{job.pk}-matrix.csv", ContentFile(b"\xef\xbb\xbfa\r\n"))
    return {"export_job": job}


STAFF_PAGE = row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)
# A job is its requester's only: every other person, staff or not, gets 404.
REQUESTER_ONLY = row(302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404)

# url name → (function building reverse() args from the objects, statuses[, method])
ROWS = {
    "dashboard:index": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # The young people's list as Excel (small: it downloads at once), for every staff member:
    # each gets the rows of their own scope (tests/exports/test_jobs.py).
    "dashboard:export": (lambda o: ["accounts.youth", "xlsx"], STAFF_PAGE),
    "dashboard:my_exports": (None, STAFF_PAGE),
    "dashboard:export_job": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
    "dashboard:export_job_status": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
    "dashboard:export_file": (lambda o: [o["export_job"].pk], REQUESTER_ONLY),
}
