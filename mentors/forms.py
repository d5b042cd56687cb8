from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrgUnit, Sector
from core.forms import submit_helper

from .models import MAX_CAPACITY, Availability, MentorProfile, Mode, Status


class MentorProfileForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("job title", "Title"), max_length=50, help_text=_("e.g. 经理, 创始人")
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=100)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )
    skills = forms.CharField(
        label=_("Skills"), max_length=300, help_text=_("Separate skills with commas.")
    )
    service_centres = forms.ModelMultipleChoiceField(
        label=_("Service area"),
        queryset=OrgUnit.objects.filter(level__in=["district", "town"]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The towns (or the whole district) where you can meet young people."),
    )
    bio = forms.CharField(
        label=_("About me"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    capacity = forms.IntegerField(
        label=_("Maximum active mentees"), min_value=1, max_value=MAX_CAPACITY, initial=3
    )
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save profile"))
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}

    @classmethod
    def initial_for(cls, profile: MentorProfile | None) -> dict:
        if profile is None:
            return {}
        return {
            "title": profile.title,
            "organisation": profile.organisation,
            "sectors": profile.sectors,
            "skills": profile.skills,
            "service_centres": list(profile.service_centres.all()),
            "bio": profile.bio,
            "capacity": profile.capacity,
            "availability": profile.availability,
        }


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the mentor"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would you like help with?"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Ask this mentor"))


class WishForm(forms.Form):
    note = forms.CharField(
        label=_("What I would like help with"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Ask the centre to find me a mentor"))


class MoveForm(forms.Form):
    """Accept, decline or end: the status the person saw (stale-move check) and a reason."""

    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EndForm(MoveForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True
        self.helper = submit_helper(_("End the mentoring"))


class ReassignForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("New mentor"), queryset=MentorProfile.objects.none())
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.helper = submit_helper(_("Reassign"))


class SessionPlanForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Plan the session"))

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value.year < 2000 or value.year > 2100:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."))
        if value <= timezone.now():
            raise forms.ValidationError(_("Plan the session for a time in the future."))
        return value


class SessionLogForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=600)
    topics = forms.CharField(label=_("Topics"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The young person sees these."),
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    private_notes = forms.CharField(
        label=_("Private notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only you see these; the young person does not."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Log the session"))


class ConfirmForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was it?"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No rating"))] + [(i, "★" * i) for i in range(1, 6)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Confirm the session"))


class ChiefForm(forms.Form):
    is_chief = forms.BooleanField(label=_("Chief mentor"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class MatchFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + list(Status.choices), required=False
    )
    quiet = forms.BooleanField(label=_("No session for 30 days"), required=False)
