import time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User, YouthProfile
from audit import services as audit
from core.caching import kept, kept_until_changed
from core.decorators import staff_required, youth_required
from core.paging import filtered_page
from core.prepared import KeptQueries
from core.scoping import scope_key

from .forms import (
    FactsForm,
    OutcomeForm,
    ProjectFilter,
    ProjectForm,
    ShowcaseForm,
    TransitionForm,
)
from .invitations import project_members_invite
from .models import (
    IRREVERSIBLE,
    MOVE_LABELS,
    REASON_ASKED,
    TRANSITIONS,
    YOUTH,
    OutcomeReport,
    ProjectPhoto,
    Stage,
    StageChange,
    VentureProject,
)
from .permissions import (
    can_change_showcase,
    can_edit,
    can_move,
    can_report_outcome,
    can_update_facts,
    is_member,
    launch_blocked,
    role_in,
)
from .selectors import pipeline, project_list_base, showcase
from .services import (
    outcome_report_submit,
    project_create,
    project_facts_update,
    project_member_leave,
    project_showcase_update,
    project_transition,
    project_update,
)

# The queries of a project's page, compiled once (per viewer's scope where it matters) and
# prepared on PostgreSQL (core/prepared.py): they are asked on every visit.
_QUERIES = KeptQueries()


def _project_for(request, pk: int) -> VentureProject:
    """The project as the viewer may see it: 404 outside their scope."""
    user = request.user

    def build(marker):
        return (
            VentureProject.objects.visible_to(user)
            .select_related("lead", "centre")
            .filter(pk=marker)[:1]
        )

    found = _QUERIES.run(("project", scope_key(user)), build, value=int(pk))
    if not found:
        raise Http404
    return found[0]


# The people a project's page names, as their names are shown (str(user)).
_NAMED = ("name", "email", "erased_at")


@youth_required
def my_projects(request):
    projects = (
        VentureProject.objects.visible_to(request.user).select_related("centre").order_by("-pk")
    )
    return render(request, "projects/my_projects.html", {"projects": projects})


def _save_project(request, form, project=None):
    data = form.cleaned_data
    try:
        # The showcase consent shares the project form but has its own service, as on its
        # own page; both writes stand or fall together.
        with transaction.atomic():
            if project is None:
                project = project_create(
                    lead=request.user,
                    name=data["name"],
                    sector=data["sector"],
                    centre=data["centre"],
                    description=data["description"],
                    business_plan=data["plan_upload"],
                    photos=data["photo_uploads"],
                )
            else:
                project = project_update(
                    project=project,
                    actor=request.user,
                    name=data["name"],
                    sector=data["sector"],
                    centre=data["centre"],
                    description=data["description"],
                    business_plan=data["plan_upload"],
                    photos=data["photo_uploads"],
                )
            invited = project_members_invite(
                project=project, lead=request.user, addresses=data["members_text"]
            )
            showcase = (data["showcase_opt_in"], data["story"])
            if showcase != (project.showcase_opt_in, project.story):
                project_showcase_update(
                    project=project, actor=request.user, opt_in=showcase[0], story=showcase[1]
                )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The project has been saved."))
    if invited:
        # The same words whether or not the people are registered.
        messages.info(
            request,
            ngettext(
                "An invitation has been sent; they join the team once they accept it.",
                "%(n)s invitations have been sent; each joins the team once they accept it.",
                invited,
            )
            % {"n": invited},
        )
    return redirect("projects:detail", pk=project.pk)


@youth_required
def project_create_view(request):
    form = ProjectForm(request.POST or None, request.FILES or None, lead=request.user)
    if request.method == "POST" and form.is_valid():
        response = _save_project(request, form)
        if response:
            return response
    return render(request, "projects/project_form.html", {"form": form})


def project_edit(request, pk: int):
    project = _project_for(request, pk)
    if not can_edit(request.user, project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None, request.FILES or None, instance=project, lead=request.user
    )
    if request.method == "POST" and form.is_valid():
        response = _save_project(request, form, project)
        if response:
            return response
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@kept_until_changed
def project_detail(request, pk: int):
    project = _project_for(request, pk)
    # The team, once: shown, and asked by "is a member" and the outcome predicate.
    team = Prefetch("members", queryset=User.objects.only(*_NAMED))
    prefetch_related_objects([project], team)
    role = role_in(request.user, project)
    moves = [
        {
            "stage": stage,
            "label": MOVE_LABELS[(project.stage, stage)],
            "form": TransitionForm(initial={"to_stage": stage, "expected_stage": project.stage}),
            # A reason only where one is asked of this person; irreversible moves are
            # confirmed on a page of their own, which asks for it there.
            "asks_reason": stage in REASON_ASKED and stage not in IRREVERSIBLE,
            "confirm": stage in IRREVERSIBLE,
            "blocked": launch_blocked(project, stage),
        }
        for stage in project.moves_for(role)
    ]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "role": role,
            "lead_profile": _lead_profile_for(request.user, project),
            "history": _QUERIES.run(
                ("history",),
                lambda marker: (
                    StageChange.objects.filter(project=marker)
                    .select_related("actor")
                    .only(
                        *("from_stage", "to_stage", "reason", "created_at", "project", "actor"),
                        *(f"actor__{name}" for name in _NAMED),
                    )
                    .order_by("created_at", "pk")
                ),
                value=project.pk,
            ),
            "outcomes": _QUERIES.run(
                ("outcomes",),
                lambda marker: OutcomeReport.objects.filter(project=marker),
                value=project.pk,
            ),
            "photos": _QUERIES.run(
                ("photos",),
                lambda marker: ProjectPhoto.objects.filter(project=marker),
                value=project.pk,
            ),
            "members": project.members.all(),
            "moves": moves,
            "can_edit": can_edit(request.user, project),
            "can_report": can_report_outcome(request.user, project),
            "can_update_facts": can_update_facts(request.user, project),
            "can_change_showcase": can_change_showcase(request.user, project),
            "is_member": is_member(request.user, project),
        },
    )


def _lead_profile_for(user, project: VentureProject):
    """The lead's youth profile, for staff who may open it (a link on the project page)."""
    if role_in(user, project) in (None, YOUTH):
        return None
    found = _QUERIES.run(
        ("lead profile", scope_key(user)),
        lambda marker: (
            YouthProfile.objects.visible_to(user)
            .filter(user_id=marker)
            .only("pk")
            .order_by("pk")[:1]
        ),
        value=project.lead_id,
    )
    return found[0] if found else None


def project_close(request, pk: int):
    """Closing cannot be undone: this page says what will happen and asks for the reason."""
    project = _project_for(request, pk)
    if not can_move(request.user, project, Stage.CLOSED):
        raise PermissionDenied
    form = TransitionForm(initial={"to_stage": Stage.CLOSED, "expected_stage": project.stage})
    return render(request, "projects/close_confirm.html", {"project": project, "form": form})


@require_POST
def project_leave(request, pk: int):
    project = _project_for(request, pk)
    try:
        project_member_leave(project=project, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("projects:detail", pk=project.pk)
    messages.success(request, _("You have left the project team."))
    return redirect("projects:mine")


@require_POST
def project_move(request, pk: int):
    project = _project_for(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This move could not be made."))
        return redirect("projects:detail", pk=project.pk)
    to_stage = form.cleaned_data["to_stage"]
    if form.cleaned_data["expected_stage"] == project.stage:
        # A move the table has but this person's role may not make is refused (403); a move
        # outside the table, or from a page someone else's move made stale, is explained.
        if (project.stage, to_stage) in TRANSITIONS and not can_move(
            request.user, project, to_stage
        ):
            raise PermissionDenied
        if to_stage in IRREVERSIBLE and not request.POST.get("confirmed"):
            return redirect("projects:close", pk=project.pk)
    try:
        project_transition(
            project=project,
            to_stage=to_stage,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_stage=form.cleaned_data["expected_stage"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The project is now “%(stage)s”.")
            % {"stage": Stage(form.cleaned_data["to_stage"]).label},
        )
    return redirect("projects:detail", pk=project.pk)


def outcome_create(request, pk: int):
    project = _project_for(request, pk)
    if not can_report_outcome(request.user, project):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_report_submit(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the figures have been recorded."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/outcome_form.html", {"form": form, "project": project})


def project_showcase(request, pk: int):
    project = _project_for(request, pk)
    if not can_change_showcase(request.user, project):
        raise PermissionDenied
    form = ShowcaseForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            project_showcase_update(
                project=project,
                actor=request.user,
                opt_in=form.cleaned_data["showcase_opt_in"],
                story=form.cleaned_data["story"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/showcase_form.html", {"form": form, "project": project})


@staff_required
def project_facts(request, pk: int):
    project = _project_for(request, pk)
    form = FactsForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project_facts_update(
                project=project,
                actor=request.user,
                is_registered=data["is_registered"],
                business_name=data["business_name"],
                uscc=data["uscc"],
                investment=data["investment"],
                jobs_created=data["jobs_created"],
                jobs_for_youth=data["jobs_for_youth"],
                in_demo_park=data["in_demo_park"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/facts_form.html", {"form": form, "project": project})


def business_plan(request, pk: int):
    project = _project_for(request, pk)
    if not project.business_plan:
        raise Http404
    audit.record("project.plan_downloaded", target=project)
    return FileResponse(
        project.business_plan.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"business-plan-{project.pk}.pdf",
    )


@login_not_required
def photo(request, pk: int):
    """Photos of showcased projects are public; others only for those who see the project."""
    item = get_object_or_404(ProjectPhoto.objects.select_related("project"), pk=pk)
    public = VentureProject.objects.showcase().filter(pk=item.project_id).exists()
    if (
        not public
        and not VentureProject.objects.visible_to(request.user).filter(pk=item.project_id).exists()
    ):
        raise Http404
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")


@staff_required
@kept_until_changed
def board(request):
    columns = pipeline(request.user)
    return render(
        request,
        "projects/board.html",
        {"columns": columns, "columns_html": _board_columns(columns)},
    )


def _board_columns(columns) -> str:
    """The columns as HTML, written once a minute for the same cards: at city scale the
    board shows 240 cards, each with its time in the stage, and writing them cost more than
    the rest of the page. The key is everything a card shows, so a moved or renamed project
    is never shown as it was."""
    shown = [
        (
            column["stage"],
            column["count"],
            [(p.pk, p.name, str(p.centre), p.stage_changed_at) for p in column["cards"]],
        )
        for column in columns
    ]
    minute = int(time.time() // 60)
    return kept(
        ("board", shown, get_language(), get_script_prefix(), minute),
        lambda: render_to_string("projects/partials/_board_columns.html", {"columns": columns}),
        seconds=60,
    )


@staff_required
@kept_until_changed
def project_list(request):
    base = project_list_base(request.user)
    project_filter = ProjectFilter(request.GET or None, queryset=base, user=request.user)
    page, query = filtered_page(request, project_filter, base)
    return render(
        request,
        "projects/project_list.html",
        {"filter": project_filter, "page": page, "query": query},
    )


@login_not_required
def showcase_view(request):
    page = Paginator(showcase(), 12).get_page(request.GET.get("page"))
    return render(request, "projects/showcase.html", {"page": page, "query": ""})
