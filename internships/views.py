from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.caching import kept_until_changed
from core.decorators import staff_required
from core.paging import filtered_page
from core.scoping import is_staff_member

from . import eligibility
from .forms import (
    ApplicationFilter,
    ApplyForm,
    EvaluationForm,
    LeaveForm,
    OutcomeForm,
    PlacementFilter,
    PositionForm,
    RuleForm,
    StationForm,
    TransitionForm,
)
from .models import (
    MOVE_LABELS,
    REASON_ASKED,
    TRANSITIONS,
    Application,
    EligibilityRule,
    EvaluationKind,
    Placement,
    Position,
    Station,
    Status,
)
from .permissions import (
    can_edit_rule,
    can_evaluate,
    can_manage_stations,
    can_move,
    can_record_leaving,
    can_record_outcome,
    host_station_id,
    role_in,
)
from .selectors import (
    application_list_base,
    due_soon_q,
    ending_soon,
    occupancy_percent,
    overdue_q,
    placement_list_base,
    retention_percent,
    stations_with_figures,
    with_evaluations_filed,
)
from .services import (
    application_create,
    application_transition,
    eligibility_rule_update,
    evaluation_file,
    placement_leave,
    placement_outcome_record,
    position_create,
    position_update,
    station_create,
    station_update,
)

# --- Public: open positions ---


@login_not_required
def positions(request):
    base = (
        Position.objects.open()
        .select_related("station__enterprise")
        .only(
            *("title", "department", "places", "places_taken", "stipend", "duration_months"),
            *("created_at", "station__enterprise__name"),
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(base, 20).get_page(request.GET.get("page"))
    return render(request, "internships/positions.html", {"page": page, "query": ""})


@login_not_required
@never_cache
def position_detail(request, pk: int):
    """An open position, the rule, and for a signed-in young person whether they may apply
    and, if not, why (checked again when they apply)."""
    position = get_object_or_404(
        Position.objects.open().select_related("station__enterprise"), pk=pk
    )
    rule = EligibilityRule.current()
    context = {"position": position, "rule": rule, "form": ApplyForm()}
    if request.user.is_authenticated and hasattr(request.user, "youth_profile"):
        context["reasons"] = eligibility.reasons(
            request.user, rule=rule, today=timezone.localdate()
        )
        context["applied"] = Application.objects.filter(
            position=position, youth=request.user
        ).first()
    return render(request, "internships/position_detail.html", context)


@require_POST
def apply(request, pk: int):
    if not hasattr(request.user, "youth_profile"):
        raise Http404
    position = get_object_or_404(Position.objects.open(), pk=pk)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The application could not be sent."))
        return redirect("internships:position", pk=pk)
    try:
        application = application_create(
            youth=request.user, position=position, motivation=form.cleaned_data["motivation"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("internships:position", pk=pk)
    messages.success(request, _("Your application has been sent to the host."))
    return redirect("internships:application", pk=application.pk)


# --- The graduate's own ---


def mine(request):
    if not hasattr(request.user, "youth_profile"):
        raise Http404
    applications = (
        Application.objects.filter(youth=request.user)
        .select_related("position__station__enterprise")
        .order_by("-created_at", "-pk")
    )
    placements = (
        Placement.objects.filter(youth=request.user)
        .select_related("station__enterprise", "position")
        .order_by("-start_date", "-pk")
    )
    return render(
        request,
        "internships/mine.html",
        {"applications": applications, "placements": placements},
    )


# --- One application, one placement (the graduate, the host, staff in scope) ---


def _application_for(request, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "position__station__enterprise", "youth", "centre"
        ),
        pk=pk,
    )


def application_detail(request, pk: int):
    application = _application_for(request, pk)
    role = role_in(request.user, application)
    moves = [
        {
            "status": status,
            "label": MOVE_LABELS[(application.status, status)],
            "form": TransitionForm(
                initial={"to_status": status, "expected_status": application.status}
            ),
            "asks_reason": status in REASON_ASKED,
            "asks_interview": status == Status.INTERVIEW,
            "asks_start": status == Status.OFFERED,
        }
        for status in application.moves_for(role)
    ]
    placement = Placement.objects.filter(application=application).first()
    return render(
        request,
        "internships/application_detail.html",
        {
            "application": application,
            "role": role,
            "moves": moves,
            "history": application.history.select_related("actor"),
            "placement": placement,
            "profile": getattr(application.youth, "youth_profile", None),
        },
    )


@require_POST
def application_move(request, pk: int):
    application = _application_for(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("internships:application", pk=application.pk)
    data = form.cleaned_data
    to_status = data["to_status"]
    if (
        data["expected_status"] == application.status
        and (application.status, to_status) in TRANSITIONS
        and not can_move(request.user, application, to_status)
    ):
        raise PermissionDenied
    try:
        application_transition(
            application=application,
            to_status=to_status,
            actor=request.user,
            expected_status=data["expected_status"],
            reason=data["reason"],
            interview_at=data["interview_at"],
            interview_place=data["interview_place"],
            start_date=data["start_date"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The application is now “%(status)s”.") % {"status": Status(to_status).label}
        )
    return redirect("internships:application", pk=application.pk)


def _placement_for(request, pk: int) -> Placement:
    return get_object_or_404(
        Placement.objects.visible_to(request.user).select_related(
            "station__enterprise", "position", "youth", "centre", "application"
        ),
        pk=pk,
    )


def placement_detail(request, pk: int):
    placement = _placement_for(request, pk)
    today = timezone.localdate()
    evaluations = list(placement.evaluations.select_related("evaluated_by"))
    filed = {e.kind for e in evaluations}
    return render(
        request,
        "internships/placement_detail.html",
        {
            "placement": placement,
            "evaluations": evaluations,
            "can_evaluate": can_evaluate(request.user, placement)
            and len(filed) < len(EvaluationKind.choices),
            "can_leave": can_record_leaving(request.user, placement),
            "can_outcome": can_record_outcome(request.user, placement, today),
            "midterm_filed": EvaluationKind.MIDTERM in filed,
            "final_filed": EvaluationKind.FINAL in filed,
        },
    )


def evaluation_create(request, pk: int):
    placement = _placement_for(request, pk)
    if not can_evaluate(request.user, placement):
        raise PermissionDenied
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_file(placement=placement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evaluation has been filed."))
            return redirect("internships:placement", pk=placement.pk)
    return render(
        request,
        "internships/placement_form.html",
        {"form": form, "placement": placement, "title": _("Evaluate the intern")},
    )


def placement_leave_view(request, pk: int):
    placement = _placement_for(request, pk)
    if not can_record_leaving(request.user, placement):
        raise PermissionDenied
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            placement_leave(placement=placement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Leaving early has been recorded."))
            return redirect("internships:placement", pk=placement.pk)
    return render(
        request,
        "internships/placement_form.html",
        {"form": form, "placement": placement, "title": _("The intern left early")},
    )


def placement_outcome(request, pk: int):
    placement = _placement_for(request, pk)
    if not can_record_outcome(request.user, placement, timezone.localdate()):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, initial={"outcome": placement.outcome or None})
    if request.method == "POST" and form.is_valid():
        try:
            placement_outcome_record(
                placement=placement, actor=request.user, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("internships:placement", pk=placement.pk)
    return render(
        request,
        "internships/placement_form.html",
        {"form": form, "placement": placement, "title": _("Outcome after the internship")},
    )


# --- Lists: staff of their area, a host's contacts of their own station ---


def _staff_or_host(request) -> int | None:
    """Staff (None) or the station of a host's contact; anyone else: 404."""
    if is_staff_member(request.user):
        return None
    station_id = host_station_id(request.user)
    if station_id is None:
        raise Http404
    return station_id


@kept_until_changed
def application_list(request):
    _staff_or_host(request)
    base = application_list_base(request.user)
    application_filter = ApplicationFilter(request.GET or None, queryset=base, user=request.user)
    page, query = filtered_page(request, application_filter, base)
    return render(
        request,
        "internships/application_list.html",
        {"filter": application_filter, "page": page, "query": query},
    )


def placement_list(request):
    _staff_or_host(request)
    today = timezone.localdate()
    attention = request.GET.get("attention", "")
    base = placement_list_base(request.user, attention, today)
    placement_filter = PlacementFilter(request.GET or None, queryset=base, user=request.user)
    page, query = filtered_page(request, placement_filter, base)
    return render(
        request,
        "internships/placement_list.html",
        {
            "filter": placement_filter,
            "page": page,
            "query": query,
            "attention": attention,
            "today": today,
        },
    )


# --- The host's own pages ---


@never_cache
def host_home(request):
    station_id = host_station_id(request.user)
    if station_id is None:
        raise Http404
    station = Station.objects.select_related("enterprise").get(pk=station_id)
    today = timezone.localdate()
    placements = with_evaluations_filed(
        Placement.objects.filter(station=station).select_related("youth", "position")
    )
    return render(
        request,
        "internships/host_home.html",
        {
            "station": station,
            "positions": station.positions.order_by("-created_at", "-pk"),
            "waiting": Application.objects.filter(
                station=station, status__in=[Status.APPLIED, Status.SHORTLISTED, Status.INTERVIEW]
            )
            .select_related("youth", "position")
            .order_by("-status_changed_at", "-pk")[:20],
            "due": placements.filter(due_soon_q(today)).order_by("end_date", "pk")[:20],
            "overdue": placements.filter(overdue_q(today)).order_by("end_date", "pk")[:20],
            "today": today,
        },
    )


def _host_station(request) -> Station:
    station_id = host_station_id(request.user)
    if station_id is None:
        raise Http404
    return Station.objects.get(pk=station_id)


def position_create_view(request):
    station = _host_station(request)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            position_create(station=station, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The position has been saved."))
            return redirect("internships:host_home")
    return render(request, "internships/position_form.html", {"form": form})


def position_edit(request, pk: int):
    station = _host_station(request)
    position = get_object_or_404(Position.objects.filter(station=station), pk=pk)
    initial = {
        name: getattr(position, name)
        for name in ("title", "department", "places", "stipend", "duration_months")
    }
    initial.update(requirements=position.requirements, is_open=position.is_open)
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            position_update(position=position, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The position has been saved."))
            return redirect("internships:host_home")
    return render(request, "internships/position_form.html", {"form": form, "position": position})


# --- Staff ---


@staff_required
def stations(request):
    today = timezone.localdate()
    rows = [
        {
            "station": s,
            "occupancy": occupancy_percent(s),
            "retention": retention_percent(s),
        }
        for s in stations_with_figures(request.user, today)
    ]
    base = with_evaluations_filed(Placement.objects.visible_to(request.user))
    return render(
        request,
        "internships/stations.html",
        {
            "rows": rows,
            "year": today.year,
            "ending_count": ending_soon(base, today).count(),
            "overdue_count": base.filter(overdue_q(today)).count(),
            "can_manage": can_manage_stations(request.user),
            "can_edit_rule": can_edit_rule(request.user),
            "rule": EligibilityRule.current(),
        },
    )


@staff_required
def station_create_view(request):
    if not can_manage_stations(request.user):
        raise PermissionDenied
    form = StationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            station_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The station has been saved."))
            return redirect("internships:stations")
    return render(request, "internships/station_form.html", {"form": form})


@staff_required
def station_edit(request, pk: int):
    station = get_object_or_404(
        Station.objects.visible_to(request.user).select_related("enterprise"), pk=pk
    )
    if not can_manage_stations(request.user):
        raise PermissionDenied
    form = StationForm(
        request.POST or None,
        user=request.user,
        station=station,
        initial={
            "since": station.since,
            "annual_quota": station.annual_quota,
            "is_active": station.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            station_update(station=station, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The station has been saved."))
            return redirect("internships:stations")
    return render(request, "internships/station_form.html", {"form": form, "station": station})


@staff_required
def rule_edit(request):
    if not can_edit_rule(request.user):
        raise PermissionDenied
    rule = EligibilityRule.current()
    form = RuleForm(
        request.POST or None,
        initial={
            "years_since_graduation": rule.years_since_graduation,
            "education_levels": rule.education_levels,
            "require_complete_profile": rule.require_complete_profile,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            eligibility_rule_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The eligibility rule has been saved."))
            return redirect("internships:stations")
    return render(request, "internships/rule_form.html", {"form": form})
