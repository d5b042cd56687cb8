"""The rows of the staff youth list, written in Python.

A list shows 25 rows of seven values; through the template language each value costs a
lookup, a filter or two and an escape, and the rows cost more than the rest of the page.
Here they are the same markup (``tests/test_list_rows.py`` holds it equal to the template's).
"""

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

from core.templatetags.lists import display, row_url

from .personal_data import national_id, phone

register = template.Library()

_ROW = (
    '<tr><td><a href="{url}">{name}</a></td><td class="text-nowrap">{phone}</td>'
    '<td class="d-none d-md-table-cell text-nowrap">{national_id}</td><td>{centre}</td>'
    '<td class="d-none d-lg-table-cell">{education}</td><td>{employment}</td></tr>'
)


def _or_dash(value):
    return esc(value) if value else "—"


@register.simple_tag
def youth_rows(page, reveal=False):
    rows = []
    for profile in page:
        user = profile.user
        rows.append(
            _ROW.format(
                url=row_url(profile.pk, "accounts:youth_detail"),
                name=esc(user.name or user.email),
                phone=_or_dash(phone(user.phone, reveal)),
                national_id=_or_dash(national_id(profile.national_id, reveal)),
                centre=_or_dash(profile.home_centre),
                education=_or_dash(display(profile, "education_level")),
                employment=_or_dash(display(profile, "employment_status")),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value escaped above)
