"""The project services (create, update, outcomes, business facts) and the uploads of the
youth's project form: only real PDFs and real photos, and a refused upload writes nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from audit.models import Entry
from projects.models import (
    OUTCOME_TWICE,
    USCC_REQUIRED,
    YOUTH_JOBS_EXCEED,
    OutcomeReport,
    ProjectPhoto,
    Stage,
    StageChange,
    VentureProject,
)
from projects.reminders import previous_quarter
from projects.services import (
    MEMBER_NOT_YOUTH,
    NOT_EDITABLE,
    OUTCOME_BEFORE_LAUNCH,
    OUTCOME_FUTURE,
    OUTCOME_NOT_LAUNCHED,
    USCC_TAKEN,
    outcome_report_submit,
    project_create,
    project_facts_update,
    project_update,
)
from projects.uploads import PLAN_ENCRYPTED, PLAN_NO_PAGES, PLAN_NOT_PDF, PLAN_TOO_LARGE

from ..factories import VentureProjectFactory, YouthProfileFactory, make_uscc, pdf_bytes


def zh(message) -> str:
    with translation.override("zh-hans"):
        return str(message)


def encrypted_pdf_bytes() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PAGELESS_PDF = pdf_bytes(pages=0)


def image_bytes(fmt: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 140, 60)).save(out, format=fmt)
    return out.getvalue()


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- project_create and project_update ---------------------------------------------------


def _fields(centre, **extra):
    return {
        "name": "竹编工作室",
        "sector": "culture",
        "centre": centre,
        "description": "把竹编做成文创产品。",
        **extra,
    }


def test_it_creates_a_project_with_its_first_history_row_and_an_audit_entry(youth_a, village_a1):
    member = YouthProfileFactory(home_centre=village_a1).user

    project = project_create(lead=youth_a, **_fields(village_a1), members=[member, youth_a])

    project.refresh_from_db()
    assert project.stage == Stage.IDEA
    assert project.lead == youth_a
    assert list(project.members.all()) == [member]  # the lead is not a member of their own
    history = list(project.history.values_list("from_stage", "to_stage", "actor_id"))
    assert history == [("", Stage.IDEA, youth_a.pk)]
    entry = Entry.objects.get(action="project.created")
    assert (entry.actor, entry.target_id) == (youth_a, str(project.pk))
    assert entry.centre == village_a1


def test_it_refuses_members_who_are_not_registered_young_people(youth_a, village_a1, town_staff):
    with pytest.raises(ValidationError) as excinfo:
        project_create(lead=youth_a, **_fields(village_a1), members=[town_staff])

    assert excinfo.value.message_dict == {"members": [str(MEMBER_NOT_YOUTH)]}
    assert not VentureProject.objects.exists()
    assert not StageChange.objects.exists()
    assert not Entry.objects.filter(action="project.created").exists()


def test_it_leaves_no_plan_file_behind_when_create_is_refused(
    youth_a, village_a1, town_staff, settings
):
    # The transaction is rolled back, but the plan was already written to
    # storage: files no row points to, which an erasure of the young person cannot find.
    with pytest.raises(ValidationError):
        project_create(
            lead=youth_a,
            **_fields(village_a1),
            members=[town_staff],
            business_plan=ContentFile(pdf_bytes(), name="plan.pdf"),
        )
    assert not VentureProject.objects.exists()
    assert media_files(settings) == []


def test_it_leaves_no_new_plan_file_behind_when_update_is_refused(
    youth_a, village_a1, town_staff, settings
):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1)

    with pytest.raises(ValidationError):
        project_update(
            project=project,
            actor=youth_a,
            members=[town_staff],
            business_plan=ContentFile(pdf_bytes(), name="plan.pdf"),
        )
    project.refresh_from_db()
    assert not project.business_plan
    assert media_files(settings) == []


def test_it_refuses_a_staff_member_as_a_new_member_on_update(youth_a, village_a1, town_staff):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1)

    with pytest.raises(ValidationError) as excinfo:
        project_update(project=project, actor=youth_a, name="新名字", members=[town_staff])

    assert excinfo.value.message_dict == {"members": [str(MEMBER_NOT_YOUTH)]}
    project.refresh_from_db()
    assert project.name != "新名字"
    assert not project.members.exists()


@pytest.mark.parametrize("stage", Stage.values)
def test_it_lets_only_the_lead_edit_and_only_while_idea_or_applied(
    youth_a, village_a1, town_staff, stage
):
    member = YouthProfileFactory(home_centre=village_a1).user
    project = VentureProjectFactory(
        lead=youth_a, centre=village_a1, stage=stage, name="原名称", members=[member]
    )

    for outsider in (member, town_staff):
        with pytest.raises(ValidationError) as excinfo:
            project_update(project=project, actor=outsider, name="别人改的")
        assert excinfo.value.messages == [str(NOT_EDITABLE)]
    project.refresh_from_db()
    assert project.name == "原名称"

    if stage in (Stage.IDEA, Stage.APPLIED):
        project_update(project=project, actor=youth_a, name="新名称")
        project.refresh_from_db()
        assert project.name == "新名称"
        entry = Entry.objects.get(action="project.changed")
        assert entry.data == {"fields": ["name"]}
    else:
        with pytest.raises(ValidationError) as excinfo:
            project_update(project=project, actor=youth_a, name="新名称")
        assert excinfo.value.messages == [str(NOT_EDITABLE)]
        project.refresh_from_db()
        assert project.name == "原名称"
        assert not Entry.objects.filter(action="project.changed").exists()


def test_it_replaces_the_plan_and_removes_the_old_file(youth_a, village_a1, settings):
    project = project_create(
        lead=youth_a,
        **_fields(village_a1),
        business_plan=ContentFile(pdf_bytes(title="first"), name="plan.pdf"),
    )
    first = project.business_plan.name

    # on_commit runs inside the test's transaction only when asked to.
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        project_update(
            project=project,
            actor=youth_a,
            business_plan=ContentFile(pdf_bytes(title="second"), name="plan.pdf"),
        )

    project.refresh_from_db()
    assert project.business_plan.name != first
    assert b"/Title (second)" in project.business_plan.read()
    assert [p.name for p in media_files(settings)] == [project.business_plan.name.split("/")[-1]]


# --- outcome reports ---------------------------------------------------------------------


def _quarter_after(year, quarter):
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _quarter_before(year, quarter):
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@pytest.fixture
def prev():
    """(year, quarter, end) of the last quarter that has ended."""
    return previous_quarter(timezone.localdate())


@pytest.fixture
def launched(youth_a, village_a1, prev):
    """Launched a year before the previous quarter ended: several quarters to report."""
    member = YouthProfileFactory(home_centre=village_a1, user__email="m@example.com").user
    return VentureProjectFactory(
        lead=youth_a,
        centre=village_a1,
        stage=Stage.LAUNCHED,
        signed_on=prev[2] - datetime.timedelta(days=400),
        launched_on=prev[2] - datetime.timedelta(days=370),
        members=[member],
    )


def _report(project, actor, year, quarter, jobs=5, youth=2, band="lt50k"):
    return outcome_report_submit(
        project=project,
        actor=actor,
        year=year,
        quarter=quarter,
        jobs=jobs,
        jobs_for_youth=youth,
        revenue_band=band,
    )


@pytest.mark.parametrize(
    "stage", [s for s in Stage.values if s not in (Stage.LAUNCHED, Stage.OPERATING)]
)
def test_it_takes_outcome_figures_only_from_launched_projects(youth_a, village_a1, prev, stage):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=stage)

    with pytest.raises(ValidationError) as excinfo:
        _report(project, youth_a, prev[0], prev[1])

    assert excinfo.value.messages == [str(OUTCOME_NOT_LAUNCHED)]
    assert not OutcomeReport.objects.exists()


def test_it_takes_outcome_figures_from_an_operating_project(youth_a, village_a1, prev):
    project = VentureProjectFactory(
        lead=youth_a,
        centre=village_a1,
        stage=Stage.OPERATING,
        launched_on=prev[2] - datetime.timedelta(days=10),
    )

    report = _report(project, youth_a, prev[0], prev[1])

    assert OutcomeReport.objects.get() == report


def test_it_refuses_figures_for_the_current_and_future_quarters(launched, youth_a, prev):
    current = _quarter_after(prev[0], prev[1])
    for year, quarter in (current, _quarter_after(*current), (current[0] + 1, current[1])):
        with pytest.raises(ValidationError) as excinfo:
            _report(launched, youth_a, year, quarter)
        assert excinfo.value.message_dict == {"quarter": [str(OUTCOME_FUTURE)]}
    assert not OutcomeReport.objects.exists()


def test_it_refuses_figures_for_a_quarter_that_ended_before_the_launch(youth_a, village_a1, prev):
    project = VentureProjectFactory(
        lead=youth_a,
        centre=village_a1,
        stage=Stage.LAUNCHED,
        launched_on=prev[2] - datetime.timedelta(days=20),  # inside the previous quarter
    )
    before = _quarter_before(prev[0], prev[1])

    with pytest.raises(ValidationError) as excinfo:
        _report(project, youth_a, *before)

    assert excinfo.value.message_dict == {"quarter": [str(OUTCOME_BEFORE_LAUNCH)]}
    assert not OutcomeReport.objects.exists()
    # The quarter in which it launched has ended and may be reported.
    assert _report(project, youth_a, prev[0], prev[1]).pk


def test_it_takes_figures_once_per_quarter(launched, youth_a, town_staff, prev):
    _report(launched, youth_a, prev[0], prev[1], jobs=5, youth=2)

    with pytest.raises(ValidationError) as excinfo:
        _report(launched, town_staff, prev[0], prev[1], jobs=9, youth=9)

    assert excinfo.value.messages == [str(OUTCOME_TWICE)]
    assert OutcomeReport.objects.count() == 1
    launched.refresh_from_db()
    assert (launched.jobs_created, launched.jobs_for_youth) == (5, 2)


def test_it_refuses_more_youth_jobs_than_jobs(launched, youth_a, prev):
    with pytest.raises(ValidationError) as excinfo:
        _report(launched, youth_a, prev[0], prev[1], jobs=3, youth=4)

    assert str(YOUTH_JOBS_EXCEED) in excinfo.value.messages
    assert not OutcomeReport.objects.exists()
    launched.refresh_from_db()
    assert (launched.jobs_created, launched.jobs_for_youth) == (0, 0)


def test_it_keeps_the_project_figures_of_the_latest_quarter(launched, youth_a, prev):
    older = _quarter_before(prev[0], prev[1])

    _report(launched, youth_a, *older, jobs=4, youth=1)
    launched.refresh_from_db()
    assert (launched.jobs_created, launched.jobs_for_youth) == (4, 1)

    _report(launched, youth_a, prev[0], prev[1], jobs=12, youth=7)
    launched.refresh_from_db()
    assert (launched.jobs_created, launched.jobs_for_youth) == (12, 7)

    # A late report for an even older quarter does not overwrite the latest figures.
    _report(launched, youth_a, *_quarter_before(*older), jobs=2, youth=0)
    launched.refresh_from_db()
    assert (launched.jobs_created, launched.jobs_for_youth) == (12, 7)
    assert OutcomeReport.objects.filter(project=launched).count() == 3
    assert Entry.objects.filter(action="project.outcome_reported").count() == 3


def test_it_takes_figures_from_the_team_and_staff_but_not_from_strangers(
    launched, youth_b, town_staff, prev
):
    member = launched.members.get()
    older = _quarter_before(prev[0], prev[1])

    with pytest.raises(PermissionDenied):
        _report(launched, youth_b, prev[0], prev[1])
    assert not OutcomeReport.objects.exists()

    assert _report(launched, member, prev[0], prev[1]).reported_by == member
    assert _report(launched, town_staff, *older).reported_by == town_staff


# --- business facts ----------------------------------------------------------------------


@pytest.fixture
def signed(youth_a, village_a1):
    return VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.SIGNED)


FACTS = {
    "is_registered": True,
    "business_name": "梅岭竹编工作室",
    "uscc": make_uscc(4242),
    "investment": Decimal("150000.00"),
    "jobs_created": 6,
    "jobs_for_youth": 4,
    "in_demo_park": True,
}


def test_it_lets_staff_record_business_facts(signed, town_staff):
    project_facts_update(project=signed, actor=town_staff, **FACTS)

    signed.refresh_from_db()
    assert {f: getattr(signed, f) for f in FACTS} == FACTS
    entry = Entry.objects.get(action="project.facts_changed")
    assert entry.actor == town_staff
    assert set(entry.data["fields"]) == set(FACTS)
    assert FACTS["uscc"] not in str(entry.data)  # names of fields, never values


def test_it_does_not_let_the_lead_record_business_facts(signed, youth_a):
    with pytest.raises(PermissionDenied):
        project_facts_update(project=signed, actor=youth_a, **FACTS)

    signed.refresh_from_db()
    assert not signed.is_registered
    assert signed.uscc is None


@pytest.mark.parametrize("uscc", ["", None])
def test_it_requires_a_code_for_a_registered_business(signed, town_staff, uscc):
    with pytest.raises(ValidationError) as excinfo:
        project_facts_update(project=signed, actor=town_staff, **{**FACTS, "uscc": uscc})

    assert str(USCC_REQUIRED) in excinfo.value.messages
    signed.refresh_from_db()
    assert not signed.is_registered


def test_it_refuses_a_code_another_project_is_registered_with(
    signed, town_staff, youth_a, village_a1
):
    VentureProjectFactory(
        lead=youth_a, centre=village_a1, is_registered=True, uscc=FACTS["uscc"], name="先注册的"
    )

    with pytest.raises(ValidationError) as excinfo:
        project_facts_update(project=signed, actor=town_staff, **FACTS)

    assert excinfo.value.message_dict == {"uscc": [str(USCC_TAKEN)]}
    signed.refresh_from_db()
    assert signed.uscc is None
    assert not signed.is_registered


def test_it_refuses_more_youth_jobs_than_jobs_in_the_facts(signed, town_staff):
    with pytest.raises(ValidationError) as excinfo:
        project_facts_update(project=signed, actor=town_staff, **{**FACTS, "jobs_for_youth": 7})

    assert str(YOUTH_JOBS_EXCEED) in excinfo.value.messages
    signed.refresh_from_db()
    assert signed.jobs_created == 0


def test_it_shows_the_missing_code_on_the_facts_page(client, signed, town_staff):
    client.force_login(town_staff)

    response = client.post(
        reverse("projects:facts", args=[signed.pk]),
        {"is_registered": "on", "business_name": "某公司", "uscc": "", "investment": "0",
         "jobs_created": "0", "jobs_for_youth": "0"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].errors["uscc"] == [zh(USCC_REQUIRED)]
    signed.refresh_from_db()
    assert not signed.is_registered


# --- uploads through the youth's project form --------------------------------------------


CREATE = "/me/projects/new/"


def form_data(village_a1, **extra):
    return {
        "name": "山货直播间",
        "sector": "ecommerce",
        "centre": str(village_a1.pk),
        "description": "把村里的山货通过直播卖出去。",
        "members_text": "",
        "story": "",
        **extra,
    }


def _post(client, data):
    return client.post(CREATE, data)  # multipart: the test client's default


def test_the_project_form_sets_the_showcase_through_its_own_service(client, youth_a, village_a1):
    client.force_login(youth_a)
    data = form_data(village_a1, showcase_opt_in="on", story="山货卖到全国。")

    assert _post(client, data).status_code == 302

    project = VentureProject.objects.get()
    assert (project.showcase_opt_in, project.story) == (True, "山货卖到全国。")
    actions = list(Entry.objects.order_by("pk").values_list("action", "data"))
    assert actions[-2:] == [
        ("project.created", {}),
        ("project.changed", {"fields": ["showcase_opt_in", "story"]}),
    ]

    edit = reverse("projects:edit", args=[project.pk])
    assert client.post(edit, {**data, "name": "山货优选", "showcase_opt_in": ""}).status_code == 302

    project.refresh_from_db()
    assert (project.name, project.showcase_opt_in, project.story) == (
        "山货优选",
        False,
        "山货卖到全国。",
    )
    assert project.stage == Stage.IDEA


def test_it_accepts_a_real_pdf_and_serves_it_to_the_lead_and_staff_in_scope(
    client, cast, youth_a, village_a1, settings
):
    plan = pdf_bytes(title="the real plan")
    client.force_login(youth_a)

    response = _post(
        client,
        form_data(village_a1, plan_upload=_as_plan(plan, name="我的计划.pdf")),
    )

    project = VentureProject.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert project.business_plan.name.startswith("projects/plans/")
    assert "我的计划" not in project.business_plan.name  # the upload's name is not kept
    assert len(media_files(settings)) == 1

    url = reverse("projects:plan", args=[project.pk])
    for who in ("youth_a", "village_staff", "town_staff", "district_staff"):
        client.force_login(cast[who])
        response = client.get(url)
        assert response.status_code == 200, who
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == plan
    for who in ("other_town_staff", "youth_b"):
        client.force_login(cast[who])
        assert client.get(url).status_code == 404, who


def _as_plan(content: bytes, name="plan.pdf"):
    return SimpleUploadedFile(name, content, "application/pdf")


REFUSED_PLANS = {
    "text named .pdf": (lambda: _as_plan("这是一个商业计划。\n".encode() * 50), PLAN_NOT_PDF),
    "png named .pdf": (lambda: _as_plan(image_bytes("PNG")), PLAN_NOT_PDF),
    "pdf header without end": (lambda: _as_plan(b"%PDF-1.4\n" + b"x" * 5000), PLAN_NOT_PDF),
    "header and end only": (lambda: _as_plan(b"%PDF-1.4\n%%EOF\n"), PLAN_NOT_PDF),
    "pdf cut in half": (lambda: _as_plan(pdf_bytes()[:200]), PLAN_NOT_PDF),
    "pdf without pages": (lambda: _as_plan(PAGELESS_PDF), PLAN_NO_PAGES),
    "pdf with a password": (lambda: _as_plan(encrypted_pdf_bytes()), PLAN_ENCRYPTED),
    "11 MB pdf": (lambda: _as_plan(pdf_bytes(padding=11 * 1024 * 1024)), PLAN_TOO_LARGE),
    # Django's own "The submitted file is empty."
    "empty file": (lambda: _as_plan(b""), None),
}


@pytest.mark.parametrize("case", list(REFUSED_PLANS))
def test_it_refuses_a_plan_that_is_not_a_pdf_and_writes_nothing(
    client, youth_a, village_a1, settings, case
):
    make_upload, message = REFUSED_PLANS[case]
    client.force_login(youth_a)

    response = _post(client, form_data(village_a1, plan_upload=make_upload()))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["plan_upload"]
    if message is not None:
        assert errors["plan_upload"] == [zh(message)]
        assert zh(message) in response.content.decode()
    assert not VentureProject.objects.exists()
    assert not StageChange.objects.exists()
    assert not Entry.objects.filter(action="project.created").exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "门店.jpg"), ("PNG", "logo.png")])
def test_it_accepts_jpeg_and_png_photos(client, youth_a, village_a1, settings, fmt, name):
    client.force_login(youth_a)
    upload = SimpleUploadedFile(name, image_bytes(fmt, (2400, 1200)), f"image/{fmt.lower()}")

    response = _post(client, form_data(village_a1, photo_uploads=[upload]))

    assert response.status_code == 302
    photo = ProjectPhoto.objects.get()
    assert photo.project == VentureProject.objects.get()
    with Image.open(photo.image) as stored:  # re-encoded, fitted inside 1600×1600
        assert stored.format == "JPEG"
        assert stored.size == (1600, 800)
    assert len(media_files(settings)) == 1


def test_it_accepts_several_photos_at_once(client, youth_a, village_a1):
    client.force_login(youth_a)
    uploads = [SimpleUploadedFile(f"p{i}.jpg", image_bytes("JPEG"), "image/jpeg") for i in range(3)]

    assert _post(client, form_data(village_a1, photo_uploads=uploads)).status_code == 302
    assert ProjectPhoto.objects.count() == 3


REFUSED_PHOTOS = {
    "gif": lambda: SimpleUploadedFile("a.gif", image_bytes("GIF"), "image/gif"),
    "gif named .jpg": lambda: SimpleUploadedFile("a.jpg", image_bytes("GIF"), "image/jpeg"),
    "text named .jpg": lambda: SimpleUploadedFile("a.jpg", b"not a photo at all", "image/jpeg"),
    "pdf named .jpg": lambda: SimpleUploadedFile("a.jpg", pdf_bytes(), "image/jpeg"),
    "truncated jpeg": lambda: SimpleUploadedFile(
        "a.jpg", image_bytes("JPEG", (300, 300))[:200], "image/jpeg"
    ),
}


@pytest.mark.parametrize("case", list(REFUSED_PHOTOS))
def test_it_refuses_a_photo_that_is_not_a_jpeg_or_png_and_writes_nothing(
    client, youth_a, village_a1, settings, case
):
    client.force_login(youth_a)
    good = SimpleUploadedFile("ok.jpg", image_bytes("JPEG"), "image/jpeg")
    plan = SimpleUploadedFile("plan.pdf", pdf_bytes(), "application/pdf")

    response = _post(
        client,
        form_data(village_a1, plan_upload=plan, photo_uploads=[good, REFUSED_PHOTOS[case]()]),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["photo_uploads"]
    assert not VentureProject.objects.exists()
    assert not ProjectPhoto.objects.exists()
    assert media_files(settings) == []


def test_it_refuses_more_than_six_photos_at_once(client, youth_a, village_a1, settings):
    client.force_login(youth_a)
    uploads = [SimpleUploadedFile(f"p{i}.jpg", image_bytes("JPEG"), "image/jpeg") for i in range(7)]

    response = _post(client, form_data(village_a1, photo_uploads=uploads))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["photo_uploads"]
    assert not VentureProject.objects.exists()
    assert media_files(settings) == []


def test_it_invites_members_by_email_or_mobile_and_refuses_malformed_ones(
    client, youth_a, youth_b, town_staff, village_a1
):
    from accounts.models import Invitation

    client.force_login(youth_a)

    refused = _post(client, form_data(village_a1, members_text="youth.b@example.com\n1234"))
    assert refused.status_code == 200
    assert "1234" in refused.context["form"].errors["members_text"][0]
    assert not VentureProject.objects.exists() and not Invitation.objects.exists()

    accepted = _post(client, form_data(village_a1, members_text="13800000002, youth.a@example.com"))
    assert accepted.status_code == 302
    project = VentureProject.objects.get()
    assert not project.members.exists()  # on the team only once they accept
    invited = Invitation.objects.get()  # the lead's own address is skipped
    assert invited.phone == "13800000002" and invited.target_id == str(project.pk)
