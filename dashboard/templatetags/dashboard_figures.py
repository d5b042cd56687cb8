"""``{{ value|figure_value:unit }}``: a figure's number in its unit, for the active language
("3,000,000元" / "¥3,000,000", "120 小时" / "120 hours", "1,234")."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext

register = template.Library()


@register.filter
def figure_value(value, unit="count") -> str:
    value = int(value or 0)
    text = number_format(value, use_l10n=True, force_grouping=True)
    if unit == "yuan":
        return f"{text}元" if (get_language() or "").startswith("zh") else f"¥{text}"
    if unit == "hours":
        return ngettext("%(n)s hour", "%(n)s hours", value) % {"n": text}
    return text
