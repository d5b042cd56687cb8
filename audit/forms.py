import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import Entry


class EntryFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=actions.choices, empty_label=_("All")
    )
    actor = django_filters.CharFilter(
        label=_("Who (e-mail)"), field_name="actor__email", lookup_expr="iexact"
    )
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("Until"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Entry
        fields = ["action", "actor", "since", "until"]
