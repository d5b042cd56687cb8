"""Small form pieces every app's forms share."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class YesNoAllSelect(forms.Select):
    """For yes/no filters: "All" instead of django-filter's "Unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])


def submit_helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper
