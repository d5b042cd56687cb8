"""A village's list (accounts/village_lists.py): the upload and its preview, sending the
invitations, and an empty workbook to fill in."""

import io
import json
import secrets
import time

import openpyxl
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from core.crypto import decrypt, encrypt
from core.decorators import staff_required
from core.forms import submit_helper

from .models import OrgUnit
from .village_lists import (
    FILE_TOO_LARGE,
    MAX_BYTES,
    MAX_ROWS,
    village_list_preview,
    village_list_send,
)

# The previewed rows waiting to be sent, when none was refused: kept in the session,
# encrypted (names and mobile numbers), for half an hour.
SESSION_KEY = "village_list"
PREVIEW_FOR = 30 * 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class InMemoryOnly(FileUploadHandler):
    """The list is personal data: it stays in the request's memory, never in a temporary file
    (Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to one), and reading stops past
    MAX_BYTES."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False
        self.buffer = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if self.buffer.tell() + len(raw_data) > MAX_BYTES:
            self.too_large = True
            self.buffer = io.BytesIO()
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("The list (Excel workbook, .xlsx)"),
        help_text=gettext_lazy(
            "Columns 姓名 (name), 手机号 (mobile) and 村 (village) in the first sheet; at most "
            "500 young people."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(gettext_lazy("Check the list"))
        self.helper.attrs = {"enctype": "multipart/form-data"}


@csrf_exempt  # checked below, once the upload handler is in place (Django's documented way)
@staff_required
@never_cache
def village_list(request):
    handler = InMemoryOnly(request)
    request.upload_handlers = [handler]
    return _village_list(request, handler)


@csrf_protect
def _village_list(request, handler):
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    preview_id = ""
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["workbook"].read()
        try:
            rows = village_list_preview(user=request.user, content=content)
        except ValidationError as error:
            form.add_error("workbook", error)
        else:
            request.session.pop(SESSION_KEY, None)
            if all(row.ok for row in rows):
                preview_id = _keep(request, rows)
    elif request.method == "POST" and handler.too_large:
        form.errors["workbook"] = form.error_class([FILE_TOO_LARGE])
    refused = sum(1 for row in rows if not row.ok) if rows else 0
    return render(
        request,
        "accounts/village_list.html",
        {
            "form": form,
            "rows": rows,
            "refused": refused,
            "ok": len(rows) - refused if rows else 0,
            "preview_id": preview_id,
            "max_rows": MAX_ROWS,
        },
    )


def _keep(request, rows) -> str:
    preview_id = secrets.token_urlsafe(12)
    pending = {
        "id": preview_id,
        "by": request.user.pk,
        "at": time.time(),
        "rows": [{"name": r.name, "phone": r.phone, "centre": r.centre.pk} for r in rows],
    }
    request.session[SESSION_KEY] = encrypt(json.dumps(pending))
    return preview_id


def _take(request, preview_id: str) -> list[dict] | None:
    """The rows of this preview, once: taken out of the session (a second click sends none)."""
    token = request.session.pop(SESSION_KEY, None)
    if not token or not preview_id:
        return None
    try:
        pending = json.loads(decrypt(token))
    except Exception:  # a key rotated away, or a session from another version
        return None
    if (
        pending.get("id") != preview_id
        or pending.get("by") != request.user.pk
        or time.time() - pending.get("at", 0) > PREVIEW_FOR
    ):
        return None
    return pending["rows"]


@require_POST
@staff_required
def village_list_send_view(request):
    rows = _take(request, request.POST.get("preview", ""))
    if not rows:
        messages.error(
            request, _("This list is no longer waiting to be sent. Please upload it again.")
        )
        return redirect("accounts:village_list")
    try:
        count = village_list_send(invited_by=request.user, rows=rows)
    except (ValidationError, PermissionDenied):
        messages.error(
            request,
            _("The list could not be sent: your area has changed. Please upload it again."),
        )
        return redirect("accounts:village_list")
    messages.success(
        request,
        ngettext(
            "%(count)s young person has been invited to register. Registering is their own "
            "choice, with their own consent.",
            "%(count)s young people have been invited to register. Registering is their own "
            "choice, with their own consent.",
            count,
        )
        % {"count": count},
    )
    return redirect("accounts:invitation_list")


@staff_required
def village_list_template(request):
    """An empty list to fill in, with the names of the centres of one's area on a second
    sheet (the village column must name one of them)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "手机号", "村"])
    for column, width in zip("ABC", (14, 16, 24), strict=True):
        sheet.column_dimensions[column].width = width
    centres = workbook.create_sheet("村名")
    centres.append(["村", "镇"])
    for unit in OrgUnit.objects.visible_to(request.user).select_related("parent"):
        if unit.level == OrgUnit.Level.VILLAGE:
            centres.append([unit.name, unit.parent.name if unit.parent else ""])
    centres.column_dimensions["A"].width = 24
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="village-list.xlsx"'
    return response
