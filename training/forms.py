import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import CentreChoiceField
from accounts.models import OrgUnit
from core.forms import submit_helper
from partners.models import Enterprise

from .models import Course, CourseKind, Placement, Venue, VenueKind
from .selectors import closing_under_capacity, sessions_without_attendance

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
ORDER_FIELDS_ONLY = _("Only order-based courses have a commissioning enterprise.")


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Venue"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=VenueKind.choices)
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    seats = forms.IntegerField(label=_("Seats in the room"), min_value=0, max_value=100_000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Add the venue"))


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none())
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100_000)
    enrol_opens = _datetime_field(_("Enrolment opens"))
    enrol_closes = _datetime_field(_("Enrolment closes"))
    completion_percent = forms.IntegerField(
        label=_("Sessions to attend for completion (%)"), min_value=1, max_value=100, initial=80
    )
    is_published = forms.BooleanField(label=_("Shown in the catalogue"), required=False)
    enterprise = forms.ModelChoiceField(
        label=_("Commissioning enterprise (order-based courses)"),
        queryset=Enterprise.objects.none(),
        required=False,
    )
    job_type = forms.CharField(label=_("Job type"), max_length=100, required=False)
    places_commissioned = forms.IntegerField(
        label=_("Places commissioned"), min_value=0, max_value=100_000, initial=0
    )
    placement_promise = forms.CharField(
        label=_("Placement promise"), max_length=200, required=False
    )
    certificate_grade = forms.CharField(
        label=_("Certificate grade (skills and order-based courses)"),
        max_length=50,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = OrgUnit.objects.visible_to(user)
        self.fields["centre"].queryset = centres
        self.fields["venue"].queryset = Venue.objects.filter(centre__in=centres).order_by("name")
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).filter(
            is_active=True
        )
        self.helper = submit_helper(_("Save the course"))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CourseKind.ORDER_BASED and not data.get("enterprise"):
            self.add_error(
                "enterprise", _("An order-based course needs its commissioning enterprise.")
            )
        if kind and kind != CourseKind.ORDER_BASED and data.get("enterprise"):
            self.add_error("enterprise", ORDER_FIELDS_ONLY)
        opens, closes = data.get("enrol_opens"), data.get("enrol_closes")
        if opens and closes and closes <= opens:
            self.add_error("enrol_closes", _("Enrolment must close after it opens."))
        return data

    @classmethod
    def initial_of(cls, course: Course) -> dict:
        return {name: getattr(course, name) for name in cls.base_fields if hasattr(course, name)}


class SessionForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=100)
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    venue = forms.ModelChoiceField(
        label=_("Venue (if not the course's)"), queryset=Venue.objects.none(), required=False
    )
    trainer = forms.CharField(label=_("Speaker or trainer"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(
            centre__in=OrgUnit.objects.visible_to(user)
        ).order_by("name")
        self.helper = submit_helper(_("Add the session"))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


class EnrolForm(forms.Form):
    share_with_enterprise = forms.BooleanField(required=False)


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance list (Excel .xlsx or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Preview"))


class CertificateIssueForm(forms.Form):
    grade = forms.CharField(label=_("Grade"), max_length=50)
    valid_until = forms.DateField(
        label=_("Valid until (leave empty: no end)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Issue certificates to everyone who completed"))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=200)


class PlacementForm(forms.Form):
    placement = forms.ChoiceField(choices=[(p.value, p.label) for p in Placement if p.value])


ATTENTION_ATTENDANCE, ATTENTION_CLOSING = "attendance", "closing"


class ManageFilter(django_filters.FilterSet):
    """The staff course list: the courses that need something done (the work queues link
    here)."""

    attention = django_filters.ChoiceFilter(
        label=_("Needs attention"),
        choices=[
            (ATTENTION_ATTENDANCE, _("A past session without attendance")),
            (ATTENTION_CLOSING, _("Enrolment closes within 48 hours with seats left")),
        ],
        empty_label=_("All"),
        method="filter_attention",
    )

    class Meta:
        model = Course
        fields = ["attention"]

    def filter_attention(self, queryset, name, value):
        if value == ATTENTION_CLOSING:
            return closing_under_capacity(queryset)
        user = getattr(self.request, "user", None)
        if user is None:
            return queryset.none()
        sessions = sessions_without_attendance(user).order_by().values("course_id")
        return queryset.filter(pk__in=sessions)
