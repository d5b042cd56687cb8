from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import services as audit
from core.caching import kept_until_changed
from core.decorators import staff_required, youth_required
from core.paging import filtered_page
from core.scoping import is_staff_member

from .forms import (
    AssignForm,
    CaseFilter,
    CaseMoveForm,
    CaseOpenForm,
    ConsultationForm,
    DocumentForm,
    InviteMediatorForm,
    NoteForm,
    OfficeForm,
)
from .invitations import mediator_invite
from .models import (
    MOVE_LABELS,
    STAFF,
    TRANSITIONS,
    Case,
    CaseDocument,
    Office,
    Status,
    consultations_visible_to,
)
from .permissions import can_add_document, can_assign, can_move, can_read_document, role_in
from .roles import is_external_mediator
from .selectors import (
    case_list_base,
    consultation_list_base,
    follow_ups_awaiting,
    mediator_candidates,
)
from .services import (
    case_assign,
    case_document_add,
    case_note_add,
    case_open,
    case_transition,
    consultation_create,
    consultation_follow_up_done,
    office_create,
)

QUEUE_SIZE = 50


def _case_for(request, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.user).select_related("centre", "youth", "mediator"),
        pk=pk,
    )


def _no_store(response):
    # Case pages carry personal data and what happened to a person.
    response["Cache-Control"] = "no-store"
    return response


# --- the young person's pages ---------------------------------------------------------------


@youth_required
def my_cases(request):
    cases = Case.objects.filter(youth=request.user).order_by("-created_at", "-pk")
    return _no_store(render(request, "guidance/my_cases.html", {"cases": cases}))


def _open_case(request, form, youth):
    data = form.cleaned_data
    try:
        case = case_open(
            actor=request.user,
            youth=youth,
            kind=data["kind"],
            other_party=data["other_party"],
            description=data["description"],
            amount_claimed=data["amount_claimed"],
        )
        if data["document"] is not None:
            case_document_add(
                case=case, actor=request.user, title=_("Opening document"), content=data["document"]
            )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The case has been opened."))
    return redirect("guidance:case_detail", pk=case.pk)


@youth_required
def case_open_view(request):
    form = CaseOpenForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _open_case(request, form, request.user)
        if response:
            return response
    return render(request, "guidance/case_form.html", {"form": form})


@staff_required
def staff_case_open(request):
    form = CaseOpenForm(request.POST or None, request.FILES or None, staff=request.user)
    if request.method == "POST" and form.is_valid():
        response = _open_case(request, form, form.cleaned_data["youth_phone"])
        if response:
            return response
    return render(request, "guidance/case_form.html", {"form": form, "staff": True})


# --- the case page, for everyone who sees the case ------------------------------------------


def case_detail(request, pk: int):
    case = _case_for(request, pk)
    role = role_in(request.user, case)
    works = role in (STAFF, "mediator")
    moves = [
        {
            "status": status,
            "label": MOVE_LABELS[(case.status, status)],
            "form": CaseMoveForm(initial={"to_status": status, "expected_status": case.status}),
            "resolves": status == Status.RESOLVED,
        }
        for status in case.moves_for(role)
    ]
    documents = case.documents.all()
    if not works:
        documents = documents.filter(uploaded_by=request.user)
    context = {
        "case": case,
        "role": role,
        "works": works,
        "moves": moves,
        "history": case.history.select_related("actor"),
        "documents": documents,
        "can_add_document": can_add_document(request.user, case),
    }
    if works:
        # Internal: never put in the young person's page.
        context["notes"] = case.notes.select_related("author")
        context["note_form"] = NoteForm(initial={"noted_on": timezone.localdate()})
    if can_assign(request.user, case):
        context["assign_form"] = AssignForm(
            initial={"mediator": case.mediator_id}, candidates=mediator_candidates(case)
        )
    return _no_store(render(request, "guidance/case_detail.html", context))


@require_POST
def case_move(request, pk: int):
    case = _case_for(request, pk)
    form = CaseMoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("guidance:case_detail", pk=case.pk)
    data = form.cleaned_data
    to_status = data["to_status"]
    if (
        data["expected_status"] == case.status
        and (case.status, to_status) in TRANSITIONS
        and not can_move(request.user, case, to_status)
    ):
        raise PermissionDenied
    try:
        case_transition(
            case=case,
            to_status=to_status,
            actor=request.user,
            note=data["note"],
            amount_recovered=data["amount_recovered"],
            expected_status=data["expected_status"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The case is now “%(status)s”.") % {"status": Status(to_status).label}
        )
    return redirect("guidance:case_detail", pk=case.pk)


@require_POST
def case_assign_view(request, pk: int):
    case = _case_for(request, pk)
    if not can_assign(request.user, case):
        raise PermissionDenied
    form = AssignForm(request.POST, candidates=mediator_candidates(case))
    if not form.is_valid():
        messages.error(request, _("Choose a mediator from the list."))
        return redirect("guidance:case_detail", pk=case.pk)
    try:
        case_assign(case=case, mediator=form.cleaned_data["mediator"], actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The case has been assigned."))
    return redirect("guidance:case_detail", pk=case.pk)


@require_POST
def case_note(request, pk: int):
    case = _case_for(request, pk)
    if role_in(request.user, case) not in (STAFF, "mediator"):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("guidance:case_detail", pk=case.pk)
    case_note_add(case=case, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The note has been added."))
    return redirect("guidance:case_detail", pk=case.pk)


def case_document(request, pk: int):
    case = _case_for(request, pk)
    if not can_add_document(request.user, case):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_document_add(
                case=case,
                actor=request.user,
                title=form.cleaned_data["title"],
                content=form.cleaned_data["document"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document has been added."))
            return redirect("guidance:case_detail", pk=case.pk)
    return render(request, "guidance/document_form.html", {"form": form, "case": case})


def document_download(request, pk: int):
    document = get_object_or_404(
        CaseDocument.objects.filter(case__in=Case.objects.visible_to(request.user)).select_related(
            "case__centre"
        ),
        pk=pk,
    )
    if not can_read_document(request.user, document):
        raise Http404
    audit.record("guidance.document_downloaded", target=document.case)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"case-{document.case_id}-document-{document.pk}.pdf",
    )


# --- staff lists ----------------------------------------------------------------------------


@staff_required
@kept_until_changed
def case_list(request):
    base = case_list_base(request.user)
    case_filter = CaseFilter(request.GET or None, queryset=base, request=request)
    page, query = filtered_page(request, case_filter, base)
    return render(
        request, "guidance/case_list.html", {"filter": case_filter, "page": page, "query": query}
    )


def mediator_cases(request):
    """The cases assigned to the person: an office's mediator, or staff who carry cases."""
    if not (is_external_mediator(request.user) or is_staff_member(request.user)):
        raise Http404
    cases = (
        Case.objects.filter(mediator=request.user)
        .select_related("centre")
        .order_by("-last_activity_at", "-pk")[:200]
    )
    return _no_store(render(request, "guidance/mediator_cases.html", {"cases": cases}))


@staff_required
def consultation_list(request):
    base = consultation_list_base(request.user)
    from django.core.paginator import Paginator

    # ?follow_up=mine: the follow-ups due that await the viewer (the work queue links here).
    follow_up = request.GET.get("follow_up") == FOLLOW_UP_MINE
    if follow_up:
        base = follow_ups_awaiting(base, request.user)
    page = Paginator(base, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "guidance/consultation_list.html",
        {
            "page": page,
            "query": f"follow_up={FOLLOW_UP_MINE}" if follow_up else "",
            "follow_up": follow_up,
        },
    )


FOLLOW_UP_MINE = "mine"


@staff_required
def consultation_create_view(request):
    form = ConsultationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation_create(
                actor=request.user,
                centre=data["centre"],
                topic=data["topic"],
                summary=data["summary"],
                youth=data["youth_phone"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consultation has been logged."))
            return redirect("guidance:consultations")
    return render(request, "guidance/consultation_form.html", {"form": form})


@require_POST
@staff_required
def consultation_done(request, pk: int):
    consultation = get_object_or_404(consultations_visible_to(request.user), pk=pk)
    try:
        consultation_follow_up_done(consultation=consultation, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The follow-up has been recorded."))
    return redirect("guidance:queue")


@staff_required
def queue(request):
    """The staff work queue: follow-ups due and cases not updated for 14 days."""
    today = timezone.localdate()
    follow_ups = (
        consultations_visible_to(request.user)
        .filter(follow_up_on__lte=today, followed_up_at__isnull=True)
        .select_related("centre", "youth")
        .order_by("follow_up_on", "pk")[:QUEUE_SIZE]
    )
    stale = (
        Case.objects.visible_to(request.user)
        .stale()
        .select_related("centre", "mediator")
        .order_by("last_activity_at", "pk")[:QUEUE_SIZE]
    )
    unassigned = (
        Case.objects.visible_to(request.user)
        .filter(status=Status.OPEN, mediator__isnull=True)
        .select_related("centre")
        .order_by("created_at", "pk")[:QUEUE_SIZE]
    )
    return render(
        request,
        "guidance/queue.html",
        {"follow_ups": follow_ups, "stale": stale, "unassigned": unassigned},
    )


@staff_required
def office_list(request):
    from core.scoping import centre_or_ancestor_q

    offices = (
        Office.objects.filter(centre_or_ancestor_q(request.user, "centre"))
        .select_related("centre")
        .order_by("name", "pk")[:200]
    )
    return render(request, "guidance/office_list.html", {"offices": offices})


@staff_required
def office_create_view(request):
    form = OfficeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            office_create(
                actor=request.user, name=data["name"], kind=data["kind"], centre=data["centre"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The office has been registered."))
            return redirect("guidance:offices")
    return render(request, "guidance/office_form.html", {"form": form})


@staff_required
def office_invite(request, pk: int):
    from core.scoping import centre_q

    office = get_object_or_404(
        Office.objects.filter(centre_q(request.user, "centre")).select_related("centre"), pk=pk
    )
    form = InviteMediatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mediator_invite(
                invited_by=request.user,
                office=office,
                name=data["name"],
                email=data["email"],
                phone=data["phone"] or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("guidance:offices")
    return render(request, "guidance/office_invite.html", {"form": form, "office": office})
