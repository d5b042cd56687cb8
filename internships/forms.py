import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Education
from core.forms import submit_helper
from partners.models import Enterprise

from .models import (
    Application,
    EvaluationKind,
    Outcome,
    Placement,
    PlacementStatus,
    Station,
    Status,
)

SCORE_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]
START_TOO_EARLY = _("The start date cannot be more than 30 days ago.")
START_TOO_LATE = _("The start date must be within a year.")
INTERVIEW_IN_PAST = _("The interview must be in the future.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why this position (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Apply"))
        self.helper.form_tag = False
        self.helper.inputs = []


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    interview_at = forms.DateTimeField(
        label=_("Interview date and time"),
        required=False,
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    interview_place = forms.CharField(label=_("Interview place"), required=False, max_length=200)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput)

    def clean_interview_at(self):
        value = self.cleaned_data.get("interview_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(INTERVIEW_IN_PAST)
        return value

    def clean_start_date(self):
        value = self.cleaned_data.get("start_date")
        if value is None:
            return value
        today = timezone.localdate()
        if value < today - datetime.timedelta(days=30):
            raise forms.ValidationError(START_TOO_EARLY)
        if value > today + datetime.timedelta(days=366):
            raise forms.ValidationError(START_TOO_LATE)
        return value


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Position"), max_length=100)
    department = forms.CharField(label=_("Department"), max_length=100, required=False)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000)
    stipend = forms.IntegerField(label=_("Monthly stipend (yuan)"), min_value=1, max_value=100000)
    duration_months = forms.IntegerField(
        label=_("Duration (months)"), min_value=1, max_value=24, initial=12
    )
    requirements = forms.CharField(
        label=_("Requirements"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_open = forms.BooleanField(label=_("Open for applications"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class StationForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("Host enterprise"), queryset=Enterprise.objects.none()
    )
    since = forms.DateField(label=_("Station since"), widget=DateInput)
    annual_quota = forms.IntegerField(label=_("Annual intake quota"), min_value=1, max_value=10000)
    is_active = forms.BooleanField(label=_("Active station"), required=False, initial=True)

    def __init__(self, *args, user, station: Station | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if station is None:
            self.fields["enterprise"].queryset = (
                Enterprise.objects.visible_to(user)
                .filter(is_internship_host=True, internship_station__isnull=True)
                .order_by("name")
            )
            del self.fields["is_active"]
        else:
            del self.fields["enterprise"]
        self.helper = submit_helper(_("Save"))


class RuleForm(forms.Form):
    years_since_graduation = forms.IntegerField(
        label=_("Graduated within the last (years)"), min_value=1, max_value=10
    )
    education_levels = forms.MultipleChoiceField(
        label=_("Education levels accepted"),
        choices=Education.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    require_complete_profile = forms.BooleanField(
        label=_("Profile must be complete"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Evaluation"), choices=EvaluationKind.choices)
    attitude = forms.TypedChoiceField(label=_("Work attitude"), choices=SCORE_CHOICES, coerce=int)
    skills = forms.TypedChoiceField(
        label=_("Professional skills"), choices=SCORE_CHOICES, coerce=int
    )
    teamwork = forms.TypedChoiceField(label=_("Teamwork"), choices=SCORE_CHOICES, coerce=int)
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("File the evaluation"))


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason for leaving"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record leaving"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome after the internship"), choices=Outcome.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the outcome"))


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    station = django_filters.ModelChoiceFilter(
        label=_("Station"), queryset=Station.objects.none(), empty_label=_("All")
    )

    class Meta:
        model = Application
        fields = ["status", "station"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["station"].queryset = Station.objects.visible_to(user).select_related(
            "enterprise"
        )


class PlacementFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PlacementStatus.choices, empty_label=_("All")
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Outcome.choices, empty_label=_("All")
    )
    station = django_filters.ModelChoiceFilter(
        label=_("Station"), queryset=Station.objects.none(), empty_label=_("All")
    )
    start_year = django_filters.NumberFilter(
        label=_("Intake year"),
        field_name="start_date",
        lookup_expr="year",
        min_value=2000,
        max_value=2100,
    )

    class Meta:
        model = Placement
        fields = ["status", "outcome", "station", "start_year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["station"].queryset = Station.objects.visible_to(user).select_related(
            "enterprise"
        )
