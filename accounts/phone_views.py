"""Text-message flows: register with a mobile number, sign in with a code, set a new password
with a code, confirm a mobile number added later. Each is: number → code → what it is for.
The codes are accounts/sms_codes.py's; the step reached is kept in the session."""

import time

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.masking import mask_phone
from core.roles import needs_two_factor

from .forms import NewPasswordForm, PhoneForm, PhoneSignupForm, SmsCodeForm
from .models import SmsCode, User
from .services import youth_register_by_phone
from .sms_codes import code_check, code_send, seconds_until_resend

FLOW = "sms_flow"
# An invitation to register being followed: {"token", "phone", "centre"} (signup_invited).
INVITATION = "signup_invitation"
# After the code, the person has this long to finish (choose a password, fill in the form).
FINISH_WITHIN = 30 * 60

STEPS = {
    SmsCode.Purpose.SIGNUP: ("accounts:phone_signup", "accounts:phone_signup_code"),
    SmsCode.Purpose.LOGIN: ("accounts:login_code", "accounts:login_code_enter"),
    SmsCode.Purpose.RESET: ("accounts:reset_sms", "accounts:reset_sms_code"),
}
TITLES = {
    SmsCode.Purpose.SIGNUP: _("Register with your mobile number"),
    SmsCode.Purpose.LOGIN: _("Sign in with a text message code"),
    SmsCode.Purpose.RESET: _("Set a new password by text message"),
}


def _flow(request, purpose, *, verified=False):
    state = request.session.get(FLOW) or {}
    if state.get("purpose") != purpose or not state.get("phone"):
        return None
    if verified and not (
        state.get("verified_at") and time.time() - state["verified_at"] < FINISH_WITHIN
    ):
        return None
    return state


def _limit_address(request) -> bool:
    """Within a registration drive its capacity limits sign-ups, not the shared address."""
    return not request.session.get("drive_token")


def _start(request, purpose, template="accounts/sms_start.html"):
    invited = request.session.get(INVITATION) if purpose == SmsCode.Purpose.SIGNUP else None
    form = PhoneForm(request.POST or None, initial={"phone": invited["phone"]} if invited else None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            code_send(
                phone=phone, purpose=purpose, request=request, limit_address=_limit_address(request)
            )
        except ValidationError as error:
            if error.code != "too_soon":
                form.add_error(None, error)
                return render(request, template, {"form": form, "title": TITLES[purpose]})
        request.session[FLOW] = {"purpose": purpose, "phone": phone}
        return redirect(STEPS[purpose][1])
    return render(request, template, {"form": form, "title": TITLES[purpose]})


def _enter(request, purpose, on_success):
    state = _flow(request, purpose)
    if state is None:
        return redirect(STEPS[purpose][0])
    phone = state["phone"]
    form = SmsCodeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("resend"):
        try:
            code_send(
                phone=phone, purpose=purpose, request=request, limit_address=_limit_address(request)
            )
            messages.info(request, _("A new code is on its way."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(STEPS[purpose][1])
    if request.method == "POST" and form.is_valid():
        try:
            code_check(phone=phone, purpose=purpose, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            state["verified_at"] = time.time()
            request.session[FLOW] = state
            return on_success(request, phone)
    return render(
        request,
        "accounts/sms_code.html",
        {
            "form": form,
            "title": TITLES[purpose],
            "masked": mask_phone(phone),
            "wait": seconds_until_resend(phone, purpose),
            "restart": reverse(STEPS[purpose][0]),
        },
    )


# --- registering with a mobile number ---------------------------------------------------------


@login_not_required
@never_cache
def phone_signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    return _start(request, SmsCode.Purpose.SIGNUP)


@login_not_required
@never_cache
def phone_signup_code(request):
    return _enter(
        request,
        SmsCode.Purpose.SIGNUP,
        lambda request, phone: redirect("accounts:phone_signup_details"),
    )


@login_not_required
@never_cache
def phone_signup_details(request):
    state = _flow(request, SmsCode.Purpose.SIGNUP, verified=True)
    if state is None:
        return redirect("accounts:phone_signup")
    initial = {"home_centre": _signup_centre_id(request)}
    form = PhoneSignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = youth_register_by_phone(
                    phone=state["phone"],
                    name=data["name"],
                    password=data["password1"],
                    consented=data["consent"],
                    email=data["email"] or "",
                    # Left empty at a drive: the drive's centre.
                    home_centre=data["home_centre"] or _drive_centre(request),
                )
                _after_registration(request, user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session.pop(FLOW, None)
            login(request, user, backend="accounts.backends.ModelBackend")
            record_authentication(request, user, method="code", phone=state["phone"])
            messages.success(
                request, _("Welcome! Your account is ready. Complete your profile now.")
            )
            return redirect("accounts:my_profile_edit")
    return render(
        request,
        "accounts/sms_signup_details.html",
        {
            "form": form,
            "masked": mask_phone(state["phone"]),
            "title": TITLES[SmsCode.Purpose.SIGNUP],
        },
    )


def _signup_centre_id(request):
    """The home centre a registration starts with: the drive's, or the invitation's."""
    invited = request.session.get(INVITATION) or {}
    return request.session.get("drive_centre") or invited.get("centre")


def _drive_centre(request):
    from .models import OrgUnit

    centre = _signup_centre_id(request)
    return OrgUnit.objects.filter(pk=centre).first() if centre else None


def _after_registration(request, user) -> None:
    """Hook for what else a registration counts for (a drive: accounts/drives.py; an
    invitation to register: accepted)."""
    from .drives import registration_counted
    from .invitations import invitation_accept_on_registration

    registration_counted(request, user)
    invited = request.session.pop(INVITATION, None)
    if invited:
        invitation_accept_on_registration(token=invited["token"], user=user)


def signup_invited(request, invitation, token):
    """An invitation to register (accounts.invitations.Kind.registers) was opened: register by
    mobile number, the number it was sent to filled in and its centre as the home centre."""
    request.session[INVITATION] = {
        "token": token,
        "phone": invitation.phone or "",
        "centre": invitation.centre_id,
    }
    messages.info(
        request,
        _(
            "%(centre)s invites you to the youth entrepreneurship programme. Register with your "
            "mobile number: we send you a code to confirm it is yours."
        )
        % {"centre": invitation.centre},
    )
    return redirect("accounts:phone_signup")


def _number_confirmed(user) -> None:
    """A code sent to the account's number was typed: the number is the person's. (Someone
    registered at the desk with a paper form has an unconfirmed number until then, and a
    password sign-in without an e-mail address needs a confirmed one: forms.SignInForm.)"""
    if user.phone_verified_at is None:
        user.phone_verified_at = timezone.now()
        User.objects.filter(pk=user.pk).update(phone_verified_at=user.phone_verified_at)


# --- signing in with a code ------------------------------------------------------------------


@login_not_required
@never_cache
def login_code(request):
    return _start(request, SmsCode.Purpose.LOGIN)


@login_not_required
@never_cache
def login_code_enter(request):
    def sign_in(request, phone):
        user = User.objects.with_phone(phone).filter(is_active=True).first()
        request.session.pop(FLOW, None)
        if user is None:  # no code was sent to an unknown number, so this is not reached
            return redirect("accounts:login_code")
        if needs_two_factor(user):
            messages.warning(
                request,
                _(
                    "Accounts that can see other people's data sign in with their password and "
                    "authenticator app."
                ),
            )
            return redirect("account_login")
        _number_confirmed(user)
        login(request, user, backend="accounts.backends.ModelBackend")
        record_authentication(request, user, method="code", phone=phone)
        return redirect(request.GET.get("next") or "home")

    return _enter(request, SmsCode.Purpose.LOGIN, sign_in)


# --- a new password by code ------------------------------------------------------------------


@login_not_required
@never_cache
def reset_sms(request):
    return _start(request, SmsCode.Purpose.RESET)


@login_not_required
@never_cache
def reset_sms_code(request):
    return _enter(
        request, SmsCode.Purpose.RESET, lambda request, phone: redirect("accounts:reset_sms_new")
    )


@login_not_required
@never_cache
def reset_sms_new(request):
    state = _flow(request, SmsCode.Purpose.RESET, verified=True)
    user = state and User.objects.with_phone(state["phone"]).filter(is_active=True).first()
    if not user:
        return redirect("accounts:reset_sms")
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        user.set_password(form.cleaned_data["password1"])
        user.save(update_fields=["password"])  # other sessions end (their hash no longer fits)
        _number_confirmed(user)
        request.session.pop(FLOW, None)
        messages.success(request, _("Your password has been changed. Sign in with it now."))
        return redirect("account_login")
    return render(
        request,
        "accounts/sms_new_password.html",
        {"form": form, "title": TITLES[SmsCode.Purpose.RESET]},
    )


# --- confirming a number added to an account ------------------------------------------------


@never_cache
def phone_verify(request):
    user = request.user
    if not user.phone:
        messages.info(request, _("Add your mobile number to your profile first."))
        return redirect("home")
    purpose = SmsCode.Purpose.VERIFY
    form = SmsCodeForm(request.POST if request.POST.get("code") else None)
    if request.method == "POST" and form.is_valid():
        try:
            code_check(phone=user.phone, purpose=purpose, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            User.objects.filter(pk=user.pk).update(phone_verified_at=timezone.now())
            messages.success(request, _("Your mobile number is confirmed."))
            return redirect("home")
    return render(
        request,
        "accounts/sms_code.html",
        {
            "form": form,
            "title": _("Confirm your mobile number"),
            "masked": mask_phone(user.phone),
            "wait": seconds_until_resend(user.phone, purpose),
            "resend_url": reverse("accounts:phone_verify_send"),
        },
    )


@require_POST
def phone_verify_send(request):
    if request.user.phone:
        try:
            code_send(phone=request.user.phone, purpose=SmsCode.Purpose.VERIFY, request=request)
            messages.info(request, _("A code is on its way to your mobile."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("accounts:phone_verify")
