"""The jobs app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime

from django.utils import timezone

from jobs import services as jobs_services
from jobs.models import (
    Application,
    ApplicationChange,
    FairRegistration,
    FairStand,
    ImportBatch,
    JobFair,
    Placement,
    Status,
    Vacancy,
)

from ..factories import (
    PartnerMemberFactory,
)

MODULES = [jobs_services]

TABLES = [
    Vacancy,
    Application,
    ApplicationChange,
    Placement,
    ImportBatch,
    JobFair,
    FairStand,
    FairRegistration,
]


def world(w) -> dict:
    """The jobs objects: an open vacancy of the town's employer, youth A's application."""
    vacancy = Vacancy.objects.create(
        enterprise=w.enterprise,
        title="分割工",
        places=3,
        pay_min=4000,
        pay_max=5000,
        location_kind="district",
        location="城关",
        sector="manufacturing",
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    application = Application.objects.create(vacancy=vacancy, youth=w.youth_a)
    batch = ImportBatch.objects.create(
        uploaded_by=w.town_staff,
        centre=w.town_a,
        file_name="a.csv",
        content=b"",
        status="previewed",
    )
    fair = JobFair.objects.create(
        title="春季招聘会",
        centre=w.town_a,
        venue="镇文化广场",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    registration = FairRegistration.objects.create(fair=fair, youth=w.youth_b)
    contact = PartnerMemberFactory(enterprise=w.enterprise).user
    return {
        "vacancy": vacancy,
        "application": application,
        "batch": batch,
        "fair": fair,
        "registration": registration,
        "contact": contact,
    }


SERVICES = {
    "jobs.vacancy_create": (
        jobs_services.vacancy_create,
        lambda w: {
            "actor": w.town_staff,
            "enterprise": w.enterprise,
            "title": "熔炼工",
            "places": 2,
            "pay_min": 5000,
            "pay_max": 7000,
            "location_kind": "export",
            "location": "宁波",
            "sector": "manufacturing",
            "requirements": "",
            "closes_on": timezone.localdate() + datetime.timedelta(days=5),
        },
    ),
    "jobs.vacancy_close": (
        jobs_services.vacancy_close,
        lambda w: {"vacancy": w.vacancy, "actor": w.town_staff},
    ),
    "jobs.application_create": (
        jobs_services.application_create,
        lambda w: {"vacancy": w.vacancy, "youth": w.youth_b},
    ),
    "jobs.application_transition": (
        jobs_services.application_transition,
        lambda w: {
            "application": w.application,
            "to_status": Status.SHORTLISTED,
            "actor": w.town_staff,
        },
    ),
    "jobs.placement_record": (
        jobs_services.placement_record,
        lambda w: {
            "recorded_by": w.town_staff,
            "youth": w.youth_a,
            "employer_name": "鑫达有色金属",
            "job_title": "熔炼工",
            "start_date": datetime.date(2024, 1, 1),
            "how_found": "fair",
        },
    ),
    "jobs.import_upload": (
        jobs_services.import_upload,
        lambda w: {"uploaded_by": w.town_staff, "file_name": "b.csv", "content": b"x"},
    ),
    "jobs.import_confirm": (
        jobs_services.import_confirm,
        lambda w: {"batch": w.batch, "actor": w.town_staff},
    ),
    "jobs.fair_create": (
        jobs_services.fair_create,
        lambda w: {
            "created_by": w.town_staff,
            "title": "秋季招聘会",
            "venue": "广场",
            "starts_at": timezone.now() + datetime.timedelta(days=9),
        },
    ),
    "jobs.fair_stand_book": (
        jobs_services.fair_stand_book,
        lambda w: {"fair": w.fair, "actor": w.contact},
    ),
    "jobs.fair_register": (
        jobs_services.fair_register,
        lambda w: {"fair": w.fair, "youth": w.youth_a},
    ),
    "jobs.fair_attendance_record": (
        jobs_services.fair_attendance_record,
        lambda w: {"fair": w.fair, "actor": w.town_staff, "came": [w.registration.pk]},
    ),
}

FORBIDDEN = {
    "jobs.vacancy_create": {"status": "closed", "filled": 2, "posted_by": lambda w: w.youth_b},
    "jobs.vacancy_close": {"filled": 3, "places": 1, "fields": {"status": "closed"}},
    "jobs.application_create": {"status": Status.HIRED, "reason": "x", "fields": {"message": ""}},
    "jobs.application_transition": {"vacancy": lambda w: w.vacancy, "youth": lambda w: w.youth_b},
    "jobs.placement_record": {"job_key": "x|y", "batch": lambda w: w.batch, "vacancy": None},
    "jobs.import_upload": {"status": "done", "created": 5, "centre": lambda w: w.town_b},
    "jobs.import_confirm": {"status": "done", "created": 5},
    "jobs.fair_create": {"centre": lambda w: w.town_b, "created_at": timezone.now},
    "jobs.fair_stand_book": {"enterprise": lambda w: w.other_enterprise},
    "jobs.fair_register": {"attended": True},
    "jobs.fair_attendance_record": {"attended": True, "youth": lambda w: w.youth_a},
}
