"""Money and counts group thousands in Chinese too (youthventure/formats/); ids, years and form
values are never grouped."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.forms import YouthProfileForm
from projects.forms import FactsForm
from projects.models import Stage, VentureProject

from .factories import VentureProjectFactory

LANGUAGES = ["zh-hans", "en"]


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load humanize %}" + source).render(Context(context))


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_and_counts_are_grouped_by_thousands(language):
    money = "¥{{ amount|floatformat:0|intcomma }}"
    assert render(money, language, amount=Decimal("540000.00")) == "¥540,000"
    assert render(money, language, amount=Decimal("1234567.89")) == "¥1,234,568"
    assert render(money, language, amount=Decimal("999")) == "¥999"
    assert render("{{ n|intcomma }}", language, n=12345) == "12,345"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plain_numbers_years_and_ids_are_not_grouped(language):
    assert not settings.USE_THOUSAND_SEPARATOR
    assert render("{{ year }} {{ pk }} {{ amount }}", language, year=2024, pk=123456,
                  amount=Decimal("540000.00")) == "2024 123456 540000.00"  # fmt: skip
    with translation.override(language):
        assert reverse("projects:detail", args=[123456]).endswith("/123456/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_values_are_not_grouped(language, youth_a):
    profile = youth_a.youth_profile
    profile.graduation_year = 2024
    project = VentureProject(investment=Decimal("540000.00"), jobs_created=1200)
    with translation.override(language):
        profile_html = str(YouthProfileForm(instance=profile)["graduation_year"])
        facts = FactsForm(instance=project)
        investment_html, jobs_html = str(facts["investment"]), str(facts["jobs_created"])
    assert 'value="2024"' in profile_html
    assert 'value="540000.00"' in investment_html
    assert 'value="1200"' in jobs_html


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_pages_show_grouped_money(client, district_staff, village_a1, language):
    project = VentureProjectFactory(
        centre=village_a1, stage=Stage.LAUNCHED, investment=Decimal("540000.00")
    )
    client.force_login(district_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    detail = client.get(reverse("projects:detail", args=[project.pk]))
    listing = client.get(reverse("projects:list"))
    assert detail.status_code == listing.status_code == 200
    assert "¥540,000" in detail.content.decode()
    assert "¥540,000" in listing.content.decode()
