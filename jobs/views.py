from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import YouthProfile
from core.caching import kept_until_changed
from core.decorators import staff_required, youth_required
from core.paging import CountedPaginator, filtered_page
from core.scoping import centre_q, is_staff_member
from partners.models import Enterprise

from . import services
from .forms import (
    ApplyForm,
    FairForm,
    ImportForm,
    ManagedVacancyFilter,
    PlacementForm,
    TransitionForm,
    VacancyFilter,
    VacancyForm,
)
from .models import (
    MOVE_LABELS,
    REASON_ASKED,
    TRANSITIONS,
    Application,
    BatchStatus,
    FairRegistration,
    FairStand,
    ImportBatch,
    JobFair,
    Placement,
    Status,
    Vacancy,
)
from .permissions import can_manage_vacancy, can_move, employer_of, role_in
from .selectors import managed_vacancies, placement_list_base, vacancy_applications


def _manager_required(view):
    """Pages of employers' contacts and staff; others are outside their scope (404)."""

    def wrapper(request, *args, **kwargs):
        if not (is_staff_member(request.user) or employer_of(request.user)):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@login_not_required
def vacancy_list(request):
    """The public list, phone first: open vacancies, newest first, with search and filters."""
    base = (
        Vacancy.objects.public()
        .select_related("enterprise")
        .only(
            *("title", "places", "filled", "pay_min", "pay_max", "location_kind", "location"),
            *("sector", "closes_on", "created_at", "enterprise__name"),
        )
        .order_by("-created_at", "-id")
    )
    vacancy_filter = VacancyFilter(request.GET or None, queryset=base)
    page, query = filtered_page(request, vacancy_filter, base)
    return render(
        request, "jobs/vacancy_list.html", {"filter": vacancy_filter, "page": page, "query": query}
    )


@login_not_required
def vacancy_detail(request, pk: int):
    vacancy = get_object_or_404(Vacancy.objects.public().select_related("enterprise"), pk=pk)
    applied = None
    if request.user.is_authenticated:
        applied = Application.objects.filter(vacancy=vacancy, youth=request.user).first()
    return render(
        request,
        "jobs/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "applied": applied,
            "form": ApplyForm(),
            "can_manage": request.user.is_authenticated
            and can_manage_vacancy(request.user, vacancy),
        },
    )


@youth_required
@require_POST
def apply(request, pk: int):
    vacancy = get_object_or_404(Vacancy.objects.public(), pk=pk)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your application could not be sent."))
        return redirect("jobs:vacancy_detail", pk=pk)
    try:
        application = services.application_create(
            vacancy=vacancy, youth=request.user, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("jobs:vacancy_detail", pk=pk)
    messages.success(request, _("Your application has been sent to the employer."))
    return redirect("jobs:application_detail", pk=application.pk)


@youth_required
def my_applications(request):
    applications = (
        Application.objects.filter(youth=request.user)
        .select_related("vacancy__enterprise")
        .order_by("-created_at", "-id")
    )
    placements = Placement.objects.filter(youth=request.user).order_by("-start_date", "-id")
    return render(
        request,
        "jobs/my_applications.html",
        {"applications": applications, "placements": placements},
    )


@_manager_required
def vacancy_manage(request):
    """An employer's vacancies (staff: those of employers in their area), with applicants."""
    base = managed_vacancies(request.user)
    vacancy_filter = ManagedVacancyFilter(request.GET or None, queryset=base)
    page, query = filtered_page(request, vacancy_filter, base)
    return render(
        request,
        "jobs/vacancy_manage.html",
        {"filter": vacancy_filter, "page": page, "query": query},
    )


def _enterprises_for(user):
    enterprise = employer_of(user)
    if enterprise is not None:
        return Enterprise.objects.filter(pk=enterprise.pk)
    return Enterprise.objects.filter(centre_q(user, "centre"), is_employer=True, is_active=True)


@_manager_required
def vacancy_create(request):
    form = VacancyForm(request.POST or None, enterprises=_enterprises_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The vacancy has been posted."))
            return redirect("jobs:applicants", pk=vacancy.pk)
    return render(request, "jobs/vacancy_form.html", {"form": form})


def _vacancy_for(request, pk: int) -> Vacancy:
    return get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("enterprise__centre"), pk=pk
    )


@_manager_required
def applicants(request, pk: int):
    vacancy = _vacancy_for(request, pk)
    rows = vacancy_applications(request.user, vacancy)
    return render(request, "jobs/applicants.html", {"vacancy": vacancy, "applications": rows})


@_manager_required
@require_POST
def vacancy_close(request, pk: int):
    vacancy = _vacancy_for(request, pk)
    if not can_manage_vacancy(request.user, vacancy):
        raise PermissionDenied
    services.vacancy_close(vacancy=vacancy, actor=request.user)
    messages.success(request, _("The vacancy is closed."))
    return redirect("jobs:applicants", pk=vacancy.pk)


def _application_for(request, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "vacancy__enterprise__centre", "youth__youth_profile"
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
        }
        for status in application.moves_for(role)
    ]
    return render(
        request,
        "jobs/application_detail.html",
        {
            "application": application,
            "profile": getattr(application.youth, "youth_profile", None),
            "history": application.history.select_related("actor"),
            "moves": moves,
        },
    )


@require_POST
def application_move(request, pk: int):
    application = _application_for(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This change could not be made."))
        return redirect("jobs:application_detail", pk=pk)
    to_status = form.cleaned_data["to_status"]
    if (
        form.cleaned_data["expected_status"] == application.status
        and (application.status, to_status) in TRANSITIONS
        and not can_move(request.user, application, to_status)
    ):
        raise PermissionDenied
    try:
        services.application_transition(
            application=application,
            to_status=to_status,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The application is now “%(status)s”.") % {"status": Status(to_status).label}
        )
    return redirect("jobs:application_detail", pk=pk)


@staff_required
@kept_until_changed
def placement_list(request):
    base = placement_list_base(request.user)
    page = CountedPaginator(base, 50).get_page(request.GET.get("page"))
    return render(request, "jobs/placement_list.html", {"page": page, "query": ""})


@staff_required
def placement_create(request):
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = (
            YouthProfile.objects.visible_to(request.user)
            .with_national_id(data["national_id"])
            .select_related("user", "home_centre")
            .first()
        )
        if profile is None:
            form.add_error("national_id", _("No young person in your area has this ID number."))
        else:
            try:
                services.placement_record(
                    recorded_by=request.user,
                    youth=profile.user,
                    employer_name=data["employer_name"],
                    job_title=data["job_title"],
                    start_date=data["start_date"],
                    how_found=data["how_found"],
                    labour_export=data["labour_export"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The placement has been recorded."))
                return redirect("jobs:placement_list")
    return render(request, "jobs/placement_form.html", {"form": form})


@staff_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 8 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 8 MB."))
        else:
            batch = services.import_upload(
                uploaded_by=request.user, file_name=upload.name, content=upload.read()
            )
            return redirect("jobs:import_detail", pk=batch.pk)
    batches = ImportBatch.objects.visible_to(request.user).defer("content")[:10]
    return render(request, "jobs/import_upload.html", {"form": form, "batches": batches})


@staff_required
def import_detail(request, pk: int):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user).defer("content"), pk=pk)

    page = CountedPaginator(batch.rows.all(), 100).get_page(request.GET.get("page"))
    running = batch.status in (BatchStatus.CHECKING, BatchStatus.IMPORTING)
    return render(
        request,
        "jobs/import_detail.html",
        {"batch": batch, "page": page, "query": "", "running": running},
    )


@staff_required
@require_POST
def import_confirm(request, pk: int):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user).defer("content"), pk=pk)
    try:
        services.import_confirm(batch=batch, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("jobs:import_detail", pk=batch.pk)


@login_not_required
def fair_list(request):
    fairs = JobFair.objects.order_by("-starts_at", "-id")
    page = CountedPaginator(fairs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/fair_list.html",
        {"page": page, "query": "", "can_create": is_staff_member(request.user)},
    )


@login_not_required
def fair_detail(request, pk: int):
    fair = get_object_or_404(JobFair.objects.select_related("centre"), pk=pk)
    user = request.user
    registered = booked = None
    if user.is_authenticated:
        registered = FairRegistration.objects.filter(fair=fair, youth=user).first()
        enterprise = employer_of(user)
        if enterprise is not None:
            booked = FairStand.objects.filter(fair=fair, enterprise=enterprise).first()
    return render(
        request,
        "jobs/fair_detail.html",
        {
            "fair": fair,
            "stands": fair.stands.select_related("enterprise").order_by("enterprise__name"),
            "upcoming": fair.starts_at > timezone.now(),
            "registered": registered,
            "booked": booked,
            "is_employer": user.is_authenticated and employer_of(user) is not None,
            "can_record": user.is_authenticated
            and JobFair.objects.visible_to(user).filter(pk=fair.pk).exists(),
        },
    )


def _fair_action(request, pk: int, action, done: str):
    fair = get_object_or_404(JobFair.objects.all(), pk=pk)
    try:
        action(fair)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("jobs:fair_detail", pk=pk)


@youth_required
@require_POST
def fair_register(request, pk: int):
    return _fair_action(
        request,
        pk,
        lambda fair: services.fair_register(fair=fair, youth=request.user),
        _("You are registered for the job fair."),
    )


@require_POST
def fair_stand_book(request, pk: int):
    if employer_of(request.user) is None:
        raise Http404
    return _fair_action(
        request,
        pk,
        lambda fair: services.fair_stand_book(fair=fair, actor=request.user),
        _("Your stand is booked."),
    )


@staff_required
def fair_create(request):
    form = FairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The job fair has been organised."))
            return redirect("jobs:fair_detail", pk=fair.pk)
    return render(request, "jobs/fair_form.html", {"form": form})


@staff_required
def fair_attendance(request, pk: int):
    fair = get_object_or_404(JobFair.objects.visible_to(request.user), pk=pk)
    registrations = fair.registrations.select_related("youth").order_by("pk")
    if request.method == "POST":
        came = [int(v) for v in request.POST.getlist("came") if v.isdigit() and len(v) < 12]
        count = services.fair_attendance_record(fair=fair, actor=request.user, came=came)
        messages.success(request, _("Attendance recorded: %(n)s came.") % {"n": count})
        return redirect("jobs:fair_attendance", pk=fair.pk)
    return render(
        request, "jobs/fair_attendance.html", {"fair": fair, "registrations": registrations}
    )
