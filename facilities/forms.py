import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CentreChoiceField
from accounts.models import OrgUnit, User, YouthProfile
from core.fields import MobileField
from core.forms import submit_helper

from .models import BookClubMember, MemberStatus, Newsstand


def _date_widget():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


class MemberForm(forms.Form):
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=50)
    card_number = forms.CharField(label=_("Card number"), max_length=20)
    joined_on = forms.DateField(label=_("Joined on"), widget=_date_widget())
    youth_phone = MobileField(
        label=_("Mobile number of a registered young person"),
        required=False,
        help_text=_("Links the card to their account, so they are reminded of books due back."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.user = user
        self.fields["joined_on"].initial = timezone.localdate()
        self.helper = submit_helper(_("Add the member"))

    def clean_youth_phone(self):
        phone = self.cleaned_data.get("youth_phone")
        if not phone:
            return None
        profile = (
            YouthProfile.objects.visible_to(self.user)
            .filter(user__phone_hash=User.objects.with_phone(phone).values("phone_hash")[:1])
            .select_related("user")
            .first()
        )
        if profile is None:
            raise forms.ValidationError(
                _("No registered young person of your area has this mobile number.")
            )
        return profile.user

    def clean_card_number(self):
        return self.cleaned_data["card_number"].strip().upper()


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MemberStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=_date_widget())


class BorrowForm(forms.Form):
    title = forms.CharField(
        label=_("Book title"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    borrowed_on = forms.DateField(label=_("Borrowed on"), widget=_date_widget())


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=_date_widget())


class NewsstandForm(forms.ModelForm):
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())

    class Meta:
        model = Newsstand
        fields = [
            "name", "centre", "address", "latitude", "longitude", "opened_on", "status", "papers",
        ]  # fmt: skip
        widgets = {"opened_on": _date_widget(), "papers": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Save"))

    def _post_clean(self):
        # The service validates and saves.
        pass


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or card number"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MemberStatus.choices, empty_label=_("All")
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Youth centre"),
        queryset=OrgUnit.objects.none(),
        method="in_centre",
        empty_label=_("All"),
    )

    class Meta:
        model = BookClubMember
        fields = ["q", "status", "centre"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.filters["centre"].field_class = CentreChoiceField

    def search(self, queryset, name, value):
        value = value.strip()[:50]
        if not value:
            return queryset
        return queryset.filter(name__icontains=value) | queryset.filter(card_number=value.upper())

    def in_centre(self, queryset, name, value):
        return queryset.filter(centre__path__startswith=value.path)
