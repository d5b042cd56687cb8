import datetime
import re

import django_filters
from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CentreChoiceField
from accounts.models import OrgUnit, Sector
from core.fields import UsccField
from core.forms import YesNoAllSelect, submit_helper
from core.validators import normalize_mobile

from .models import RevenueBand, Stage, VentureProject
from .uploads import process_business_plan, process_project_photo

MEMBERS_MALFORMED = _("These are not e-mail addresses or mobile numbers: %(who)s")
MAX_PHOTOS_PER_UPLOAD = 6


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern of Django's file-upload documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProjectForm(forms.ModelForm):
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.all())
    members_text = forms.CharField(
        label=_("Team members"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "E-mail addresses or mobile numbers, one per line. Each person gets an invitation "
            "and joins the team once they accept it."
        ),
    )
    plan_upload = forms.FileField(
        label=_("Business plan (PDF, up to 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    photo_uploads = MultipleFileField(
        label=_("Photos (JPEG or PNG)"), required=False, help_text=_("You can choose several.")
    )

    class Meta:
        model = VentureProject
        fields = ["name", "sector", "centre", "description", "showcase_opt_in", "story"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "story": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead = lead
        if self.instance.pk:
            # Members' addresses are never shown back; the field adds to the team.
            self.fields["members_text"].label = _("Add team members")
        else:
            profile = getattr(lead, "youth_profile", None)
            self.fields["centre"].initial = profile.home_centre_id if profile else None
        self.fields["story"].help_text = _(
            "Shown to the public with the project name, sector and photos; no personal data."
        )
        self.helper = submit_helper(_("Save project"))
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}

    def clean_members_text(self):
        """Addresses to invite, checked for their form only: whether someone is registered
        is never told to the lead (projects/invitations.py)."""
        entries = [e for e in re.split(r"[\s,，;；]+", self.cleaned_data["members_text"]) if e]
        addresses, malformed = [], []
        for entry in entries[:20]:
            try:
                if "@" in entry:
                    validate_email(entry)
                    address = ("email", entry.lower())
                else:
                    address = ("phone", normalize_mobile(entry))
            except forms.ValidationError:
                malformed.append(entry[:50])
                continue
            if address not in addresses:
                addresses.append(address)
        if malformed:
            raise forms.ValidationError(MEMBERS_MALFORMED, params={"who": "、".join(malformed)})
        return addresses

    def clean_plan_upload(self):
        upload = self.cleaned_data.get("plan_upload")
        return process_business_plan(upload) if upload else None

    def clean_photo_uploads(self):
        uploads = self.cleaned_data.get("photo_uploads") or []
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise forms.ValidationError(
                _("Please upload at most %(n)s photos at a time."),
                params={"n": MAX_PHOTOS_PER_UPLOAD},
            )
        return [process_project_photo(upload) for upload in uploads]


class ShowcaseForm(forms.ModelForm):
    class Meta:
        model = VentureProject
        fields = ["showcase_opt_in", "story"]
        widgets = {"story": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))

    def _post_clean(self):
        # The service validates and saves.
        pass


class TransitionForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    expected_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason or note for the team"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _quarter_choices():
    return [(q, _("Quarter %(q)s") % {"q": q}) for q in range(1, 5)]


class OutcomeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=_quarter_choices)
    jobs = forms.IntegerField(label=_("People employed"), min_value=0, max_value=100_000)
    jobs_for_youth = forms.IntegerField(
        label=_("Of which young people"), min_value=0, max_value=100_000
    )
    revenue_band = forms.ChoiceField(label=_("Revenue this quarter"), choices=RevenueBand.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        last_quarter_end = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        previous = last_quarter_end - datetime.timedelta(days=1)
        self.fields["year"].initial = previous.year
        self.fields["quarter"].initial = (previous.month - 1) // 3 + 1
        self.helper = submit_helper(_("Report figures"))


class FactsForm(forms.ModelForm):
    uscc = UsccField(required=False)

    class Meta:
        model = VentureProject
        fields = [
            "is_registered",
            "business_name",
            "uscc",
            "investment",
            "jobs_created",
            "jobs_for_youth",
            "in_demo_park",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_registered") and not cleaned.get("uscc"):
            self.add_error(
                "uscc", _("Enter the unified social credit code of the registered business.")
            )
        return cleaned

    def _post_clean(self):
        # The service validates the whole project (and uniqueness of the code) itself.
        pass


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=Stage.choices, empty_label=_("All")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All")
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Youth centre"),
        queryset=OrgUnit.objects.none(),
        method="in_centre",
        empty_label=_("All"),
    )
    in_demo_park = django_filters.BooleanFilter(
        label=_("In the demonstration park"), widget=YesNoAllSelect
    )

    class Meta:
        model = VentureProject
        fields = ["q", "stage", "sector", "centre", "in_demo_park"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.filters["centre"].field_class = CentreChoiceField

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        return queryset.filter(name__icontains=value) if value else queryset

    def in_centre(self, queryset, name, value):
        return queryset.filter(centre__path__startswith=value.path)
