import contextlib
import datetime

import django_filters
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.crypto import blind_index
from core.fields import MobileField, NationalIdField
from core.forms import submit_helper
from core.images import process_avatar
from core.validators import (
    national_id_birth_date,
    national_id_gender,
    normalize_mobile,
    normalize_national_id,
    validate_person_name,
)

from .adapter import SignupRace
from .models import (
    Education,
    EmploymentStatus,
    Invitation,
    OrgUnit,
    Sector,
    StaffProfile,
    User,
    YouthProfile,
)
from .services import (
    EMAIL_TAKEN,
    NATIONAL_ID_TAKEN,
    PHONE_TAKEN,
    identifier_check,
    signup_attempt_notify,
    youth_register,
)

TOO_MANY_IDENTIFIER_CHECKS = _(
    "Too many different mobile or ID numbers tried. Please try again in an hour, "
    "or ask your youth centre for help."
)
BIRTH_DATE_MISMATCH = _("The date of birth does not match the one in your ID number.")
GENDER_MISMATCH = _("The gender does not match the one in your ID number.")


class CentreChoiceField(forms.ModelChoiceField):
    """Centres indented by level, so the tree is readable in a plain select."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        indent = {"district": "", "town": "— ", "village": "— — "}[obj.level]
        return f"{indent}{obj.name}"


class _ByTown(forms.models.ModelChoiceIterator):
    """The district's own centre first, then one group per town: the town's own centre and its
    villages (the tree's order is its materialised path)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        group = None
        for unit in self.queryset.order_by("path"):
            if unit.level == OrgUnit.Level.TOWN:
                if group is not None:
                    yield group
                own = format_lazy(_("{town} (the town's own centre)"), town=unit.name)
                group = (unit.name, [(self.choice(unit)[0], own)])
            elif unit.level == OrgUnit.Level.VILLAGE and group is not None:
                group[1].append(self.choice(unit))
            else:
                yield self.choice(unit)
        if group is not None:
            yield group


class HomeCentreChoiceField(CentreChoiceField):
    """Where a young person belongs, grouped by town (a select with one group per town), not a
    flat list of fifty centres."""

    iterator = _ByTown

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


def _consent_label() -> str:
    return format_html(
        _(
            "I agree that the youth centre processes my personal data as described in the "
            "{start}personal-data policy{end}."
        ),
        start=format_html('<a href="{}" target="_blank">', reverse("accounts:privacy")),
        end=mark_safe("</a>"),
    )


# The consent's label links to the notice it consents to (read when the form is shown, in
# the visitor's language).
consent_label = lazy(_consent_label, SafeString)


class YouthSignupForm(SignupForm):
    """allauth's sign-up form plus the young person's name and their recorded consent."""

    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    consent = forms.BooleanField(
        label=consent_label(),
        required=True,
        error_messages={"required": _("You must agree to the personal-data policy to register.")},
    )
    field_order = ["name", "email", "phone", "password1", "password2", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].label = _("Mobile number (optional)")
            self.fields["phone"].help_text = _("You can also sign in with your mobile number.")
        self.phone_owner = None

    # No one learns from a sign-up whether an e-mail address or a mobile number is registered:
    # every sign-up gets the same answer (the "confirmation sent" page), after about as long.
    def _clean_phone(self):
        # allauth treats a registered number like a registered e-mail address and sends the
        # visitor to the phone-code page, which tells them. Here it only decides who is told.
        phone = self.cleaned_data.get("phone")
        self.phone_owner = User.objects.with_phone(phone).first() if phone else None

    def try_save(self, request):
        try:
            return self._try_save(request)
        except SignupRace:
            # A sign-up with this address or number committed between the checks above and
            # this one's insert (AccountAdapter.save_user). It is registered now: decide
            # again, and answer as for any registered address or number.
            self.validate_unique_email(self.cleaned_data["email"])
            self._clean_phone()
            return self._try_save(request)

    def _try_save(self, request):
        if self.account_already_exists:
            # The e-mail address is someone's: nothing is made, but the password is hashed as
            # for a new account (most of what a sign-up costs), the owners are told through the
            # outbox and allauth answers as for a new address (never with the phone-code page).
            make_password(self.cleaned_data.get("password1"))
            if self.phone_owner is not None:
                signup_attempt_notify(owner=self.phone_owner, channel="sms")
            self.cleaned_data["phone"] = None
        return super().try_save(request)

    def save(self, request):
        # allauth saves the user, then the profile (custom_signup), then the e-mail address:
        # one transaction, so a failure half-way (the database going away) leaves nothing.
        with transaction.atomic():
            if self.phone_owner is not None:
                # A new address with someone else's number: the account is made without it
                # (the profile form answers, rationed, if it is typed again); its owner is told.
                signup_attempt_notify(owner=self.phone_owner, channel="sms")
                self.cleaned_data["phone"] = None
            return super().save(request)

    def custom_signup(self, request, user):
        youth_register(user=user, name=self.cleaned_data["name"], consented=True)


def _answer_rationed(user, field, value, taken, taken_message):
    """Whether another account holds a number: answered within the person's ration only."""
    answer = identifier_check(user=user, field=field, value=value, taken=taken)
    if answer == "throttled":
        raise forms.ValidationError(TOO_MANY_IDENTIFIER_CHECKS, code="throttled")
    if answer == "taken":
        raise forms.ValidationError(taken_message, code="taken")


class YouthProfileForm(forms.ModelForm):
    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    phone = MobileField(label=_("Mobile number"))
    national_id = NationalIdField()
    home_centre = HomeCentreChoiceField(
        label=_("Home youth centre"),
        queryset=OrgUnit.objects.all(),
        help_text=_("The village or town youth centre nearest to where you live."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    avatar_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = YouthProfile
        fields = [
            "gender",
            "date_of_birth",
            "national_id",
            "education_level",
            "school",
            "graduation_year",
            "employment_status",
            "hukou",
            "home_centre",
            "skills",
            "sectors",
            "business_idea",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "business_idea": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["name"].initial = user.name
        self.fields["phone"].initial = user.phone
        for field in ("gender", "education_level", "employment_status", "hukou"):
            self.fields[field].required = True
        self.fields["date_of_birth"].help_text = _("Filled in from your ID number if left empty.")
        self.order_fields(["name", "phone", "national_id", "gender", "date_of_birth"])
        self.helper = submit_helper(_("Save profile"))
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}

    def clean_phone(self):
        # Whether a number is someone else's is rationed and audited (identifier_check).
        phone = self.cleaned_data["phone"]
        user = self.instance.user
        if phone and phone != user.phone:
            taken = User.objects.with_phone(phone).exclude(pk=user.pk).exists()
            _answer_rationed(user, "phone", phone, taken, PHONE_TAKEN)
        return phone

    def clean_national_id(self):
        # Uniqueness lives on the blind index, which the form does not show: check it here.
        national_id = self.cleaned_data["national_id"]
        if national_id and national_id != self.instance.national_id:
            others = YouthProfile.objects.with_national_id(national_id).exclude(pk=self.instance.pk)
            taken = others.exists()
            _answer_rationed(
                self.instance.user, "national_id", national_id, taken, NATIONAL_ID_TAKEN
            )
        return national_id

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        return process_avatar(upload)

    def clean(self):
        cleaned = super().clean()
        national_id = cleaned.get("national_id")
        if national_id:
            born = national_id_birth_date(national_id)
            if not cleaned.get("date_of_birth"):
                cleaned["date_of_birth"] = born
                self.instance.date_of_birth = born
            elif cleaned["date_of_birth"] != born:
                self.add_error("date_of_birth", BIRTH_DATE_MISMATCH)
            if cleaned.get("gender") and cleaned["gender"] != national_id_gender(national_id):
                self.add_error("gender", GENDER_MISMATCH)
        return cleaned


class StaffCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    phone = MobileField(label=_("Mobile number"), required=False)
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=StaffProfile.Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Create staff account"))

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        if phone and User.objects.with_phone(phone).exists():
            raise forms.ValidationError(PHONE_TAKEN)
        return phone


EXPIRING = "expiring"
EXPIRING_WITHIN = datetime.timedelta(days=2)


def expiring(invitations, now=None):
    """Pending invitations whose link expires within EXPIRING_WITHIN, the soonest first:
    resend them (a new link) or withdraw them."""
    from django.utils import timezone

    now = now or timezone.now()
    return invitations.filter(
        status=Invitation.Status.PENDING,
        expires_at__gt=now,
        expires_at__lte=now + EXPIRING_WITHIN,
    ).order_by("expires_at", "pk")


class InvitationFilter(django_filters.FilterSet):
    STATUSES = [
        ("pending", _("Pending")),
        (EXPIRING, _("Pending, the link expires within 2 days")),
        ("accepted", _("Accepted")),
        ("expired", _("Expired")),
        ("withdrawn", _("Withdrawn")),
    ]
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUSES, method="in_state", empty_label=_("All")
    )

    class Meta:
        model = Invitation
        fields = ["state"]

    def in_state(self, queryset, name, value):
        from django.utils import timezone

        now = timezone.now()
        if value == "pending":
            return queryset.filter(status=Invitation.Status.PENDING, expires_at__gt=now)
        if value == EXPIRING:
            return expiring(queryset, now)
        if value == "expired":
            return queryset.filter(status=Invitation.Status.PENDING, expires_at__lte=now)
        return queryset.filter(status=value)


class YouthFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    centre = django_filters.ModelChoiceFilter(
        label=_("Youth centre"),
        queryset=OrgUnit.objects.none(),
        method="in_centre",
        empty_label=_("All"),
    )
    education_level = django_filters.ChoiceFilter(
        label=_("Education level"), choices=Education.choices, empty_label=_("All")
    )
    employment_status = django_filters.ChoiceFilter(
        label=_("Employment status"), choices=EmploymentStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = YouthProfile
        fields = ["q", "centre", "education_level", "employment_status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.filters["centre"].field_class = CentreChoiceField

    def search(self, queryset, name, value):
        """Name and e-mail by substring; phone and ID number only when typed in full."""
        value = value.strip()[:100]
        if not value:
            return queryset
        query = Q(user__name__icontains=value) | Q(user__email__icontains=value)
        with contextlib.suppress(forms.ValidationError):
            query |= Q(user__phone_hash=blind_index(normalize_mobile(value)))
        with contextlib.suppress(forms.ValidationError):
            query |= Q(national_id_hash=blind_index(normalize_national_id(value)))
        return queryset.filter(query)

    def in_centre(self, queryset, name, value):
        return queryset.filter(home_centre__path__startswith=value.path)


class InviteForm(forms.Form):
    """Staff invite a staff member (coordinators) or a mentor, by e-mail or mobile number."""

    kind = forms.ChoiceField(label=_("Invite as"))
    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False)
    phone = MobileField(label=_("Mobile number"), required=False)
    centre = CentreChoiceField(label=_("Youth centre"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(
        label=_("Role (staff only)"), choices=StaffProfile.Role.choices, required=False
    )

    def __init__(self, *args, user, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(_("Send the invitation"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a mobile number."))
        return cleaned


class InvitationAcceptForm(forms.Form):
    """The invitee without an account chooses a name and a password."""

    name = forms.CharField(label=_("Your name"), max_length=50, validators=[validate_person_name])
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = invitation.name
        if invitation.email:
            # The link went to this address: it is theirs, and it is what they sign in with.
            self.fields["email"].initial = invitation.email
            self.fields["email"].disabled = True
        self.helper = submit_helper(_("Accept and create my account"))

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif cleaned.get("password1"):
            try:
                validate_password(cleaned["password1"])
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PhoneForm(forms.Form):
    """The first step of every text-message flow: the mobile number."""

    phone = MobileField(label=_("Mobile number"))

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(submit_label or _("Send me a code"))


class SmsCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from the text message"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Continue"))

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return code


class _NewPasswordMixin:
    def _check_passwords(self, cleaned, user=None):
        from django.contrib.auth.password_validation import validate_password

        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif cleaned.get("password1"):
            try:
                validate_password(cleaned["password1"], user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class PhoneSignupForm(_NewPasswordMixin, forms.Form):
    """The last step of registering with a mobile number: who you are, and your consent."""

    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_person_name])
    home_centre = HomeCentreChoiceField(
        label=_("Your youth centre (village or town)"),
        queryset=OrgUnit.objects.all(),
        required=False,
    )
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = YouthSignupForm.base_fields["consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Register"))

    def clean(self):
        cleaned = super().clean()
        self._check_passwords(cleaned)
        return cleaned


class NewPasswordForm(_NewPasswordMixin, forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Set the new password"))

    def clean(self):
        cleaned = super().clean()
        self._check_passwords(cleaned, self.user)
        return cleaned


class SignInForm(LoginForm):
    """allauth's sign-in form. Someone who registered with a mobile number alone, confirmed by
    an SMS code, has no e-mail address to confirm: their password sign-in is not held up
    waiting for one (e-mail confirmation stays mandatory for everyone who gave an address)."""

    def _login_with_password(self, request, redirect_url, credentials):
        user = getattr(self, "user", None)
        if user is not None and not user.email and user.phone_verified_at:
            self._login.email_verification = EmailVerificationMethod.NONE
        return super()._login_with_password(request, redirect_url, credentials)
