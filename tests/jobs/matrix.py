"""Permission-matrix rows of jobs (gathered by tests/test_permission_matrix.py)."""

import datetime

from django.utils import timezone

from jobs.models import FairRegistration, ImportBatch, JobFair

from ..matrix import row
from .factories import make_application, make_vacancy


def objects(cast, *, youth_a, partner_enterprise, town_a, town_staff, **_):
    vacancy = make_vacancy(partner_enterprise)
    other = make_vacancy(partner_enterprise, title="仓库管理员")
    application = make_application(vacancy, youth_a)
    batch = ImportBatch.objects.create(
        uploaded_by=town_staff, centre=town_a, file_name="past.csv", content=b""
    )
    fair = JobFair.objects.create(
        title="春季招聘会",
        centre=town_a,
        venue="镇文化广场",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    FairRegistration.objects.create(fair=fair, youth=youth_a)
    return {
        "vacancy": vacancy,
        "fresh_vacancy": other,
        "application": application,
        "batch": batch,
        "fair": fair,
    }


# The vacancy belongs to the enterprise of town A (its contact is ``enterprise_contact``); the
# application is youth_a's (village A1). Employers see only their own vacancies and
# applicants: the other enterprise's contact gets 404, as does staff outside town A.
ROWS = {
    # The public list and an open vacancy: everyone, signed in or not.
    "jobs:vacancy_list": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "jobs:vacancy_detail": (
        lambda o: [o["vacancy"].pk],
        row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ),
    # Young people apply (an empty message is fine): sent on to the application.
    "jobs:apply": (
        lambda o: [o["fresh_vacancy"].pk],
        row(302, 302, 302, 404, 404, 404, 404, 404, 404, 404, 404),
        "post",
    ),
    "jobs:mine": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    # The applicant, staff of the applicant's centre and above, the employer's own contact.
    "jobs:application_detail": (
        lambda o: [o["application"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 200, 404),
    ),
    # An empty post is refused by the form: back to the page, for those who see it.
    "jobs:application_move": (
        lambda o: [o["application"].pk],
        row(302, 302, 404, 302, 302, 404, 302, 404, 404, 302, 404),
        "post",
    ),
    # Employer pages: staff and employers' contacts (their own vacancies only).
    "jobs:vacancy_manage": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 200, 200)),
    "jobs:vacancy_create": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 200, 200)),
    # The employer is registered with town A: the village officer is below it (404).
    "jobs:applicants": (
        lambda o: [o["vacancy"].pk],
        row(302, 404, 404, 404, 200, 404, 200, 404, 404, 200, 404),
    ),
    "jobs:vacancy_close": (
        lambda o: [o["vacancy"].pk],
        row(302, 404, 404, 404, 302, 404, 302, 404, 404, 302, 404),
        "post",
    ),
    # Placements and their import: staff pages.
    "jobs:placement_list": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "jobs:placement_create": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "jobs:import_upload": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # The import was uploaded at town A: town A and the district see it.
    "jobs:import_detail": (
        lambda o: [o["batch"].pk],
        row(302, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Still being checked: confirming is refused with a message (a redirect back).
    "jobs:import_confirm": (
        lambda o: [o["batch"].pk],
        row(302, 404, 404, 404, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    # Job fairs: public pages; young people register (youth A already is: told so, back to
    # the page), employers' contacts book a stand; staff organise; staff of the organising
    # town and above record who came.
    "jobs:fair_list": (None, row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "jobs:fair_detail": (
        lambda o: [o["fair"].pk],
        row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "jobs:fair_register": (
        lambda o: [o["fair"].pk],
        row(302, 302, 302, 404, 404, 404, 404, 404, 404, 404, 404),
        "post",
    ),
    "jobs:fair_stand_book": (
        lambda o: [o["fair"].pk],
        row(302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 302),
        "post",
    ),
    "jobs:fair_create": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "jobs:fair_attendance": (
        lambda o: [o["fair"].pk],
        row(302, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404),
    ),
}
