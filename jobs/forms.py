import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector
from core.forms import submit_helper
from core.validators import normalize_national_id

from .models import HowFound, LocationKind, Status, Vacancy
from .selectors import closing_unfilled, with_unanswered

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VacancyForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    title = forms.CharField(label=_("Job title"), max_length=100)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)
    pay_min = forms.IntegerField(label=_("Lowest monthly pay (yuan)"), min_value=0, max_value=10**6)
    pay_max = forms.IntegerField(
        label=_("Highest monthly pay (yuan)"), min_value=0, max_value=10**6
    )
    location_kind = forms.ChoiceField(label=_("Where"), choices=LocationKind.choices)
    location = forms.CharField(label=_("Place of work"), max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    requirements = forms.CharField(
        label=_("Requirements"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closes_on = forms.DateField(label=_("Closing date"), widget=DATE_INPUT)

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        if enterprises.count() == 1:
            self.fields["enterprise"].initial = enterprises.first()
        self.helper = submit_helper(_("Post the vacancy"))

    def clean(self):
        data = super().clean()
        low, high = data.get("pay_min"), data.get("pay_max")
        if low is not None and high is not None and low > high:
            self.add_error("pay_max", _("The lowest pay cannot be above the highest."))
        return data


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("A few words to the employer (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Apply"))


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (the young person reads it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlacementForm(forms.Form):
    national_id = forms.CharField(label=_("Resident ID number of the young person"), max_length=30)
    employer_name = forms.CharField(label=_("Employer"), max_length=100)
    job_title = forms.CharField(label=_("Job"), max_length=100)
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    how_found = forms.ChoiceField(
        label=_("How it was found"),
        choices=[(c, label) for c, label in HowFound.choices if c not in ("portal", "import")],
    )
    labour_export = forms.BooleanField(label=_("Labour export"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the placement"))

    def clean_national_id(self):
        return normalize_national_id(self.cleaned_data["national_id"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel workbook (.xlsx) or CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=_("Columns: 身份证号, 用人单位, 岗位, 入职日期; optional: 途径, 劳务输出."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Upload and check"))


class VacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    location_kind = django_filters.ChoiceFilter(
        label=_("Where"), choices=LocationKind.choices, empty_label=_("All")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All")
    )

    class Meta:
        model = Vacancy
        fields = ["q", "location_kind", "sector"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(enterprise__name__icontains=value)
            | Q(location__icontains=value)
        )


ATTENTION_CLOSING, ATTENTION_UNANSWERED = "closing", "unanswered"


class ManagedVacancyFilter(VacancyFilter):
    """The vacancies an employer or staff manage, with what needs attention (the work queues
    link here)."""

    attention = django_filters.ChoiceFilter(
        label=_("Needs attention"),
        choices=[
            (ATTENTION_CLOSING, _("Closes within 3 days with places left")),
            (ATTENTION_UNANSWERED, _("Applications not answered yet")),
        ],
        empty_label=_("All"),
        method="filter_attention",
    )

    class Meta(VacancyFilter.Meta):
        fields = [*VacancyFilter.Meta.fields, "attention"]

    def filter_attention(self, queryset, name, value):
        if value == ATTENTION_CLOSING:
            return closing_unfilled(queryset)
        return with_unanswered(queryset)


class FairForm(forms.Form):
    title = forms.CharField(label=_("Job fair"), max_length=100)
    venue = forms.CharField(label=_("Venue"), max_length=100)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Organise the job fair"))
