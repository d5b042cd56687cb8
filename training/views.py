import base64
import io

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import OrgUnit
from core.caching import cache_anonymous_page, kept_until_changed
from core.decorators import staff_required, youth_required
from core.masking import mask_phone
from core.paging import CountedPaginator, filtered_page
from core.scoping import in_scope, is_youth

from .forms import (
    AttendanceUploadForm,
    CertificateIssueForm,
    CourseForm,
    EnrolForm,
    ManageFilter,
    PlacementForm,
    RevokeForm,
    SessionForm,
    VenueForm,
)
from .models import (
    Certificate,
    Course,
    CourseKind,
    Enrolment,
    EnrolmentStatus,
    SavedCourse,
    Session,
    Venue,
)
from .pdfs import certificate_pdf, sign_in_sheet_pdf
from .permissions import can_self_cancel
from .selectors import course_enrolments, funnel, managed_courses
from .services import (
    PLACEMENT_MOVES,
    attendance_add,
    attendance_set,
    certificate_revoke,
    certificates_issue,
    course_create,
    course_save_toggle,
    course_update,
    enrolment_cancel,
    enrolment_create,
    placement_record,
    session_create,
    venue_create,
)
from .uploads import FILE_TOO_LARGE, match_rows, read_attendance

PAGE_SIZE = 20
UPLOAD_SALT = "training.attendance-upload"


def mask_name(name: str) -> str:
    """张** / A****: the first character, the rest hidden (as the lists show names)."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _qr_svg_uri(url: str) -> str:
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=8, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


# --- The public catalogue and course page ---


@login_not_required
@cache_anonymous_page
def catalogue(request):
    """Open courses and events, soonest closing first, read in the index's order. Two queries
    (the count, remembered a minute, and the page) with the venue and centre joined."""
    kind = request.GET.get("kind", "")
    courses = (
        Course.objects.catalogue().select_related("venue", "centre").order_by("enrol_closes", "pk")
    )
    if kind in CourseKind.values:
        courses = courses.filter(kind=kind)
    else:
        kind = ""
    page = CountedPaginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/catalogue.html",
        {"page": page, "courses": page.object_list, "kinds": CourseKind.choices, "kind": kind},
    )


def _public_course(request, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.visible_to(request.user).select_related("venue", "centre", "enterprise"),
        pk=pk,
    )


@login_not_required
@cache_anonymous_page
def course_detail(request, pk: int):
    """The course, its sessions and the reader's own enrolment: a fixed number of queries
    whatever the number of sessions and enrolments (seats are a column; the waitlist's
    length and the reader's place in it are one aggregate)."""
    course = _public_course(request, pk)
    sessions = list(course.sessions.select_related("venue"))
    mine = saved = None
    position = None
    waitlisted = Enrolment.objects.filter(course=course, status=EnrolmentStatus.WAITLISTED)
    if is_youth(request.user):
        mine = (
            Enrolment.objects.filter(course=course, youth=request.user)
            .select_related("certificate")
            .order_by("-pk")
            .first()
        )
        saved = SavedCourse.objects.filter(course=course, youth=request.user).exists()
    counts = waitlisted.aggregate(
        total=Count("pk"),
        ahead=Count("pk", filter=Q(pk__lt=mine.pk)) if mine else Count("pk", filter=Q(pk=None)),
    )
    if mine is not None and mine.status == EnrolmentStatus.WAITLISTED:
        position = counts["ahead"] + 1
    login = reverse("account_login") + "?next=" + reverse("training:course", args=[course.pk])
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "sessions": sessions,
            "mine": mine if mine is not None and mine.is_active else None,
            "last": mine,
            "position": position,
            "waitlist_length": counts["total"],
            "saved": saved,
            "is_youth": is_youth(request.user),
            "is_open": course.is_open(),
            "can_cancel": mine is not None and can_self_cancel(request.user, mine),
            "login_url": login,
            "form": EnrolForm(),
        },
    )


@youth_required
@require_POST
def enrol(request, pk: int):
    course = _public_course(request, pk)
    form = EnrolForm(request.POST)
    share = form.is_valid() and form.cleaned_data["share_with_enterprise"]
    try:
        enrolment = enrolment_create(youth=request.user, course=course, share_with_enterprise=share)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            messages.success(request, _("You are enrolled: your seat is confirmed."))
        else:
            messages.info(
                request,
                _(
                    "The course is full: you are on the waitlist and will be told at once if a "
                    "seat becomes free."
                ),
            )
    return redirect("training:course", pk=course.pk)


@youth_required
@require_POST
def save_course(request, pk: int):
    course = _public_course(request, pk)
    if course_save_toggle(youth=request.user, course=course):
        messages.success(request, _("Saved: we will remind you before enrolment closes."))
    else:
        messages.info(request, _("The course is no longer saved."))
    return redirect("training:course", pk=course.pk)


@require_POST
def cancel(request, pk: int):
    """The young person cancels their own enrolment; staff cancel for anyone in scope."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course__centre"),
        Q(youth=request.user) | Q(course__in=Course.objects.managed_by(request.user)),
        pk=pk,
    )
    try:
        enrolment_cancel(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The enrolment has been cancelled."))
    if enrolment.youth_id == request.user.pk:
        return redirect("training:course", pk=enrolment.course_id)
    return redirect("training:manage_course", pk=enrolment.course_id)


@youth_required
def my_courses(request):
    enrolments = (
        Enrolment.objects.filter(youth=request.user)
        .select_related("course", "course__venue", "certificate")
        .order_by("-pk")[:100]
    )
    return render(request, "training/my_courses.html", {"enrolments": enrolments})


# --- Certificates and their public verification ---


@never_cache
def certificate(request, pk: int):
    """The printable certificate (A4): its holder and staff of the course's centre."""
    cert = get_object_or_404(
        Certificate.objects.select_related(
            "enrolment__youth", "enrolment__course__centre", "enrolment__course__enterprise"
        ),
        Q(enrolment__youth=request.user)
        | Q(enrolment__course__in=Course.objects.managed_by(request.user)),
        pk=pk,
    )
    url = settings.SITE_URL + reverse("training:verify", args=[cert.token])
    if request.GET.get("format") == "pdf":
        content = certificate_pdf(cert, cert.enrolment.course, cert.enrolment.youth.name, url)
        return _pdf(content, f"certificate-{cert.number}.pdf")
    return render(
        request,
        "training/certificate.html",
        {
            "cert": cert,
            "course": cert.enrolment.course,
            "holder": cert.enrolment.youth,
            "qr": _qr_svg_uri(url),
            "verify_url": url,
            "revoke_form": RevokeForm()
            if in_scope(request.user, cert.enrolment.course.centre)
            else None,
        },
    )


@login_not_required
def verify(request, token):
    """What the QR code opens: masked name, course, grade, validity; nothing else."""
    cert = get_object_or_404(
        Certificate.objects.select_related("enrolment__youth", "enrolment__course"), token=token
    )
    response = render(
        request,
        "training/verify.html",
        {
            "cert": cert,
            "masked_name": mask_name(cert.enrolment.youth.name),
            "course": cert.enrolment.course,
            "valid": cert.is_valid(),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Staff: courses, sessions, attendance, certificates ---


def _managed_course(request, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.managed_by(request.user).select_related("venue", "centre", "enterprise"),
        pk=pk,
    )


def _managed_session(request, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.filter(course__in=Course.objects.managed_by(request.user)).select_related(
            "course", "course__centre", "course__venue", "venue"
        ),
        pk=pk,
    )


@staff_required
@never_cache
@kept_until_changed
def manage(request):
    courses = managed_courses(request.user)
    manage_filter = ManageFilter(request.GET or None, queryset=courses, request=request)
    page, query = filtered_page(request, manage_filter, courses, PAGE_SIZE)
    return render(
        request,
        "training/manage.html",
        {"page": page, "courses": page.object_list, "filter": manage_filter, "query": query},
    )


@staff_required
@never_cache
def venues(request):
    form = VenueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            venue_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The venue has been added."))
            return redirect("training:venues")
    rows = Venue.objects.filter(centre__in=OrgUnit.objects.visible_to(request.user))
    rows = rows.select_related("centre").order_by("name", "pk")[:200]
    return render(request, "training/venues.html", {"form": form, "venues": rows})


@staff_required
@never_cache
def course_new(request):
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            course = course_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course has been created: add its sessions."))
            return redirect("training:manage_course", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form, "course": None})


@staff_required
@never_cache
def course_edit(request, pk: int):
    course = _managed_course(request, pk)
    form = CourseForm(
        request.POST or None, user=request.user, initial=CourseForm.initial_of(course)
    )
    if request.method == "POST" and form.is_valid():
        try:
            course_update(course=course, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("training:manage_course", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form, "course": course})


@staff_required
@never_cache
def manage_course(request, pk: int):
    """The course for staff: sessions with their attendance counts, participants and the
    waitlist in order, the funnel of an order-based course. A fixed number of queries."""
    course = _managed_course(request, pk)
    sessions = list(course.sessions.select_related("venue").annotate(present=Count("attendances")))
    enrolments = list(course_enrolments(course)[:1000])
    for e in enrolments:
        e.masked_name = mask_name(e.youth.name)
    participants = [e for e in enrolments if e.status == EnrolmentStatus.CONFIRMED]
    waitlist = [e for e in enrolments if e.status == EnrolmentStatus.WAITLISTED]
    session_form = SessionForm(user=request.user)
    return render(
        request,
        "training/manage_course.html",
        {
            "course": course,
            "sessions": sessions,
            "participants": participants,
            "waitlist": waitlist,
            "needed": course.sessions_needed(len(sessions)) if sessions else 0,
            "session_form": session_form,
            "certificate_form": CertificateIssueForm(initial={"grade": course.certificate_grade})
            if course.is_certified
            else None,
            "funnel": funnel(course) if course.is_order_based else None,
        },
    )


@staff_required
@require_POST
def session_new(request, pk: int):
    course = _managed_course(request, pk)
    form = SessionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            session_create(course=course, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The session has been added."))
    else:
        for _field, errors in form.errors.items():
            for message in errors:
                messages.error(request, message)
    return redirect("training:manage_course", pk=course.pk)


def _participants(session: Session):
    return list(
        Enrolment.objects.filter(course_id=session.course_id, status=EnrolmentStatus.CONFIRMED)
        .select_related("youth")
        .order_by("pk")
    )


@staff_required
@never_cache
def attendance(request, pk: int):
    """One page for a whole session: a box per participant."""
    session = _managed_session(request, pk)
    if request.method == "POST":
        present = set()
        for value in request.POST.getlist("present"):
            if not value.isdigit():
                messages.error(
                    request, _("The list sent was not understood; nothing was recorded.")
                )
                return redirect("training:attendance", pk=session.pk)
            present.add(int(value))
        try:
            count = attendance_set(session=session, actor=request.user, present=present)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect("training:attendance", pk=session.pk)
        messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
        return redirect("training:manage_course", pk=session.course_id)
    participants = _participants(session)
    recorded = set(session.attendances.values_list("enrolment_id", flat=True))
    for e in participants:
        e.masked_name = mask_name(e.youth.name)
        e.present = e.pk in recorded
    return render(
        request,
        "training/attendance.html",
        {"session": session, "course": session.course, "participants": participants},
    )


@staff_required
@never_cache
def sign_in_sheet(request, pk: int):
    """The printable sign-in sheet (A4, Chinese): names and mobiles masked as on screen."""
    session = _managed_session(request, pk)
    participants = _participants(session)
    for e in participants:
        e.masked_name = mask_name(e.youth.name)
        e.masked_phone = mask_phone(e.youth.phone)
    if request.GET.get("format") == "pdf":
        content = sign_in_sheet_pdf(session, session.course, participants)
        return _pdf(content, f"sign-in-sheet-{session.pk}.pdf")
    return render(
        request,
        "training/sign_in_sheet.html",
        {"session": session, "course": session.course, "participants": participants},
    )


@staff_required
@never_cache
def attendance_upload(request, pk: int):
    """Upload → preview with a per-row report → confirm records the rows that matched."""
    session = _managed_session(request, pk)
    form = AttendanceUploadForm()
    rows = None
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        try:
            ids = signing.loads(
                request.POST.get("token", ""), salt=f"{UPLOAD_SALT}:{session.pk}", max_age=3600
            )
            if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
                raise signing.BadSignature
            added = attendance_add(session=session, actor=request.user, enrolment_ids=ids)
        except signing.BadSignature:
            messages.error(
                request, _("The preview has expired or was changed: upload the list again.")
            )
            return redirect("training:attendance_upload", pk=session.pk)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect("training:attendance_upload", pk=session.pk)
        messages.success(request, _("Attendance recorded: %(count)s added.") % {"count": added})
        return redirect("training:manage_course", pk=session.course_id)
    if request.method == "POST":
        form = AttendanceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > 2 * 1024 * 1024:
                    raise ValidationError(FILE_TOO_LARGE)
                rows = match_rows(read_attendance(upload.read(), upload.name), session)
            except ValidationError as error:
                form.add_error("file", error)
                rows = None
            else:
                for row in rows:
                    if row.enrolment is not None:
                        row.masked_name = mask_name(row.enrolment.youth.name)
                ids = sorted(r.enrolment.pk for r in rows if r.enrolment and not r.already)
                token = signing.dumps(ids, salt=f"{UPLOAD_SALT}:{session.pk}")
    return render(
        request,
        "training/attendance_upload.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "rows": rows,
            "token": token,
            "to_add": sum(1 for r in rows or [] if r.enrolment and not r.already),
            "errors": sum(1 for r in rows or [] if r.error),
        },
    )


@staff_required
@require_POST
def certificates_new(request, pk: int):
    course = _managed_course(request, pk)
    form = CertificateIssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("training:manage_course", pk=course.pk)
    try:
        issued = certificates_issue(course=course, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Certificates issued: %(count)s.") % {"count": len(issued)})
    return redirect("training:manage_course", pk=course.pk)


@staff_required
@require_POST
def certificate_revoke_view(request, pk: int):
    cert = get_object_or_404(
        Certificate.objects.filter(enrolment__course__in=Course.objects.managed_by(request.user)),
        pk=pk,
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for revoking the certificate."))
        return redirect("training:certificate", pk=cert.pk)
    try:
        certificate_revoke(certificate=cert, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The certificate has been revoked."))
    return redirect("training:certificate", pk=cert.pk)


# --- The commissioning enterprise's contact ---


def _partner_course(request, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.commissioned_for(request.user).select_related("venue", "centre"), pk=pk
    )


@never_cache
def partner_courses(request):
    """The enterprise's commissioned courses with their funnel, counted in one query."""
    membership = getattr(request.user, "partner_membership", None)
    if membership is None or not membership.enterprise_id:
        raise Http404
    confirmed = Q(enrolments__status=EnrolmentStatus.CONFIRMED)
    courses = (
        Course.objects.commissioned_for(request.user)
        .select_related("venue")
        .annotate(
            enrolled=Count("enrolments", filter=confirmed),
            completed=Count("enrolments", filter=confirmed & Q(enrolments__completed=True)),
            placed=Count("enrolments", filter=confirmed & Q(enrolments__placement="placed")),
        )
        .order_by("-created_at", "-id")[:100]
    )
    return render(request, "training/partner_courses.html", {"courses": courses})


@never_cache
def partner_course(request, pk: int):
    """The commissioned course's funnel and the trainees who agreed to share their details."""
    course = _partner_course(request, pk)
    trainees = list(
        Enrolment.objects.filter(
            course=course, status=EnrolmentStatus.CONFIRMED, share_with_enterprise=True
        )
        .select_related("youth", "certificate")
        .order_by("pk")[:1000]
    )
    for e in trainees:
        e.moves = PLACEMENT_MOVES.get(e.placement, ()) if e.completed else ()
    return render(
        request,
        "training/partner_course.html",
        {"course": course, "funnel": funnel(course), "trainees": trainees},
    )


@require_POST
def placement(request, pk: int):
    enrolment = get_object_or_404(
        Enrolment.objects.filter(course__in=Course.objects.commissioned_for(request.user)),
        pk=pk,
    )
    form = PlacementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to record."))
        return redirect("training:partner_course", pk=enrolment.course_id)
    try:
        placement_record(
            enrolment=enrolment, actor=request.user, placement=form.cleaned_data["placement"]
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Recorded."))
    return redirect("training:partner_course", pk=enrolment.course_id)
