"""Long exports run in the background: a job, its progress, its file for its requester only,
its expiry; and what a bad request gets."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from dashboard import exports as jobs
from dashboard.models import ExportJob

from ..factories import YouthProfileFactory
from .helpers import csv_rows, xlsx_rows


def _url(key="accounts.youth", fmt="xlsx", query=""):
    url = reverse("dashboard:export", kwargs={"key": key, "fmt": fmt})
    return f"{url}?{query}" if query else url


@pytest.fixture
def many(settings, village_a1, village_a2, village_b1):
    """Five young people in town A and three in town B; exports above 2 rows are long."""
    settings.EXPORT_INLINE_ROWS = 2
    for i in range(5):
        YouthProfileFactory(home_centre=village_a1 if i % 2 else village_a2, user__name=f"甲{i}")
    for i in range(3):
        YouthProfileFactory(home_centre=village_b1, user__name=f"乙{i}")


def _start(client, django_capture_on_commit_callbacks, fmt="xlsx", query=""):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url(fmt=fmt, query=query))
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:export_job", args=[job.pk])
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_long_export_runs_in_the_background_and_its_file_is_the_rows(
    client, town_staff, many, django_capture_on_commit_callbacks, fmt
):
    client.force_login(town_staff)
    job = _start(client, django_capture_on_commit_callbacks, fmt)

    assert job.requester == town_staff and job.format == fmt
    assert job.status == ExportJob.Status.DONE
    assert job.rows_total == job.rows_done == 5
    assert job.expires_at - job.created_at == datetime.timedelta(days=1)
    status = client.get(reverse("dashboard:export_job_status", args=[job.pk])).json()
    assert status["percent"] == 100 and status["finished"] is True
    assert status["download_url"] == reverse("dashboard:export_file", args=[job.pk])
    page = client.get(reverse("dashboard:export_job", args=[job.pk]))
    assert status["download_url"] in page.content.decode()

    response = client.get(status["download_url"])
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = xlsx_rows(content) if fmt == "xlsx" else csv_rows(content)
    # Town A's five, none of town B's: the worker built the rows as the requester.
    assert sorted(r[0] for r in rows[1:]) == [f"甲{i}" for i in range(5)]
    # Who exported what, with which filter.
    entry = Entry.objects.get(action=jobs.EXPORTED)
    assert entry.actor == town_staff
    assert entry.data == {"list": "accounts.youth", "format": fmt, "filter": [], "rows": 5}


def test_the_filter_goes_with_the_job(
    client, district_staff, many, village_b1, django_capture_on_commit_callbacks
):
    client.force_login(district_staff)
    job = _start(
        client, django_capture_on_commit_callbacks, "csv", f"centre={village_b1.pk}&page=3"
    )

    assert job.params == [["centre", str(village_b1.pk)]]  # the page number is not a filter
    content = b"".join(
        client.get(reverse("dashboard:export_file", args=[job.pk])).streaming_content
    )
    assert sorted(r[0] for r in csv_rows(content)[1:]) == ["乙0", "乙1", "乙2"]


def test_each_town_exports_only_its_own_rows(client, settings, other_town_staff, many, town_a):
    settings.EXPORT_INLINE_ROWS = 3
    client.force_login(other_town_staff)
    response = client.get(_url(fmt="csv"))  # three rows: small, at once
    assert response.status_code == 200
    assert sorted(r[0] for r in csv_rows(response.content)[1:]) == ["乙0", "乙1", "乙2"]
    # Asking for the other town's centre is a filter the page refuses too.
    response = client.get(_url(fmt="csv", query=f"centre={town_a.pk}"))
    assert response.status_code == 302
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(
    "stranger", ["other_town_staff", "district_staff", "village_staff", "youth_a"]
)
def test_a_job_is_its_requesters_only(
    client, cast, town_staff, many, django_capture_on_commit_callbacks, stranger
):
    client.force_login(town_staff)
    job = _start(client, django_capture_on_commit_callbacks)
    client.force_login(cast[stranger])
    for name in ("export_job", "export_job_status", "export_file"):
        assert client.get(reverse(f"dashboard:{name}", args=[job.pk])).status_code == 404, name
    assert f"/{job.pk}/" not in client.get(reverse("dashboard:my_exports")).content.decode()


def test_progress_is_reported_while_the_file_is_written(client, town_staff, many, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", 2)
    seen = []
    update = jobs.ExportJob.objects.filter

    def spy(*args, **kwargs):
        found = update(*args, **kwargs)
        return found

    client.force_login(town_staff)
    response = client.get(_url())  # queued; no on-commit callbacks run
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.QUEUED and job.rows_done == 0
    page = client.get(response["Location"])
    assert b'value="0"' in page.content and b"http-equiv" in page.content  # reloads without JS
    status = client.get(reverse("dashboard:export_job_status", args=[job.pk])).json()
    assert status == {**status, "status": "queued", "percent": 0, "finished": False}
    assert status["download_url"] is None
    # Not ready yet: the download link leads back to the job's page.
    file_response = client.get(reverse("dashboard:export_file", args=[job.pk]))
    assert file_response.status_code == 302

    import core.exports

    original = core.exports._counted

    def counted(rows, progress, every):
        for row in original(rows, progress, every):
            seen.append(ExportJob.objects.get(pk=job.pk).rows_done)
            yield row

    monkeypatch.setattr(core.exports, "_counted", counted)
    jobs.export_run(job_id=job.pk)
    # After every second row the job said how far it was.
    assert seen == [0, 0, 2, 2, 4]
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.percent == 100


def test_a_job_runs_once_however_often_it_is_queued(client, town_staff, many):
    client.force_login(town_staff)
    client.get(_url())
    job = ExportJob.objects.get()
    assert jobs.export_run(job_id=job.pk) is not None
    assert jobs.export_run(job_id=job.pk) is None
    assert jobs.export_sweep(now=timezone.now() + datetime.timedelta(minutes=5)) == 0


def test_a_job_the_broker_did_not_take_is_queued_again_by_the_sweep(
    client, town_staff, many, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(jobs, "enqueue", lambda job_id: queued.append(job_id) or False)
    client.force_login(town_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url())
    job = ExportJob.objects.get()
    assert queued == [job.pk] and job.status == ExportJob.Status.QUEUED

    assert jobs.export_sweep() == 0  # too soon: it may still be on its way
    later = timezone.now() + jobs.REQUEUE_AFTER + datetime.timedelta(seconds=1)
    assert jobs.export_sweep(now=later) == 1
    assert queued == [job.pk, job.pk]


def test_a_job_of_someone_who_may_no_longer_export_fails(client, town_staff, many):
    client.force_login(town_staff)
    client.get(_url())
    job = ExportJob.objects.get()
    town_staff.staff_profile.delete()
    town_staff.refresh_from_db()

    jobs.export_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and not job.file


def test_after_a_day_the_export_has_expired_and_its_file_is_deleted(
    client, town_staff, many, django_capture_on_commit_callbacks
):
    client.force_login(town_staff)
    job = _start(client, django_capture_on_commit_callbacks)
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)

    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    response = client.get(reverse("dashboard:export_file", args=[job.pk]))
    assert response.status_code == 410
    assert "导出文件已过期" in response.content.decode() or "expired" in response.content.decode()
    assert (
        client.get(reverse("dashboard:export_job_status", args=[job.pk])).json()["download_url"]
        is None
    )

    assert jobs.export_expire() == 1
    assert not storage.exists(name)
    job.refresh_from_db()
    assert not job.file
    assert jobs.export_expire() == 0
    assert client.get(reverse("dashboard:export_file", args=[job.pk])).status_code == 410


def test_export_files_are_outside_the_public_folders(
    settings, client, town_staff, many, django_capture_on_commit_callbacks
):
    client.force_login(town_staff)
    job = _start(client, django_capture_on_commit_callbacks)
    path = job.file.path
    assert path.startswith(str(settings.EXPORT_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT)) and not path.startswith(
        str(settings.STATIC_ROOT)
    )
    assert job.file.storage.base_url in (None, "")  # no URL serves them


# --- bad requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/staff/exports/accounts.nothing.xlsx",
        "/staff/exports/nothing.youth.csv",
        "/staff/exports/accounts.youth.pdf",
        "/staff/exports/accounts.youth.",
        "/staff/exports/accounts.youth",
        "/staff/exports/999999/",
        "/staff/exports/999999/status/",
        "/staff/exports/999999/file/",
        "/staff/exports/99999999999999999999/file/",
    ],
)
def test_unknown_exports_and_jobs_are_404(client, town_staff, url):
    client.force_login(town_staff)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("key", "query"),
    [
        ("accounts.youth", "education_level=nonsense"),
        ("accounts.youth", "centre=abc"),
        ("accounts.youth", "centre=99999999999999999999999"),
        ("projects.projects", "stage=%00"),
        ("loans.referrals", "status=nonsense"),
        ("internships.placements", "attention=soon"),
        ("mentors.matches", "status=nonsense"),
    ],
)
def test_a_bad_filter_is_refused_with_a_message_and_nothing_is_exported(
    client, town_staff, many, key, query
):
    client.force_login(town_staff)
    response = client.get(_url(key, "csv", query))
    assert response.status_code == 302
    assert "?" in response["Location"]  # back to the list, its filter kept to correct
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "列表的筛选条件无效，未导出任何内容：请在列表上更正。"
    ]
    assert (
        not ExportJob.objects.exists() and not Entry.objects.filter(action=jobs.EXPORTED).exists()
    )


@pytest.mark.parametrize(
    ("key", "query", "status"),
    [
        ("training.enrolments", "", 302),
        ("training.enrolments", "course=x", 302),
        ("training.enrolments", "course=999999", 404),
        ("jobs.applications", "vacancy=-1", 302),
        ("training.attendance", "session=999999", 404),
    ],
)
def test_a_per_object_export_needs_an_object_of_the_viewers_scope(
    client, town_staff, key, query, status
):
    client.force_login(town_staff)
    assert client.get(_url(key, "xlsx", query)).status_code == status


def test_the_audit_log_export_is_for_coordinators_only(client, town_staff, district_staff):
    client.force_login(town_staff)
    assert client.get(_url("audit.entries")).status_code == 403
    client.force_login(district_staff)
    assert client.get(_url("audit.entries")).status_code == 200


# --- a fixed number of queries ------------------------------------------------------------

# each: the session, the user with their roles, then the job or the jobs (the menu's counts
# are kept a minute).
PINNED = {"export_job": 3, "export_job_status": 3, "my_exports": 3}


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", list(PINNED))
def test_the_job_pages_ask_a_fixed_number_of_queries(client, town_staff, page):
    client.force_login(town_staff)

    def make(n):
        for _ in range(n):
            ExportJob.objects.create(
                requester=town_staff, export_key="accounts.youth", format="csv"
            )

    make(1)
    first = ExportJob.objects.earliest("pk")
    url = reverse(f"dashboard:{page}", args=[first.pk] if page != "my_exports" else None)
    few = _count(client, url)
    make(30)
    many = _count(client, url)
    assert few == many == PINNED[page], (few, many)
