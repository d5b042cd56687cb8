"""An export holds the rows the list page shows, with the same values, for the same viewer
and filter: read back with openpyxl and with the csv module."""

from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from lxml import html

from accounts.models import Education, EmploymentStatus
from projects.models import Stage

from ..factories import VentureProjectFactory, YouthProfileFactory
from .helpers import csv_rows, page_rows, xlsx_rows

DASH = "—"


def _export(client, key, fmt, query=""):
    url = reverse("dashboard:export", kwargs={"key": key, "fmt": fmt})
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200, response
    assert "attachment" in response["Content-Disposition"]
    return xlsx_rows(response.content) if fmt == "xlsx" else csv_rows(response.content)


def _headers(response) -> list[str]:
    tree = html.fromstring(response.content.decode())
    return [" ".join(th.text_content().split()) for th in tree.xpath("//table//thead//th")]


def _both(client, key, query):
    xlsx = _export(client, key, "xlsx", query)
    csv_ = _export(client, key, "csv", query)
    # The two formats hold the same values (csv as text, empty cells as "").
    as_text = [["" if v is None else str(v) for v in row] for row in xlsx]
    assert as_text == csv_
    return xlsx


@pytest.fixture
def young_people(village_a1, village_a2, village_b1):
    made = [
        YouthProfileFactory(
            home_centre=village_a1, user__name="=HYPERLINK(1)", user__phone="13912345678",
            national_id="110101199003074516", education_level=Education.BACHELOR,
            employment_status=EmploymentStatus.SEEKING,
        ),
        YouthProfileFactory(
            home_centre=village_a2, user__name="", user__email="no.name@example.com",
            user__phone=None, national_id=None, education_level=Education.BACHELOR,
            employment_status="",
        ),
        YouthProfileFactory(home_centre=village_a1, education_level=Education.POSTGRADUATE),
        YouthProfileFactory(home_centre=village_b1, education_level=Education.BACHELOR),
    ]  # fmt: skip
    return made


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("query", ["", f"education_level={Education.BACHELOR}"])
def test_the_youth_export_is_the_youth_list(client, town_staff, young_people, language, query):
    client.force_login(town_staff)
    with translation.override(language):
        page = client.get(
            reverse("accounts:youth_list") + "?" + query, HTTP_ACCEPT_LANGUAGE=language
        )
        exported = _both(client, "accounts.youth", query)

    header, *rows = exported
    assert header == _headers(page)
    shown = [[DASH if v is None else v.removeprefix("'") for v in row] for row in rows]
    assert shown == page_rows(page)
    # Town A's staff: town B's young person is in neither.
    assert len(rows) == (2 if query else 3)
    # The name that looks like a formula is neutralised, and masked numbers stay masked.
    first = rows[0] if rows[0][0].startswith("'") else rows[-1]
    assert first[0] == "'=HYPERLINK(1)"
    assert first[1] == "139****5678"
    assert "199003" not in "".join(str(v) for row in rows for v in row)


def _project_cells(row) -> list[str]:
    """An exported project as the list's cells show it."""
    name, park, lead, stage, sector, centre, jobs, investment = row
    first = name + (f" {gettext('Park')}" if park == gettext("Yes") else "") + (lead or "")
    return [
        first.strip(),
        stage,
        sector or "",
        centre,
        str(jobs),
        f"¥{intcomma(investment)}",
    ]


def test_the_project_export_is_the_project_list(client, town_staff, youth_a, village_a1, town_b):
    VentureProjectFactory(
        name="茶园",
        lead=youth_a,
        centre=village_a1,
        stage=Stage.LAUNCHED,
        in_demo_park=True,
        jobs_created=12345,
        investment=Decimal("1234567.50"),
    )
    VentureProjectFactory(name="+SUM(A1)", lead=youth_a, centre=village_a1, stage=Stage.IDEA)
    VentureProjectFactory(name="@other", lead=youth_a, centre=village_a1, stage=Stage.LAUNCHED)
    VentureProjectFactory(name="B town", lead=youth_a, centre=town_b, stage=Stage.LAUNCHED)
    client.force_login(town_staff)
    query = f"stage={Stage.LAUNCHED}"

    with translation.override("zh-hans"):
        page = client.get(reverse("projects:list") + "?" + query)
        header, *rows = _both(client, "projects.projects", query)
        cells = [
            _project_cells([v.removeprefix("'") if isinstance(v, str) else v for v in row])
            for row in rows
        ]

    assert cells == page_rows(page)
    assert {row[0] for row in rows} == {"茶园", "'@other"}
    launched = next(row for row in rows if row[0] == "茶园")
    assert launched[6] == 12345 and launched[7] == 1234568  # numbers stay numbers
