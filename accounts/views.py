from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from audit import services as audit
from core.decorators import staff_required, youth_required
from core.paging import filtered_page
from core.scoping import centre_q, is_staff_member, is_youth
from core.timeline import timeline

from .forms import StaffCreateForm, YouthFilter, YouthProfileForm
from .models import ErasureRequest, StaffProfile, YouthProfile
from .permissions import can_manage_staff, can_reveal_personal_data
from .privacy import (
    erasure_carry_out,
    erasure_request,
    erasure_requests_visible_to,
    personal_data_export,
)
from .services import staff_member_create, user_language_set, youth_profile_update


@login_not_required
def home(request):
    if is_staff_member(request.user):
        return redirect("dashboard:index")
    if is_youth(request.user):
        return redirect("accounts:my_profile")
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
        request, "accounts/privacy.html", {"POLICY_VERSION": settings.PRIVACY_POLICY_VERSION}
    )


@youth_required
@never_cache
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
def youth_list(request):
    base = (
        YouthProfile.objects.visible_to(request.user)
        .select_related("user", "home_centre")
        .order_by("-created_at", "-pk")
    )
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


@staff_required
@never_cache
def youth_detail(request, pk: int):
    profile = get_object_or_404(
        YouthProfile.objects.visible_to(request.user).select_related("user", "home_centre"), pk=pk
    )
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
    staff = (
        StaffProfile.objects.filter(centre_q(request.user, "centre"))
        .select_related("user", "centre")
        .order_by("centre__path", "user__name")
    )
    return render(
        request,
        "accounts/staff_list.html",
        {"staff": staff, "can_manage": can_manage_staff(request.user)},
    )


@staff_required
def staff_create(request):
    if not can_manage_staff(request.user):
        raise PermissionDenied
    form = StaffCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            staff_member_create(created_by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The staff account has been created; a link to set a password was e-mailed."),
            )
            return redirect("accounts:staff_list")
    return render(request, "accounts/staff_form.html", {"form": form})


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
    requests = erasure_requests_visible_to(request.user).select_related(
        "user", "centre", "decided_by"
    )
    return render(request, "accounts/erasure_list.html", {"requests": requests[:200]})


@staff_required
@require_POST
def erasure_carry_out_view(request, pk: int):
    if not can_manage_staff(request.user):
        raise PermissionDenied
    erasure = get_object_or_404(erasure_requests_visible_to(request.user), pk=pk)
    try:
        erasure_carry_out(erasure=erasure, coordinator=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The account and everything about the person was deleted."))
    return redirect("accounts:erasure_list")
