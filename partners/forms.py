import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.forms import CentreChoiceField
from accounts.models import OrgUnit
from core.fields import MobileField, UsccField
from core.forms import YesNoAllSelect, submit_helper
from core.validators import validate_person_name

from .models import Bank, Enterprise, PartnerMember
from .services import BANK_TAKEN, USCC_TAKEN


class EnterpriseForm(forms.ModelForm):
    uscc = UsccField()
    contact_phone = MobileField(label=_("Contact mobile"), required=False)
    centre = CentreChoiceField(label=_("Registered with centre"), queryset=None)

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "centre",
            "industry",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "is_employer",
            "is_internship_host",
            "is_training_commissioner",
            "description",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"uscc": {"unique": USCC_TAKEN}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Save"))


class BankForm(forms.ModelForm):
    contact_phone = MobileField(label=_("Contact mobile"), required=False)
    centre = CentreChoiceField(label=_("Registered with centre"), queryset=None)

    class Meta:
        model = Bank
        fields = [
            "name",
            "branch",
            "centre",
            "base_interest_rate",
            "contact_name",
            "contact_phone",
            "address",
            "is_active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Save"))

    def validate_constraints(self, exclude=None):
        # Shown as a sentence rather than Django's generic "constraint violated".
        try:
            super().validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            if "bank_branch_unique" in str(error):
                raise forms.ValidationError(BANK_TAKEN) from None
            raise


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Role in the programme"),
        method="with_role",
        empty_label=_("All"),
        choices=[
            ("is_employer", _("Employer")),
            ("is_internship_host", _("Internship host")),
            ("is_training_commissioner", _("Training commissioner")),
        ],
    )
    is_active = django_filters.BooleanFilter(label=_("Active partner"), widget=YesNoAllSelect)

    class Meta:
        model = Enterprise
        fields = ["q", "role", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(uscc__iexact=value) | Q(contact_name__icontains=value)
        )

    def with_role(self, queryset, name, value):
        return queryset.filter(**{value: True})


class MemberInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False)
    phone = MobileField(label=_("Mobile number"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=PartnerMember.Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send the invitation"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a mobile number."))
        return cleaned
