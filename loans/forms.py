from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import submit_helper
from core.validators import normalize_mobile
from partners.models import Bank

from .models import EligibilityRule, Repayment, Status
from .uploads import MAX_DOCUMENTS, TOO_MANY, process_document

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01")}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_DOCUMENTS:
            raise ValidationError(TOO_MANY)
        return [process_document(f) for f in files]


class ApplyForm(forms.Form):
    bank = forms.ModelChoiceField(label=_("Bank"), queryset=Bank.objects.none())
    amount = forms.DecimalField(label=_("Amount (yuan)"), **MONEY)
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, max_value=360)
    purpose = forms.CharField(
        label=_("What the loan is for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    project = forms.ModelChoiceField(
        label=_("Venture project (if any)"), queryset=None, required=False
    )
    documents = DocumentsField(
        label=_("Supporting documents (PDF, JPEG or PNG, up to 5)"), required=False
    )
    consent_to_share = forms.BooleanField(
        label=_(
            "I agree that the programme sends my application, my contact details and these "
            "documents to the bank named above. Without this nothing is sent."
        ),
        required=False,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = Bank.objects.filter(is_active=True).order_by("pk")
        self.fields["project"].queryset = user.led_projects.order_by("pk")
        self.helper = submit_helper(_("Apply"))
        self.helper.form_tag = True


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    amount = forms.DecimalField(label=_("Approved amount (yuan)"), **MONEY)
    rate = forms.DecimalField(
        label=_("Annual rate (%)"), max_digits=6, decimal_places=4, min_value=Decimal("0.0001")
    )
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, max_value=360)


class DisburseForm(forms.Form):
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    disbursed_on = forms.DateField(
        label=_("Disbursed on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RepaymentForm(forms.Form):
    repayment = forms.ChoiceField(label=_("Repayment"), choices=Repayment.choices)


class RuleForm(forms.Form):
    rule = forms.ModelChoiceField(queryset=EligibilityRule.objects.all(), widget=forms.HiddenInput)
    value = forms.IntegerField(label=_("Value"), min_value=0, max_value=100, required=False)
    active = forms.BooleanField(label=_("Applied"), required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProductForm(forms.Form):
    bank = forms.ModelChoiceField(label=_("Bank"), queryset=Bank.objects.none())
    name = forms.CharField(label=_("Product name"), max_length=100)
    base_rate = forms.DecimalField(
        label=_("Base annual rate (%)"),
        max_digits=6,
        decimal_places=4,
        min_value=Decimal("0.0001"),
        max_value=Decimal("36"),
    )
    rate_places = forms.IntegerField(
        label=_("The bank rounds rates to this many decimals"), min_value=0, max_value=4
    )
    min_amount = forms.DecimalField(label=_("Lowest amount (yuan)"), **MONEY)
    max_amount = forms.DecimalField(label=_("Highest amount (yuan)"), **MONEY)
    min_term_months = forms.IntegerField(label=_("Shortest term (months)"), min_value=1)
    max_term_months = forms.IntegerField(
        label=_("Longest term (months)"), min_value=1, max_value=360
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = Bank.objects.visible_to(user)
        self.helper = submit_helper(_("Save the product"))


PERSON_NOT_FOUND = _("No young person of your area has this mobile number or e-mail address.")


class DesignationForm(forms.Form):
    """The young person is named by mobile number or e-mail (a list of every young person of
    the area would be thousands of options), and must be in the staff member's scope."""

    person = forms.CharField(label=_("Young person's mobile number or e-mail"), max_length=254)
    evidence = forms.CharField(
        label=_("Evidence"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    granted_on = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.helper = submit_helper(_("Record the designation"))

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        if "@" in value:
            found = self.people.filter(email__iexact=value)
        else:
            try:
                phone = normalize_mobile(value)
            except ValidationError:
                raise ValidationError(PERSON_NOT_FOUND) from None
            found = self.people.filter(pk__in=User.objects.with_phone(phone).values("pk"))
        person = found.first()
        if person is None:
            raise ValidationError(PERSON_NOT_FOUND)
        return person
