from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from audit import services as audit
from core import roles
from core.caching import kept_until_changed
from core.decorators import staff_required, youth_required
from core.paging import filtered_page
from core.prepared import KeptQueries
from core.scoping import scope_key
from core.timeline import timeline

from .forms import InvitationAcceptForm, InvitationFilter, InviteForm, YouthFilter, YouthProfileForm
from .invitations import (
    INVITATION_OTHER_PERSON,
    KINDS,
    can_manage_invitation,
    invitation_accept_new_account,
    invitation_for_token,
    is_addressed_to,
    staff_invite,
)
from .invitations import invitation_accept as invitation_accept_service
from .invitations import invitation_resend as invitation_resend_service
from .invitations import invitation_withdraw as invitation_withdraw_service
from .models import ErasureRequest, Invitation, YouthProfile
from .permissions import can_manage_staff, can_reveal_personal_data
from .privacy import (
    erasure_carry_out,
    erasure_request,
    erasure_requests_visible_to,
    personal_data_export,
)
from .selectors import (
    erasure_list_base,
    invitation_list_base,
    staff_list_base,
    youth_list_base,
)
from .services import user_language_set, youth_profile_update


@login_not_required
def home(request):
    """Signed-in people start on the home page of the role they are acting in."""
    role = roles.active_role(request)
    if role is not None:
        return redirect(role.home)
    return render(request, "home.html")


@login_not_required
def set_language(request):
    """Django's language switch, which also remembers the choice for a signed-in person's
    e-mails and text messages."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


@login_not_required
def privacy_policy(request):
    return render(
        request,
        "accounts/privacy.html",
        {
            "POLICY_VERSION": settings.PRIVACY_POLICY_VERSION,
            "contact": settings.PRIVACY_CONTACT,
        },
    )


@youth_required
@never_cache
@kept_until_changed
def my_profile(request):
    profile = request.user.youth_profile
    return render(
        request,
        "accounts/my_profile.html",
        {"profile": profile, "timeline": timeline(request.user, request.user)},
    )


@youth_required
@never_cache
def my_profile_edit(request):
    profile = YouthProfile.objects.select_related("user").get(user=request.user)
    form = YouthProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            youth_profile_update(
                profile=profile,
                name=data["name"],
                phone=data["phone"],
                gender=data["gender"],
                date_of_birth=data["date_of_birth"],
                national_id=data["national_id"],
                education_level=data["education_level"],
                school=data["school"],
                graduation_year=data["graduation_year"],
                employment_status=data["employment_status"],
                hukou=data["hukou"],
                home_centre=data["home_centre"],
                skills=data["skills"],
                sectors=data["sectors"],
                business_idea=data["business_idea"],
                avatar=data.get("avatar_upload"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:my_profile")
    return render(request, "accounts/my_profile_form.html", {"form": form})


@staff_required
@never_cache
@kept_until_changed
def youth_list(request):
    base = youth_list_base(request.user)
    youth_filter = YouthFilter(request.GET or None, queryset=base, user=request.user)
    page, query = filtered_page(request, youth_filter, base)
    return render(
        request,
        "accounts/youth_list.html",
        {
            "filter": youth_filter,
            "page": page,
            "query": query,
            "reveal": False,  # lists never show full numbers; the detail page can, logged
        },
    )


# A young person's page, asked on every visit: compiled once per viewer's scope and prepared
# on PostgreSQL (core/prepared.py).
_PROFILES = KeptQueries()


@staff_required
@never_cache
@kept_until_changed
def youth_detail(request, pk: int):
    user = request.user
    found = _PROFILES.run(
        scope_key(user),
        lambda marker: (
            YouthProfile.objects.visible_to(user)
            .select_related("user", "home_centre")
            .filter(pk=marker)[:1]
        ),
        value=int(pk),
    )
    if not found:
        raise Http404
    profile = found[0]
    may_reveal = can_reveal_personal_data(request.user)
    # Full numbers are shown only when asked for, and every time it is logged.
    reveal = request.GET.get("reveal") == "1"
    if reveal and not may_reveal:
        raise PermissionDenied
    if reveal:
        audit.record("youth.personal_data_revealed", target=profile)
    return render(
        request,
        "accounts/youth_detail.html",
        {
            "profile": profile,
            "reveal": reveal,
            "may_reveal": may_reveal,
            "timeline": timeline(profile.user, request.user),
        },
    )


@staff_required
def staff_list(request):
    staff = staff_list_base(request.user)
    return render(
        request,
        "accounts/staff_list.html",
        {"staff": staff, "can_manage": can_manage_staff(request.user)},
    )


@staff_required
def staff_create(request):
    """Coordinators invite staff; every staff member invites mentors."""
    kinds = [("mentor", _("Mentor"))]
    if can_manage_staff(request.user):
        kinds.insert(0, ("staff", _("Staff member")))
    form = InviteForm(request.POST or None, user=request.user, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_invite(
                invited_by=request.user,
                kind=data["kind"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"] or "",
                centre=data["centre"],
                role=data["role"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "The invitation has been sent. The role is theirs once they accept it; "
                    "you can follow it below."
                ),
            )
            return redirect("accounts:invitation_list")
    return render(request, "accounts/staff_form.html", {"form": form})


@staff_required
@never_cache
def invitation_list(request):
    base = invitation_list_base(request.user)
    page, query = filtered_page(request, InvitationFilter(request.GET, queryset=base), base)
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "page": page,
            "query": query,
            "kinds": {k.code: k.label for k in KINDS},
            "state_choices": InvitationFilter.STATUSES,
        },
    )


def _invitation_action(request, pk: int, action, done_message):
    invitation = get_object_or_404(Invitation.objects.visible_to(request.user), pk=pk)
    if not can_manage_invitation(request.user, invitation):
        raise PermissionDenied
    try:
        action(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return redirect("accounts:invitation_list")


@require_POST
@staff_required
def invitation_resend(request, pk: int):
    return _invitation_action(
        request,
        pk,
        invitation_resend_service,
        _("A new link has been sent; the old one no longer works."),
    )


@require_POST
@staff_required
def invitation_withdraw(request, pk: int):
    return _invitation_action(
        request, pk, invitation_withdraw_service, _("The invitation has been withdrawn.")
    )


@login_not_required
@never_cache
def invitation_accept(request, token: str):
    """The invitee's page: accept with the account they are signed in with, or make one."""
    try:
        invitation = invitation_for_token(token)
    except ValidationError as error:
        return render(
            request, "accounts/invitation_refused.html", {"reason": error.messages[0]}, status=410
        )
    kind = KINDS.get(invitation.kind)
    context = {"invitation": invitation, "offer": kind.describe(invitation), "token": token}
    user = request.user
    if user.is_authenticated and not is_addressed_to(invitation, user):
        context["reason"] = INVITATION_OTHER_PERSON
        return render(request, "accounts/invitation_refused.html", context, status=403)
    if kind.registers and not user.is_authenticated:
        # An invitation to register: the registration by mobile number, with the number filled
        # in; registering (with the young person's own consent) accepts it.
        from .phone_views import signup_invited

        return signup_invited(request, invitation, token)
    form = None
    context["for_youth"] = kind.for_youth
    if not user.is_authenticated and not kind.for_youth:
        form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST":
        try:
            if user.is_authenticated:
                invitation_accept_service(token=token, user=user)
            elif form is not None and form.is_valid():
                data = form.cleaned_data
                _invitation, new_user = invitation_accept_new_account(
                    token=token,
                    name=data["name"],
                    email=data["email"],
                    password=data["password1"],
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
                login(request, new_user, backend="accounts.backends.ModelBackend")
                # They have just chosen their password: allauth counts that as a fresh
                # authentication (setting up two-factor sign-in asks for one).
                record_authentication(
                    request, new_user, method="password", email=new_user.email, reauthenticated=True
                )
            else:
                raise ValidationError("")
        except ValidationError as error:
            if form is not None and any(error.messages):
                form.add_error(None, error)
            elif any(error.messages):
                context["reason"] = error.messages[0]
                return render(request, "accounts/invitation_refused.html", context, status=410)
        else:
            if kind.role:
                request.session[roles.SESSION_KEY] = kind.role
            messages.success(request, _("Welcome! You now have access as %(offer)s.") % context)
            return redirect("home")
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)


@require_POST
def role_switch(request):
    """People with several roles choose which pages they work in."""
    wanted = request.POST.get("role", "")
    if wanted in {role.key for role in roles.roles_of(request.user)}:
        request.session[roles.SESSION_KEY] = wanted
    return redirect("home")


def avatar(request, name: str):
    """Photos are personal data: served only to their owner and to staff in scope."""
    profile = get_object_or_404(
        YouthProfile.objects.visible_to(request.user), avatar=f"avatars/{name}"
    )
    response = FileResponse(profile.avatar.open("rb"), content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    return response


@youth_required
@never_cache
def my_data(request):
    pending = ErasureRequest.objects.filter(
        user=request.user, status=ErasureRequest.Status.PENDING
    ).first()
    return render(request, "accounts/my_data.html", {"pending": pending})


@youth_required
@never_cache
def my_data_download(request):
    data = personal_data_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-youthventure-data.json"'
    return response


@youth_required
@require_POST
def my_data_erase(request):
    try:
        erasure_request(user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "Your request has been sent. A coordinator of your youth centre will delete "
                "your account and tell you by e-mail."
            ),
        )
    return redirect("accounts:my_data")


@staff_required
def erasure_list(request):
    if not can_manage_staff(request.user):
        raise PermissionDenied
    requests = erasure_list_base(request.user)
    return render(request, "accounts/erasure_list.html", {"requests": requests[:200]})


@staff_required
def erasure_carry_out_view(request, pk: int):
    """Deleting an account cannot be undone: the page says what will happen; the button on it
    (a POST) carries it out."""
    if not can_manage_staff(request.user):
        raise PermissionDenied
    erasure = get_object_or_404(erasure_requests_visible_to(request.user), pk=pk)
    if request.method != "POST":
        return render(request, "accounts/erasure_confirm.html", {"erasure": erasure})
    try:
        erasure_carry_out(erasure=erasure, coordinator=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The account and everything about the person was deleted."))
    return redirect("accounts:erasure_list")
