"""Registration drives: staff pages (list, create, the live sign-ups, the A4 poster) and the
public link that starts a registration counted for the drive."""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.decorators import staff_required
from core.forms import submit_helper

from .drives import DRIVE_FULL, SESSION_CENTRE, SESSION_TOKEN, drive_create, drive_for_token
from .forms import CentreChoiceField
from .models import Drive, OrgUnit
from .selectors import drive_list_base


class DriveForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Event"), max_length=100)
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    centre = CentreChoiceField(label=gettext_lazy("Youth centre"), queryset=OrgUnit.objects.none())
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), min_value=1, max_value=5000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = submit_helper(gettext_lazy("Create the event link"))


def drive_url(drive: Drive) -> str:
    return settings.SITE_URL + reverse("accounts:drive_entry", args=[drive.token])


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=20, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@staff_required
@never_cache
def drive_list(request):
    form = DriveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            drive = drive_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event link is ready: print its poster."))
            return redirect("accounts:drive_detail", pk=drive.pk)
    drives = drive_list_base(request.user)[:100]
    return render(request, "accounts/drive_list.html", {"form": form, "drives": drives})


@staff_required
@never_cache
def drive_detail(request, pk: int):
    drive = get_object_or_404(
        Drive.objects.visible_to(request.user).select_related("centre"), pk=pk
    )
    registrations = drive.registrations.select_related("user", "user__youth_profile")[:500]
    return render(
        request,
        "accounts/drive_detail.html",
        {"drive": drive, "registrations": registrations, "url": drive_url(drive)},
    )


@staff_required
def drive_poster(request, pk: int):
    drive = get_object_or_404(
        Drive.objects.visible_to(request.user).select_related("centre"), pk=pk
    )
    url = drive_url(drive)
    return render(
        request, "accounts/drive_poster.html", {"drive": drive, "url": url, "qr": _qr_data_uri(url)}
    )


@login_not_required
@never_cache
def drive_entry(request, token: str):
    """The event's link: remember the drive for this registration, then register by mobile."""
    drive = drive_for_token(token)
    if drive is None:
        return render(
            request,
            "accounts/invitation_refused.html",
            {"reason": _("This event link is not valid. Ask the youth centre for the right one.")},
            status=404,
        )
    if drive.is_full:
        return render(
            request, "accounts/invitation_refused.html", {"reason": DRIVE_FULL}, status=410
        )
    request.session[SESSION_TOKEN] = drive.token
    request.session[SESSION_CENTRE] = drive.centre_id
    messages.info(
        request,
        _("Welcome to %(event)s! Register with your mobile number.") % {"event": drive.name},
    )
    return redirect("accounts:phone_signup")
