"""Money in yuan, written as each language writes it: 12,500.00元 in Chinese, ¥12,500.00 in
English (grouped thousands, two decimals; nothing sent to the template as a float)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return "—"
    text = number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)
    if (get_language() or "").startswith("zh"):
        return f"{text}元"
    return f"¥{text}"


@register.filter
def rate(value) -> str:
    if value is None:
        return "—"
    return f"{number_format(Decimal(value), use_l10n=True)}%"
