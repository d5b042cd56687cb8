"""The staff home's figures exported: the same figures and values as the page, for the
period the page shows, and only the viewer's part of the tree."""

from django.urls import reverse

from dashboard.refresh import refresh_figures

from ..factories import VentureProjectFactory
from .helpers import body, csv_rows, xlsx_rows


def _page_values(client, query=""):
    response = client.get(reverse("dashboard:index") + query)
    figures = response.context["figures"]
    return {str(f["label"]): f["value"] for f in figures}, {f["key"]: f["value"] for f in figures}


def test_the_figures_export_holds_the_page_figures_and_values(
    client, town_staff, other_town_staff, village_a1, village_b1
):
    from projects.models import Stage

    VentureProjectFactory.create_batch(3, centre=village_a1, stage=Stage.LAUNCHED)
    VentureProjectFactory.create_batch(2, centre=village_b1, stage=Stage.LAUNCHED)
    refresh_figures()
    for viewer, launched in ((town_staff, 3), (other_town_staff, 2)):
        client.force_login(viewer)
        for query in ("", "?period=last_year", "?period=custom&start=2020-01-01&end=2027-12-31"):
            shown, by_key = _page_values(client, query)
            url = reverse("dashboard:export", args=["dashboard.figures", "xlsx"]) + query
            sheet = xlsx_rows(body(client.get(url)))
            url = reverse("dashboard:export", args=["dashboard.figures", "csv"]) + query
            table = csv_rows(body(client.get(url)))
            for rows in (sheet, table):
                exported = {row[1]: row[2] for row in rows[1:]}
                assert {k: int(v) for k, v in exported.items()} == shown
            assert by_key["projects.signed_or_launched"] == launched


def test_a_bad_period_exports_nothing_and_says_why(client, town_staff):
    client.force_login(town_staff)
    url = reverse("dashboard:export", args=["dashboard.figures", "csv"]) + "?period=2999q9"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "text/csv" not in response.get("Content-Type", "")
