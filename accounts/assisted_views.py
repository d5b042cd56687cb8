"""Assisted registration at the desk (accounts/assisted.py): the staff form, the page where
the code the young person reads out is typed, and the signed consent form, served to staff."""

import datetime
import json
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from audit import services as audit
from core.crypto import decrypt, encrypt
from core.decorators import staff_required
from core.fields import MobileField
from core.forms import submit_helper
from core.masking import mask_phone
from core.validators import validate_person_name

from .assisted import (
    CONSENT_FORM_REQUIRED,
    consent_code_send,
    process_consent_form,
    youth_register_assisted,
)
from .forms import TOO_MANY_IDENTIFIER_CHECKS, CentreChoiceField, SmsCodeForm
from .models import (
    ConsentMethod,
    Education,
    EmploymentStatus,
    Gender,
    Hukou,
    OrgUnit,
    SmsCode,
    User,
    YouthProfile,
)
from .services import PHONE_TAKEN, identifier_check
from .sms_codes import seconds_until_resend

ALREADY_REGISTERED_HERE = gettext_lazy(
    "This young person is already registered: find them under Young people. They sign in with "
    "a code sent to this number, and can set a password the same way."
)
# The registration waiting for the young person's code: kept in the session, encrypted (a
# name and a mobile number), for as long as a code is valid and a little more.
SESSION_KEY = "assisted_registration"
PENDING_FOR = 20 * 60


def _optional(choices):
    return [("", "—"), *choices]


class AssistedRegistrationForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=50, validators=[validate_person_name]
    )
    phone = MobileField(
        label=gettext_lazy("Mobile number"),
        help_text=gettext_lazy("The young person's own mobile: they sign in with it later."),
    )
    home_centre = CentreChoiceField(
        label=gettext_lazy("Home youth centre"), queryset=OrgUnit.objects.none()
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of their text messages"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender (optional)"), choices=_optional(Gender.choices), required=False
    )
    date_of_birth = forms.DateField(
        label=gettext_lazy("Date of birth (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    education_level = forms.ChoiceField(
        label=gettext_lazy("Education level (optional)"),
        choices=_optional(Education.choices),
        required=False,
    )
    employment_status = forms.ChoiceField(
        label=gettext_lazy("Employment status (optional)"),
        choices=_optional(EmploymentStatus.choices),
        required=False,
    )
    hukou = forms.ChoiceField(
        label=gettext_lazy("Household registration (optional)"),
        choices=_optional(Hukou.choices),
        required=False,
    )
    consent_method = forms.ChoiceField(
        label=gettext_lazy("How the young person gives consent"),
        choices=[
            (
                ConsentMethod.SMS_CODE,
                gettext_lazy("A code by text message, which they read out to me"),
            ),
            (ConsentMethod.PAPER_FORM, gettext_lazy("They signed the paper consent form")),
        ],
        initial=ConsentMethod.SMS_CODE,
        widget=forms.RadioSelect,
    )
    consent_form = forms.FileField(
        label=gettext_lazy("Signed consent form (paper form only)"),
        required=False,
        help_text=gettext_lazy("A PDF, or a photo or scan (JPEG or PNG), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["home_centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(gettext_lazy("Continue"))
        self.helper.attrs = {"enctype": "multipart/form-data", "novalidate": ""}

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        owner = User.objects.with_phone(phone).first()
        self.registered_elsewhere = False
        if owner is None:
            return phone
        if YouthProfile.objects.visible_to(self.user).filter(user=owner).exists():
            # Someone the staff member can look up anyway (the youth list finds full numbers).
            raise forms.ValidationError(ALREADY_REGISTERED_HERE, code="registered")
        # Anyone else's number is treated like a new one: no code goes to it (its owner is
        # told someone tried), so the page says nothing about who holds it (clean()).
        self.registered_elsewhere = True
        return phone

    def clean_consent_form(self):
        upload = self.cleaned_data.get("consent_form")
        paper = self.cleaned_data.get("consent_method") == ConsentMethod.PAPER_FORM
        return process_consent_form(upload) if upload and paper else None

    def clean(self):
        cleaned = super().clean()
        paper = cleaned.get("consent_method") == ConsentMethod.PAPER_FORM
        if paper and not cleaned.get("consent_form") and "consent_form" not in self.errors:
            self.add_error("consent_form", CONSENT_FORM_REQUIRED)
        if paper and getattr(self, "registered_elsewhere", False) and not self.errors:
            # A signed form for another person's number must be refused, which tells: an
            # answer about someone, rationed and audited like the profile form's.
            answer = identifier_check(
                user=self.user, field="phone", value=cleaned["phone"], taken=True
            )
            message = TOO_MANY_IDENTIFIER_CHECKS if answer == "throttled" else PHONE_TAKEN
            self.add_error("phone", message)
        return cleaned


def _profile_fields(data) -> dict:
    return {
        "gender": data["gender"],
        "date_of_birth": data["date_of_birth"],
        "education_level": data["education_level"],
        "employment_status": data["employment_status"],
        "hukou": data["hukou"],
    }


def _registered(request, profile: YouthProfile):
    messages.success(
        request,
        _(
            "%(name)s is registered. They sign in with a code sent to their mobile by text "
            "message, and can set a password the same way."
        )
        % {"name": profile.user.name},
    )
    return redirect("accounts:youth_detail", pk=profile.pk)


@staff_required
@never_cache
def assisted_register(request):
    form = AssistedRegistrationForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["consent_method"] == ConsentMethod.PAPER_FORM:
            try:
                profile = youth_register_assisted(
                    assisted_by=request.user,
                    phone=data["phone"],
                    name=data["name"],
                    home_centre=data["home_centre"],
                    language=data["language"],
                    consent_method=ConsentMethod.PAPER_FORM,
                    consent_form=data["consent_form"],
                    **_profile_fields(data),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _registered(request, profile)
        else:
            try:
                consent_code_send(
                    staff=request.user,
                    phone=data["phone"],
                    language=data["language"],
                    request=request,
                )
            except ValidationError as error:
                if error.code != "too_soon":  # a code was sent a moment ago: it still works
                    form.add_error(None, error)
            if not form.errors:
                _pending_keep(request, data)
                return redirect("accounts:assisted_register_code")
    return render(request, "accounts/assisted_form.html", {"form": form})


def _pending_keep(request, data) -> None:
    pending = {
        "name": data["name"],
        "phone": data["phone"],
        "home_centre": data["home_centre"].pk,
        "language": data["language"],
        **_profile_fields(data),
        "date_of_birth": data["date_of_birth"].isoformat() if data["date_of_birth"] else None,
        "at": time.time(),
        "by": request.user.pk,
    }
    request.session[SESSION_KEY] = encrypt(json.dumps(pending))


def _pending(request) -> dict | None:
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    try:
        pending = json.loads(decrypt(token))
    except Exception:  # a key rotated away, or a session from another version
        return None
    if pending.get("by") != request.user.pk or time.time() - pending["at"] > PENDING_FOR:
        return None
    centre = OrgUnit.objects.visible_to(request.user).filter(pk=pending["home_centre"]).first()
    if centre is None:
        return None
    pending["home_centre"] = centre
    if pending["date_of_birth"]:
        pending["date_of_birth"] = datetime.date.fromisoformat(pending["date_of_birth"])
    return pending


@staff_required
@never_cache
def assisted_register_code(request):
    pending = _pending(request)
    if pending is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("accounts:assisted_register")
    phone = pending["phone"]
    purpose = SmsCode.Purpose.CONSENT
    if request.method == "POST" and request.POST.get("resend"):
        try:
            consent_code_send(
                staff=request.user, phone=phone, language=pending["language"], request=request
            )
            messages.info(request, _("A new code is on its way."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("accounts:assisted_register_code")
    form = SmsCodeForm(request.POST or None)
    form.fields["code"].label = _("Code read out by the young person")
    form.helper = submit_helper(_("Register"))
    if request.method == "POST" and form.is_valid():
        try:
            profile = youth_register_assisted(
                assisted_by=request.user,
                phone=phone,
                name=pending["name"],
                home_centre=pending["home_centre"],
                language=pending["language"],
                consent_method=ConsentMethod.SMS_CODE,
                code=form.cleaned_data["code"],
                gender=pending["gender"],
                date_of_birth=pending["date_of_birth"],
                education_level=pending["education_level"],
                employment_status=pending["employment_status"],
                hukou=pending["hukou"],
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.pop(SESSION_KEY, None)
            return _registered(request, profile)
    return render(
        request,
        "accounts/assisted_code.html",
        {
            "form": form,
            "name": pending["name"],
            "masked": mask_phone(phone),
            "wait": seconds_until_resend(phone, purpose),
        },
    )


@staff_required
def consent_form(request, pk: int):
    """The signed form is personal data: only staff whose part of the tree the young person
    belongs to see it, and every look is in the audit log."""
    profile = get_object_or_404(
        YouthProfile.objects.visible_to(request.user).exclude(user=request.user), pk=pk
    )
    if not profile.consent_form:
        raise Http404
    audit.record("youth.consent_form_viewed", target=profile)
    is_pdf = profile.consent_form.name.endswith(".pdf")
    response = FileResponse(
        profile.consent_form.open("rb"),
        content_type="application/pdf" if is_pdf else "image/jpeg",
        as_attachment=is_pdf,
        filename=f"consent-{profile.pk}.pdf" if is_pdf else None,
    )
    if not is_pdf:
        response["Content-Disposition"] = "inline"
    return response
