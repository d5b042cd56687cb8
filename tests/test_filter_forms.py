"""The list pages' filter forms are written in Python (core/templatetags/filter_forms.py)
with the markup crispy-forms gives them: the same HTML, field by field, blank, filled in and
with errors."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.test.html import parse_html
from django.utils import translation

from accounts.forms import YouthFilter
from accounts.models import YouthProfile
from core.templatetags.filter_forms import filter_field
from projects.forms import ProjectFilter
from projects.models import VentureProject

FILTERS = {
    "youth": (YouthFilter, YouthProfile),
    "projects": (ProjectFilter, VentureProject),
}
DATA = {
    "blank": None,
    "filled": {
        "q": "王 <b>",
        "education_level": "bachelor",
        "employment_status": "seeking",
        "stage": "applied",
        "sector": "food",
        "in_demo_park": "true",
    },
    "wrong": {
        "q": "x" * 300,
        "centre": "999999",
        "education_level": "astronaut",
        "stage": "<script>",
        "in_demo_park": "maybe",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("data", list(DATA))
@pytest.mark.parametrize("which", list(FILTERS))
def test_each_field_is_written_as_crispy_forms_writes_it(
    which, data, language, district_staff, village_a1
):
    filter_class, model = FILTERS[which]
    params = DATA[data]
    if params is not None and data == "filled":
        params = {**params, "centre": str(village_a1.pk)}
    with translation.override(language):
        form = filter_class(params, queryset=model.objects.all(), user=district_staff).form
        form.is_valid()
        for name in form.fields:
            ours = parse_html(str(filter_field(form[name])))
            theirs = parse_html(str(as_crispy_field(form[name])))
            assert ours == theirs, (name, str(ours), str(theirs))


def test_the_centre_options_are_kept_per_scope(settings, town_staff, other_town_staff, village_a1):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {
        "default": {"BACKEND": locmem, "LOCATION": "filter-default"},
        "local": {"BACKEND": locmem, "LOCATION": "filter-local"},
    }
    caches["local"].clear()

    def centre_select(user):
        form = YouthFilter(None, queryset=YouthProfile.objects.all(), user=user).form
        return str(filter_field(form["centre"]))

    first = centre_select(town_staff)
    with CaptureQueriesContext(connection) as queries:
        again = centre_select(town_staff)
    other = centre_select(other_town_staff)

    assert again == first and len(queries) == 0
    assert "Village A1" in first and "Village A1" not in other  # each scope its own
    caches["local"].clear()
