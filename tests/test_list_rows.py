"""The list rows written in Python (accounts' youth_rows, projects' project_rows) are the
markup the templates wrote, in both languages and for awkward values."""

from decimal import Decimal

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import timezone, translation

from projects.models import Stage

from .factories import UserFactory, VentureProjectFactory, YouthProfileFactory

OLD_YOUTH_ROWS = """{% load personal_data lists %}{% for profile in page %}
    <tr>
      <td><a href="{{ profile.pk|row_url:'accounts:youth_detail' }}">{{ profile.user.name|default:profile.user.email }}</a></td>
      <td class="text-nowrap">{{ profile.user.phone|phone:reveal|default:"—" }}</td>
      <td class="d-none d-md-table-cell text-nowrap">{{ profile.national_id|national_id:reveal|default:"—" }}</td>
      <td>{{ profile.home_centre|default:"—" }}</td>
      <td class="d-none d-lg-table-cell">{{ profile|display:"education_level"|default:"—" }}</td>
      <td>{{ profile|display:"employment_status"|default:"—" }}</td>
    </tr>{% endfor %}"""  # noqa: E501

OLD_PROJECT_ROWS = """{% load i18n humanize lists project_tags %}{% for project in page %}
    <tr>
      <td><a href="{{ project.pk|row_url:'projects:detail' }}">{{ project.name }}</a>{% if project.in_demo_park %} <span class="badge text-bg-info">{% translate "Park" %}</span>{% endif %}<div class="small text-body-secondary">{{ project.lead }}</div></td>
      <td><span class="badge {{ project.stage|stage_class }}">{{ project|display:"stage" }}</span></td>
      <td class="d-none d-md-table-cell">{{ project|display:"sector" }}</td>
      <td>{{ project.centre }}</td>
      <td class="text-end">{{ project.jobs_created }}</td>
      <td class="text-end d-none d-md-table-cell text-nowrap">¥{{ project.investment|floatformat:0|intcomma }}</td>
    </tr>{% endfor %}"""  # noqa: E501


def _render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("reveal", [False, True])
def test_youth_rows_are_the_templates(language, reveal, village_a1):
    profiles = [
        YouthProfileFactory(home_centre=village_a1, user__name='<b>"王"</b>'),
        YouthProfileFactory(home_centre=None, user__name="", user__phone=None, national_id=None),
        YouthProfileFactory(
            home_centre=village_a1, education_level="", employment_status="seeking"
        ),
    ]
    with translation.override(language):
        old = _render(OLD_YOUTH_ROWS, page=profiles, reveal=reveal)
        new = _render(
            "{% load youth_rows %}{% youth_rows page reveal %}", page=profiles, reveal=reveal
        )
    assert parse_html(new) == parse_html(old)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_project_rows_are_the_templates(language, village_a1, youth_a):
    erased = UserFactory(name="", erased_at=timezone.now())
    projects = [
        VentureProjectFactory(
            centre=village_a1, lead=youth_a, name="<i>茶&园</i>", in_demo_park=True,
            stage=Stage.LAUNCHED, jobs_created=12345, jobs_for_youth=1,
            investment=Decimal("1234567.89"),
        ),
        VentureProjectFactory(centre=village_a1, lead=erased, stage=Stage.REJECTED),
        VentureProjectFactory(centre=village_a1, lead=youth_a, stage=Stage.IDEA, sector="food"),
    ]  # fmt: skip
    with translation.override(language):
        old = _render(OLD_PROJECT_ROWS, page=projects)
        new = _render("{% load project_tags %}{% project_rows page %}", page=projects)
    assert parse_html(new) == parse_html(old)
