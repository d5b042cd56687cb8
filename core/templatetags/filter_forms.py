"""The filter forms above the list pages, rendered in Python.

``{% filter_field form.centre %}`` writes the markup crispy-forms' ``as_crispy_field`` writes
for the field (Bootstrap 5: wrapper, label, control, errors, help text), without its dozen
nested templates per field and one template per ``<option>``: a list page's 49-centre select
cost more than the rest of the page. Text inputs and selects (choices, model choices, the
yes/no/all select) are written here; any other widget goes to crispy-forms as before.
``tests/test_filter_forms.py`` holds both renderings equal.
"""

from django import forms, template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import kept

register = template.Library()

_TEXT = (forms.TextInput,)


def _attrs(attrs: dict) -> str:
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v is not None))


def _model_choices(field) -> list[tuple]:
    """A model choice field's options, kept a minute per query (so per viewer's scope) and
    language: the 49 centres of a district were a query and 49 objects on every list page."""
    queryset = field.queryset

    def load():
        # The queryset itself, not the field's iterator (a server-side cursor on PostgreSQL).
        return [
            (str(field.prepare_value(obj)), str(field.label_from_instance(obj))) for obj in queryset
        ]

    sql, params = queryset.query.sql_with_params()
    parts = ("choices", type(field).__qualname__, queryset.db, sql, params, get_language())
    return kept(parts, load, seconds=60)


def _options(bound, selected: set[str]):
    field = bound.field
    if isinstance(field, forms.ModelChoiceField):
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        choices += _model_choices(field)
    else:
        choices = list(field.widget.choices)
    rows = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # option groups: not in any filter form yet
            return None
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        rows.append(f'<option value="{escape(value)}"{mark}>{escape(label)}</option>')
    return mark_safe("\n".join(rows))  # noqa: S308 (values and labels escaped)


def _control(bound, css: str, described_by: list[str]):
    widget = bound.field.widget
    attrs = {k: v for k, v in widget.attrs.items() if k != "class"}
    classes = " ".join(filter(None, [widget.attrs.get("class"), css]))
    if bound.errors:
        classes += " is-invalid"
    head = {"name": bound.html_name}
    if isinstance(widget, _TEXT):
        head = {"type": widget.input_type, **head}
        value = widget.format_value(bound.value())
        if value is not None:
            head["value"] = value
    control = {**head, "class": classes, **attrs}
    if bound.field.required and bound.form.use_required_attribute:
        control["required"] = ""
    if bound.errors:
        control["aria-invalid"] = "true"
    if described_by:
        control["aria-describedby"] = " ".join(described_by)
    control["id"] = bound.auto_id
    if isinstance(widget, _TEXT):
        return format_html("<input{}>", _attrs(control))
    options = _options(bound, set(widget.format_value(bound.value())))
    if options is None:
        return None
    return format_html("<select{}>\n{}\n</select>", _attrs(control), options)


def _css(widget) -> str | None:
    """crispy-forms' classes for the control, or None for a widget written by crispy."""
    name = type(widget).__name__.lower()
    if type(widget) in _TEXT:
        return f"{name} form-control"
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        if getattr(widget, "allow_multiple_selected", False):
            return None
        return f"{name} form-select"
    return None


@register.simple_tag
def filter_field(bound):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    css = _css(bound.field.widget)
    if css is None or bound.is_hidden:
        return as_crispy_field(bound)
    auto_id = bound.auto_id
    described_by = []
    if bound.help_text:
        described_by.append(f"{auto_id}_helptext")
    if bound.errors:
        described_by.append(f"{auto_id}_error")
    control = _control(bound, css, described_by)
    if control is None:
        return as_crispy_field(bound)
    parts = [format_html('<div id="div_{}" class="mb-3">', auto_id)]
    if bound.label:
        required = bound.field.required
        parts.append(
            format_html(
                '<label for="{}" class="form-label{}">{}{}</label>',
                auto_id,
                " requiredField" if required else "",
                bound.label,
                mark_safe('<span class="asteriskField">*</span>') if required else "",
            )
        )
    parts.append(control)
    if bound.errors:
        parts.append(format_html('<div id="{}_error" class="invalid-feedback">', auto_id))
        parts.extend(
            format_html('<p id="error_{}_{}"><strong>{}</strong></p>', n, auto_id, error)
            for n, error in enumerate(bound.errors, start=1)
        )
        parts.append(mark_safe("</div>"))
    if bound.help_text:
        help_text = mark_safe(bound.help_text)  # noqa: S308 (crispy-forms writes it |safe too)
        parts.append(
            format_html('<div id="{}_helptext" class="form-text">{}</div>', auto_id, help_text)
        )
    parts.append(mark_safe("</div>"))
    return mark_safe("\n".join(parts))
