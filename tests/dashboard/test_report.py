"""The work report: its figures are the dashboard's for the same centre and period, in the
web version, the Word file and the PDF; staff edit its words, never its figures."""

import datetime
import io
import re
from decimal import Decimal

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from core.figures import FIGURES
from core.periods import parse_period
from dashboard.models import WorkReport
from dashboard.refresh import refresh_figures
from dashboard.report import (
    FIGURE_PLACEHOLDERS,
    default_narrative,
    format_figure,
    narrative_problem,
    placeholders_in,
)
from dashboard.report_figures import figures_for_report
from dashboard.services import work_report_create
from guidance.models import Case, Status
from projects.models import Stage

from ..factories import VentureProjectFactory, YouthProfileFactory

THIS_YEAR = parse_period({"period": "this_year"})
# The figures the standard text shows.
SHOWN = {
    FIGURE_PLACEHOLDERS[name]
    for text in default_narrative("zh-hans").values()
    for name in placeholders_in(text)
    if name in FIGURE_PLACEHOLDERS
}


def test_every_placeholder_names_a_registered_figure_and_the_text_shows_most():
    registered = {figure.key for figure in FIGURES}
    assert set(FIGURE_PLACEHOLDERS.values()) <= registered
    assert len(SHOWN) >= 24
    assert default_narrative("en").keys() == default_narrative("zh-hans").keys()
    for language in ("en", "zh-hans"):
        for text in default_narrative(language).values():
            assert narrative_problem(text) is None, text


@pytest.fixture
def records(village_a1, village_a2, village_b1):
    """Town A: 3 projects under way (2 in A1, 1 in A2), a resolved case that recovered
    12,345 yuan; town B: 2 projects and a case of 500 yuan."""
    for centre, n in ((village_a1, 2), (village_a2, 1), (village_b1, 2)):
        VentureProjectFactory.create_batch(n, centre=centre, stage=Stage.LAUNCHED)
    VentureProjectFactory(centre=village_a1, stage=Stage.IDEA)  # not counted
    for centre, amount in ((village_a1, "12345"), (village_b1, "500")):
        youth = YouthProfileFactory(home_centre=centre).user
        Case.objects.create(
            youth=youth,
            centre=centre,
            kind="wages",
            other_party="Green Hill Construction",
            description="Wages unpaid.",
            status=Status.RESOLVED,
            amount_recovered=Decimal(amount),
            resolved_on=timezone.localdate(),
        )


def _values(viewer, period=THIS_YEAR) -> dict:
    return {f["key"]: f for f in figures_for_report(viewer, period)["figures"]}


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Lines wrap anywhere in Chinese: compare without the line breaks.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _create(client, user, centre, period="this_year", language="zh-hans", **extra):
    client.force_login(user)
    data = {"centre": centre.pk, "period": period, "language": language, **extra}
    return client.post(reverse("dashboard:report_create"), data)


def _shown(response) -> dict:
    """The figures of the web version: key → value, from the links' data."""
    html = response.content.decode()
    return {
        key: int(value)
        for key, value in re.findall(r'data-figure="([^"]+)" data-value="(\d+)"', html)
    }


def _every_version(client, report) -> tuple[dict, str, str]:
    web = client.get(reverse("dashboard:report_detail", args=[report.pk]))
    word = client.get(reverse("dashboard:report_docx", args=[report.pk]))
    pdf = client.get(reverse("dashboard:report_pdf", args=[report.pk]))
    assert web.status_code == word.status_code == pdf.status_code == 200
    return _shown(web), _docx_text(word.content), _pdf_text(pdf.content)


def test_district_report_shows_the_dashboard_figures_in_every_version(
    client, district_staff, district, records
):
    response = _create(client, district_staff, district)
    report = WorkReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:report_detail", args=[report.pk])

    web, word, pdf = _every_version(client, report)
    dashboard = _values(district_staff)

    # Counted independently: 5 projects under way, 12,845 yuan recovered.
    assert dashboard["projects.signed_or_launched"]["value"] == 5
    assert dashboard["guidance.yuan_recovered"]["value"] == 12845
    for key in SHOWN:
        assert web[key] == dashboard[key]["value"], key
    assert "全区已签定和启动的青春创业项目达5个" in word
    assert "挽回经济损失1.28万元" in word
    assert "Test District团委开展青春创业行动工作报告" in word
    for text in (word, pdf):
        for key in ("projects.signed_or_launched", "mentors.mentors", "guidance.cases_opened"):
            figure = dashboard[key]
            assert format_figure(figure["value"], figure["unit"], "zh-hans") in text
    assert "全区已签定和启动的青春创业项目达5个" in pdf
    assert "挽回经济损失1.28万元" in pdf


def test_a_towns_report_equals_the_towns_dashboard_whoever_writes_it(
    client, district_staff, town_staff, town_a, records
):
    _create(client, district_staff, town_a)
    _create(client, town_staff, town_a)
    town_dashboard = _values(town_staff)
    assert town_dashboard["projects.signed_or_launched"]["value"] == 3  # not town B's 2
    assert town_dashboard["guidance.yuan_recovered"]["value"] == 12345
    for report in WorkReport.objects.all():
        web, word, pdf = _every_version(client, report)
        for key in SHOWN:
            assert web[key] == town_dashboard[key]["value"], key
        for text in (word, pdf):
            assert "全镇已签定和启动的青春创业项目达3个" in text
            assert "挽回经济损失1.23万元" in text


def test_english_report_reads_naturally_with_the_same_figures(client, town_staff, town_a, records):
    _create(client, town_staff, town_a, language="en")
    report = WorkReport.objects.get()
    web, word, pdf = _every_version(client, report)
    assert web["projects.signed_or_launched"] == 3
    assert "3 youth venture projects were signed or launched in the town" in word
    assert "12,345 yuan of losses were recovered" in word
    assert word.splitlines()[0].startswith("Work report of the Youth League committee of")
    assert "The Youth League committee of" in word  # capitalised at a sentence's start
    assert "3youthventureprojectsweresignedorlaunchedinthetown" in pdf


def test_the_figures_are_counted_again_each_time_the_report_is_shown(
    client, town_staff, town_a, village_a1, records
):
    _create(client, town_staff, town_a)
    report = WorkReport.objects.get()
    VentureProjectFactory(centre=village_a1, stage=Stage.SIGNED)
    web, word, _pdf = _every_version(client, report)
    assert web["projects.signed_or_launched"] == 4
    assert "全镇已签定和启动的青春创业项目达4个" in word


def test_custom_and_quarter_periods_count_only_their_own_days(
    client, town_staff, town_a, village_a1
):
    last_year = timezone.localdate().year - 1
    Case.objects.create(
        youth=YouthProfileFactory(home_centre=village_a1).user,
        centre=village_a1,
        kind="wages",
        other_party="X",
        description="Y",
        status=Status.RESOLVED,
        amount_recovered=Decimal("800"),
        resolved_on=datetime.date(last_year, 5, 5),
    )
    _create(
        client,
        town_staff,
        town_a,
        period="custom",
        start=f"{last_year}-05-01",
        end=f"{last_year}-05-31",
    )
    _create(client, town_staff, town_a, period=f"{last_year}q3")
    may, q3 = WorkReport.objects.order_by("pk")
    assert may.period_key == "custom" and q3.period_key == f"{last_year}q3"
    assert _every_version(client, may)[0]["guidance.yuan_recovered"] == 800
    assert _every_version(client, q3)[0]["guidance.yuan_recovered"] == 0


# --- Editing the words, never the figures ---------------------------------------------------


def _edit_data(report, **changes) -> dict:
    return {"title": report.title, **report.narrative, **changes}


def test_staff_edit_the_words_and_the_figures_stay_the_records(client, town_staff, town_a, records):
    _create(client, town_staff, town_a)
    report = WorkReport.objects.get()
    url = reverse("dashboard:report_edit", args=[report.pk])
    opening = "{period}，{area}共有{projects}个青春创业项目签约或启动，成绩喜人。"
    response = client.post(url, _edit_data(report, opening=opening, title="{centre}工作总结"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative["opening"] == opening
    _web, word, pdf = _every_version(client, report)
    assert word.splitlines()[0] == "Town A工作总结"
    assert "全镇共有3个青春创业项目签约或启动，成绩喜人。" in word
    assert "全镇共有3个青春创业项目签约或启动" in pdf
    assert Entry.objects.filter(action="report.changed", target_id=str(report.pk)).exists()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        # A typed number in place of the placeholder: refused, whatever the digits.
        ("opening", "{period}，全镇已签定和启动的青春创业项目达30个。", "不能包含数字"),
        ("opening", "项目达３０个。", "不能包含数字"),
        ("title", "2026年工作报告", "不能包含数字"),
        # A placeholder that is no figure, and stray braces.
        ("opening", "项目达{projects_total}个。", "没有名为"),
        ("closing", "下一步{ 工作", "花括号"),
        ("rights", "长" * 2001, "2000"),
    ],
)
def test_an_edit_that_types_a_figure_is_refused_and_nothing_changes(
    client, town_staff, town_a, records, field, text, message
):
    _create(client, town_staff, town_a)
    report = WorkReport.objects.get()
    before = (report.title, dict(report.narrative), report.updated_at)
    client.force_login(town_staff)
    response = client.post(
        reverse("dashboard:report_edit", args=[report.pk]),
        _edit_data(report, **{field: text}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    report.refresh_from_db()
    assert (report.title, report.narrative, report.updated_at) == before
    assert not Entry.objects.filter(action="report.changed").exists()


def test_narrative_problem_accepts_known_placeholders_only():
    assert narrative_problem("{area}已有{mentors}名创业导师。") is None
    assert narrative_problem("{area}已有三十名创业导师。") is None  # words, not digits
    assert narrative_problem("{mentors}名导师，外加5名") is not None


def test_numbers_read_as_the_district_report_writes_them():
    assert format_figure(19, "count", "zh-hans") == "19"
    assert format_figure(21000, "count", "zh-hans") == "2.1万"
    assert format_figure(3_125_000, "yuan", "zh-hans") == "312.5万元"
    assert format_figure(800, "yuan", "zh-hans") == "800元"
    assert format_figure(12, "hours", "zh-hans") == "12小时"
    assert format_figure(21000, "count", "en") == "21,000"
    assert format_figure(3_125_000, "yuan", "en") == "3,125,000 yuan"


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"period": "2099q1"}, "选择一个有效的选项"),
        ({"period": "custom", "start": "2026-05-31", "end": "2026-05-01"}, "晚于"),
        ({"period": "custom", "start": "someday"}, "日期"),
        ({"language": "fr"}, "选择一个有效的选项"),
    ],
)
def test_bad_choices_make_no_report(client, town_staff, town_a, extra, message):
    response = _create(client, town_staff, town_a, **extra)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WorkReport.objects.exists()


def test_a_centre_outside_the_scope_is_refused(client, town_staff, town_b, district):
    for centre in (town_b, district):
        response = _create(client, town_staff, centre)
        assert response.status_code == 200
        assert "选择一个有效的选项" in response.content.decode()
    assert not WorkReport.objects.exists()


# --- Who sees which report -------------------------------------------------------------------

REPORT_URLS = [
    "dashboard:report_detail",
    "dashboard:report_edit",
    "dashboard:report_docx",
    "dashboard:report_pdf",
]


def test_another_towns_staff_never_see_a_towns_reports(
    client, town_staff, other_town_staff, village_staff, town_a, village_a1, records
):
    town_report = work_report_create(
        created_by=town_staff, centre=town_a, period=THIS_YEAR, language="zh-hans"
    )
    village_report = work_report_create(
        created_by=town_staff, centre=village_a1, period=THIS_YEAR, language="zh-hans"
    )
    client.force_login(other_town_staff)
    for name in REPORT_URLS:
        for report in (town_report, village_report):
            assert client.get(reverse(name, args=[report.pk])).status_code == 404, name
        post = client.post(reverse(name, args=[town_report.pk]), {"title": "x"})
        assert post.status_code in (404, 405), name
    listing = client.get(reverse("dashboard:report_list"))
    assert b"data-report=" not in listing.content
    # A village's staff see their village's report only.
    client.force_login(village_staff)
    for name in REPORT_URLS:
        assert client.get(reverse(name, args=[town_report.pk])).status_code == 404
        assert client.get(reverse(name, args=[village_report.pk])).status_code == 200
    listing = client.get(reverse("dashboard:report_list")).content.decode()
    assert f'data-report="{village_report.pk}"' in listing
    assert f'data-report="{town_report.pk}"' not in listing
    town_report.refresh_from_db()
    assert town_report.title != "x"


def test_downloads_have_sane_file_names_and_are_audited(client, town_staff, town_a):
    _create(client, town_staff, town_a)
    report = WorkReport.objects.get()
    response = client.get(reverse("dashboard:report_docx", args=[report.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert disposition.endswith(".docx")
    assert "%E5%9B%A2%E5%A7%94" in disposition  # 团委, percent-encoded (RFC 5987)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("dashboard:report_pdf", args=[report.pk]))
    assert pdf.content.startswith(b"%PDF-") and pdf["Content-Disposition"].endswith(".pdf")
    actions = list(Entry.objects.values_list("action", "data__format"))
    assert ("report.created", None) in actions
    assert ("report.downloaded", "docx") in actions and ("report.downloaded", "pdf") in actions
    # The Word file asks for a Chinese font for Chinese characters.
    document = docx.Document(io.BytesIO(response.content))
    fonts = document.paragraphs[0].runs[0]._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


# --- Query counts ----------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_report_pages_take_as_many_queries_for_many_records_as_for_one(
    client, town_staff, town_a, village_a1
):
    for _n in range(3):
        work_report_create(
            created_by=town_staff, centre=village_a1, period=THIS_YEAR, language="zh-hans"
        )
    report = work_report_create(
        created_by=town_staff, centre=town_a, period=THIS_YEAR, language="en"
    )
    refresh_figures()  # the dashboard's summary table, which the report reads
    client.force_login(town_staff)
    urls = [
        reverse("dashboard:report_list"),
        reverse("dashboard:report_create"),
        reverse("dashboard:report_detail", args=[report.pk]),
        reverse("dashboard:report_edit", args=[report.pk]),
    ]
    client.get(urls[0])  # the first request after signing in also reads the session's data
    few = [_queries(client, url) for url in urls]
    VentureProjectFactory.create_batch(5, centre=village_a1, stage=Stage.LAUNCHED)
    for _n in range(20):
        work_report_create(
            created_by=town_staff, centre=village_a1, period=THIS_YEAR, language="zh-hans"
        )
    refresh_figures()
    many = [_queries(client, url) for url in urls]
    assert few == many
    # The list: session, user, count, page; the detail: the report and the counted figures.
    assert few[0] <= 8
    assert few[2] <= 12
