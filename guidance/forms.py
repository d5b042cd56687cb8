from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import CentreChoiceField
from accounts.models import OrgUnit, User, YouthProfile
from core.fields import MobileField
from core.forms import YesNoAllSelect, submit_helper

from .models import Case, CaseKind, Office, Status, Topic
from .selectors import awaiting_q
from .uploads import process_case_document

YOUTH_NOT_FOUND = _("No registered young person of your area has this mobile number.")
AMOUNT_MAX = Decimal("100000000")


def _youth_by_phone(user, phone: str) -> User:
    profile = (
        YouthProfile.objects.visible_to(user)
        .filter(user__phone_hash=User.objects.with_phone(phone).values("phone_hash")[:1])
        .select_related("user", "home_centre")
        .first()
    )
    if profile is None:
        raise forms.ValidationError(YOUTH_NOT_FOUND)
    return profile.user


class DocumentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return process_case_document(upload) if upload else None


class CaseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of case"), choices=CaseKind.choices)
    other_party = forms.CharField(
        label=_("Other party"),
        max_length=200,
        help_text=_("The employer, company or person the case is against."),
    )
    description = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    amount_claimed = forms.DecimalField(
        label=_("Amount claimed (yuan)"),
        min_value=0,
        max_value=AMOUNT_MAX,
        decimal_places=2,
        initial=0,
    )
    document = DocumentField(label=_("A document (PDF, optional)"), required=False)

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        if staff is not None:
            self.fields["youth_phone"] = MobileField(label=_("Mobile number of the young person"))
            self.order_fields(["youth_phone"])
        self.helper = submit_helper(_("Open the case"))
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}

    def clean_youth_phone(self):
        return _youth_by_phone(self.staff, self.cleaned_data["youth_phone"])


class CaseMoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note for the young person"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount_recovered = forms.DecimalField(
        label=_("Amount recovered (yuan)"),
        required=False,
        min_value=0,
        max_value=AMOUNT_MAX,
        decimal_places=2,
    )


class AssignForm(forms.Form):
    mediator = forms.ModelChoiceField(
        label=_("Mediator"),
        queryset=User.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        staff, external = candidates
        self.fields["mediator"].queryset = User.objects.filter(
            pk__in=[u.pk for u in staff] + [u.pk for u in external]
        ).order_by("name", "pk")
        self.helper = submit_helper(_("Assign"))


class NoteForm(forms.Form):
    noted_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Add the note"))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    document = DocumentField(label=_("Document (PDF, up to 10 MB)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Upload"))
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}


class ConsultationForm(forms.Form):
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    youth_phone = MobileField(
        label=_("Mobile number of the young person"),
        required=False,
        help_text=_("Leave empty for an anonymous walk-in."),
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Log the consultation"))

    def clean_youth_phone(self):
        phone = self.cleaned_data.get("youth_phone")
        return _youth_by_phone(self.user, phone) if phone else None


class OfficeForm(forms.ModelForm):
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())

    class Meta:
        model = Office
        fields = ["name", "kind", "centre"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Save"))

    def _post_clean(self):
        # The service validates and saves.
        pass


class InviteMediatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = MobileField(label=_("Mobile number"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send the invitation"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a mobile number."))
        return cleaned


HANDLER_MINE, HANDLER_NOBODY = "mine", "nobody"


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of case"), choices=CaseKind.choices, empty_label=_("All")
    )
    stale = django_filters.BooleanFilter(
        label=_("Not updated for 14 days"), widget=YesNoAllSelect, method="filter_stale"
    )
    handler = django_filters.ChoiceFilter(
        label=_("Carried by"),
        choices=[
            (HANDLER_MINE, _("Me, an outside mediator or nobody")),
            (HANDLER_NOBODY, _("Nobody yet")),
        ],
        empty_label=_("Anyone"),
        method="filter_handler",
    )

    class Meta:
        model = Case
        fields = ["status", "kind", "stale", "handler"]

    def filter_handler(self, queryset, name, value):
        if value == HANDLER_NOBODY:
            return queryset.filter(mediator__isnull=True)
        user = getattr(self.request, "user", None)
        return queryset.filter(awaiting_q(user)) if user is not None else queryset.none()

    def filter_stale(self, queryset, name, value):
        stale = Case.objects.stale().values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)
