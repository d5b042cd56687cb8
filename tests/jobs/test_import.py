"""Import of past placements: preview with a reason per refused row, confirm, nothing written
for refused rows, a file imported twice creates nothing new, placements counted once across
the import and the portal's own hires."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jobs import imports, services
from jobs.models import (
    BatchStatus,
    HowFound,
    ImportBatch,
    ImportRow,
    Placement,
    Status,
    job_key,
)

from ..factories import make_national_id
from .factories import make_application, make_vacancy
from .importing import make_people, placements_csv


def _csv(*rows) -> bytes:
    lines = ["身份证号,用人单位,岗位,入职日期"] + [",".join(r) for r in rows]
    return "\n".join(lines).encode("utf-8")


def _run(staff, content, name="past.csv"):
    batch = services.import_upload(uploaded_by=staff, file_name=name, content=content)
    batch = imports.import_check(batch.pk)
    return batch


def _confirm(staff, batch):
    services.import_confirm(batch=batch, actor=staff)
    return imports.import_apply(batch.pk)


def test_each_refused_row_has_its_reason_and_nothing_is_written_before_confirming(
    town_staff, youth_a, village_a1
):
    nid = youth_a.youth_profile.national_id
    future = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    unknown = make_national_id(999, born=datetime.date(1990, 5, 5))
    batch = _run(
        town_staff,
        _csv(
            (nid, "华美肉制品有限公司", "分割工", "2024-03-01"),
            (unknown, "华美肉制品有限公司", "分割工", "2024-03-01"),
            (nid, "华美肉制品有限公司", "分割工", "2024-04-01"),
            (nid, "鑫达有色金属", "熔炼工", future),
            ("12345", "鑫达有色金属", "熔炼工", "2024-03-01"),
            (nid, "鑫达有色金属", "熔炼工", "2024-02-30"),
        ),
    )
    assert batch.status == BatchStatus.PREVIEWED
    assert (batch.total, batch.to_create, batch.matched, batch.refused) == (6, 1, 0, 5)
    reasons = dict(ImportRow.objects.filter(batch=batch).values_list("line", "reason"))
    assert reasons[3] == str(imports.ID_UNKNOWN)
    assert reasons[4] == str(imports.DUPLICATE_ROW) % {"row": 2}
    assert reasons[5] == str(imports.DATE_FUTURE)
    assert reasons[6] == str(imports.ID_BAD)
    assert reasons[7] == str(imports.DATE_BAD)
    assert not Placement.objects.exists()
    batch = _confirm(town_staff, batch)
    assert batch.created == 1
    placement = Placement.objects.get()
    assert (placement.youth, placement.how_found) == (youth_a, HowFound.IMPORT)


def test_ids_outside_the_staff_members_area_read_as_unknown(other_town_staff, youth_a):
    nid = youth_a.youth_profile.national_id
    batch = _run(other_town_staff, _csv((nid, "华美肉制品", "分割工", "2024-03-01")))
    assert batch.refused == 1
    assert ImportRow.objects.get(batch=batch).reason == str(imports.ID_UNKNOWN)


def test_a_workbook_is_read_too(town_staff, youth_a):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["身份证号", "用人单位", "岗位", "入职日期", "劳务输出"])
    sheet.append(
        [youth_a.youth_profile.national_id, "远洋劳务", "船员", datetime.date(2023, 6, 1), "是"]
    )
    out = io.BytesIO()
    book.save(out)
    batch = _confirm(town_staff, _run(town_staff, out.getvalue(), "past.xlsx"))
    assert batch.created == 1
    assert Placement.objects.get().labour_export is True


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04 broken", "姓名,手机\n张三,138\n".encode(), b"\xff\xfe\x00\x00garbage\x00"],
)
def test_a_file_that_cannot_be_read_is_refused_whole(town_staff, content):
    batch = _run(town_staff, content)
    assert batch.status == BatchStatus.FAILED
    assert batch.error
    assert not Placement.objects.exists()


def test_importing_the_same_file_twice_creates_nothing_new(town_staff, youth_a, youth_b):
    content = _csv((youth_a.youth_profile.national_id, "华美肉制品", "分割工", "2024-03-01"))
    first = _confirm(town_staff, _run(town_staff, content))
    second = _run(town_staff, content)
    assert (first.created, second.to_create, second.matched) == (1, 0, 1)
    second = _confirm(town_staff, second)
    assert second.created == 0
    assert Placement.objects.count() == 1


def test_a_hire_through_the_portal_and_the_import_count_once(
    town_staff, youth_a, enterprise_contact, partner_enterprise
):
    vacancy = make_vacancy(partner_enterprise, title="分割工")
    application = make_application(vacancy, youth_a, status=Status.ACCEPTED)
    services.application_transition(
        application=application, to_status=Status.HIRED, actor=enterprise_contact
    )
    # The same job written in the spreadsheet's own way (spaces, full-width brackets).
    content = _csv(
        (youth_a.youth_profile.national_id, f" {partner_enterprise.name} ", "分割工", "2024-03-01")
    )
    batch = _run(town_staff, content)
    assert (batch.to_create, batch.matched) == (0, 1)
    assert _confirm(town_staff, batch).created == 0
    assert Placement.objects.filter(youth=youth_a).count() == 1


def test_an_import_then_a_hire_count_once(
    town_staff, youth_a, enterprise_contact, partner_enterprise
):
    content = _csv(
        (youth_a.youth_profile.national_id, partner_enterprise.name, "分割工", "2024-03-01")
    )
    _confirm(town_staff, _run(town_staff, content))
    vacancy = make_vacancy(partner_enterprise, title="分割工")
    application = make_application(vacancy, youth_a, status=Status.ACCEPTED)
    services.application_transition(
        application=application, to_status=Status.HIRED, actor=enterprise_contact
    )
    assert Placement.objects.filter(youth=youth_a).count() == 1


def test_the_database_refuses_a_second_placement_in_the_same_job(youth_a, village_a1):
    values = {
        "youth": youth_a,
        "centre": village_a1,
        "employer_name": "华美",
        "job_title": "分割工",
        "job_key": job_key("华美", "分割工"),
        "start_date": datetime.date(2024, 1, 1),
        "how_found": HowFound.STAFF,
    }
    Placement.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(**values)
    assert Placement.objects.count() == 1


def test_a_staff_record_of_the_same_job_is_refused(town_staff, youth_a):
    call = {
        "recorded_by": town_staff,
        "youth": youth_a,
        "employer_name": "鑫达有色金属",
        "job_title": "熔炼工",
        "start_date": datetime.date(2024, 5, 1),
        "how_found": HowFound.FAIR,
    }
    services.placement_record(**call)
    with pytest.raises(Exception):  # noqa: B017 - ValidationError with PLACED_TWICE
        services.placement_record(**{**call, "employer_name": "鑫达有色金属 "})
    assert Placement.objects.count() == 1


def test_the_pages_upload_preview_confirm(
    client, town_staff, youth_a, django_capture_on_commit_callbacks
):
    client.force_login(town_staff)
    content = _csv((youth_a.youth_profile.national_id, "华美肉制品", "分割工", "2024-03-01"))
    # The check and the import run as Celery tasks after commit (inline here: TASKS_INLINE).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:import_upload"),
            {"file": SimpleUploadedFile("past.csv", content, content_type="text/csv")},
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("jobs:import_detail", args=[batch.pk])).content.decode()
    assert 'id="count-create">1<' in page
    assert not Placement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.content) == (BatchStatus.DONE, 1, None)
    # A second confirmation does nothing more.
    client.post(reverse("jobs:import_confirm", args=[batch.pk]))
    assert Placement.objects.count() == 1


@pytest.mark.postgres
def test_twenty_thousand_rows_with_five_percent_bad(town_staff, village_a1):
    ids = make_people(19_000, village_a1)
    content, bad = placements_csv(ids, rows=20_000)
    assert bad == 1000
    batch = _run(town_staff, content)
    assert (batch.total, batch.refused, batch.to_create) == (20_000, 1000, 19_000)
    assert ImportRow.objects.filter(batch=batch).exclude(reason="").count() == 1000
    batch = _confirm(town_staff, batch)
    assert batch.created == 19_000 == Placement.objects.count()
    again = _confirm(town_staff, _run(town_staff, content))
    assert (again.created, again.matched, again.refused) == (0, 19_000, 1000)
    assert Placement.objects.count() == 19_000
