import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import submit_helper

from . import registry
from .models import Message


class PreferencesForm(forms.Form):
    enabled = forms.MultipleChoiceField(
        label=_("Reminders I want to receive"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Messages about your own applications and account are always sent."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled"].choices = [(k.code, k.label) for k in registry.optional_for(user)]
        self.helper = submit_helper(_("Save"))


class MessageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Message.Status.choices, empty_label=_("All")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Message.Channel.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), empty_label=_("All"))

    class Meta:
        model = Message
        fields = ["status", "channel", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["choices"] = [(k.code, k.label) for k in registry.all_kinds()]
