import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Entry

ACTIONS = [
    ("auth.signed_in", _("Signed in")),
    ("auth.sign_in_failed", _("Failed sign-in")),
    ("auth.signed_out", _("Signed out")),
    ("access.denied", _("Access denied")),
    ("youth.personal_data_revealed", _("Full ID or phone number shown")),
    ("youth.profile_changed", _("Youth profile changed")),
    ("youth.data_exported", _("Personal data downloaded")),
    ("youth.erasure_requested", _("Account deletion requested")),
    ("youth.erased", _("Account deleted")),
    ("staff.created", _("Staff account created")),
    ("partner.created", _("Partner added")),
    ("partner.changed", _("Partner changed")),
    ("message.resent", _("Message sent again")),
    ("project.created", _("Project registered")),
    ("project.changed", _("Project changed")),
    ("project.stage_changed", _("Project stage changed")),
    ("project.outcome_reported", _("Project figures reported")),
    ("project.facts_changed", _("Project business facts changed")),
    ("project.member_left", _("Left a project team")),
    ("project.plan_downloaded", _("Business plan downloaded")),
    ("admin.added", _("Added in the admin")),
    ("admin.changed", _("Changed in the admin")),
    ("admin.deleted", _("Deleted in the admin")),
]
ACTION_LABELS = dict(ACTIONS)


class EntryFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=ACTIONS, empty_label=_("All"))
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
