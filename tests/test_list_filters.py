"""The list rows' shortcuts (core/templatetags/lists.py, projects' stage badge) give what the
long ways give: get_FOO_display, {% url %}, the stage badge's colours."""

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix
from django.utils import translation

from accounts.models import Education, EmploymentStatus, YouthProfile
from core.templatetags.lists import display, row_url
from projects.models import Stage, VentureProject

OLD_BADGE = (
    "{% if stage == 'rejected' or stage == 'closed' %}text-bg-secondary"
    "{% elif stage == 'launched' or stage == 'operating' %}text-bg-success"
    "{% elif stage == 'signed' %}text-bg-primary"
    "{% elif stage == 'under_review' or stage == 'applied' %}text-bg-warning"
    "{% else %}text-bg-light border{% endif %}"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_display_is_get_foo_display(language):
    cases = [
        (YouthProfile, "education_level", [*Education.values, "", "unknown"]),
        (YouthProfile, "employment_status", [*EmploymentStatus.values, ""]),
        (VentureProject, "stage", [*Stage.values, "gone"]),
    ]
    with translation.override(language):
        for model, field, values in cases:
            for value in values:
                obj = model(**{field: value})
                expected = getattr(obj, f"get_{field}_display")()
                assert str(display(obj, field)) == expected, (field, value)


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_row_url_is_reverse(prefix):
    set_script_prefix(prefix)
    try:
        for name in ("accounts:youth_detail", "projects:detail"):
            for pk in (1, 42, 918273645, 10**12):
                assert row_url(pk, name) == reverse(name, args=[pk])
    finally:
        set_script_prefix("/")


def test_the_stage_badge_has_the_colours_it_had():
    engine = engines["django"]
    old = engine.from_string(OLD_BADGE)
    new = engine.from_string("{% load project_tags %}{{ stage|stage_class }}")
    for stage in [*Stage.values, "", "other"]:
        assert new.render({"stage": stage}) == old.render({"stage": stage}), stage
