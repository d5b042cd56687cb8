"""Pages of the mentoring programme: young people's directory and mentoring page, the mentor's
phone-first pages, the chief mentor's overview and staff's lists and matching.

Every object is fetched through ``visible_to`` (outside it: 404); a predicate decides what the
viewer may do with it (403); one service makes the change."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.caching import kept_until_changed
from core.decorators import staff_required, youth_required
from core.scoping import in_scope

from . import selectors
from .forms import (
    ChiefForm,
    ConfirmForm,
    EndForm,
    MatchFilterForm,
    MentorProfileForm,
    MoveForm,
    ReassignForm,
    RequestForm,
    SessionLogForm,
    SessionPlanForm,
    WishForm,
)
from .matching import assign_greedy, assign_optimal, rank, score_matrix
from .models import (
    MENTOR,
    CoachingSession,
    Match,
    MentoringWish,
    MentorProfile,
    SessionStatus,
    Status,
    is_chief,
)
from .permissions import (
    can_confirm_session,
    can_log_session,
    can_move,
    can_plan_session,
    can_reassign,
    can_see_private_notes,
    roles_in,
)
from .roles import is_mentor
from .services import (
    match_accept,
    match_decline,
    match_end,
    match_propose,
    match_reassign,
    match_request,
    matches_publish,
    mentor_chief_set,
    mentor_profile_save,
    mentoring_wish_create,
    session_confirm,
    session_log,
    session_plan,
)

PAGE_SIZE = 25


def mentor_required(view):
    """Pages for mentors. Others are outside their scope: 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_mentor(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _own_profile(user) -> MentorProfile | None:
    return MentorProfile.objects.filter(user=user).select_related("centre").first()


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: under its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- young people ---------------------------------------------------------------------------


@youth_required
def directory(request):
    mentors = (
        MentorProfile.objects.directory()
        .select_related("user")
        .only("pk", "title", "organisation", "sectors", "skills", "bio", "photo", "user__name")
        .order_by("pk")
    )
    return render(
        request,
        "mentors/directory.html",
        {
            "page": _page(request, mentors),
            "active": Match.objects.filter(youth=request.user, status=Status.ACTIVE).exists(),
            "wish": MentoringWish.objects.filter(youth=request.user).first(),
        },
    )


@youth_required
def wish(request):
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentoring_wish_create(youth=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your centre will look for a mentor for you."))
            return redirect("mentors:mine")
    return render(request, "mentors/form.html", {"form": form, "title": _("Find me a mentor")})


@youth_required
def request_mentor(request, pk: int):
    mentor = get_object_or_404(MentorProfile.objects.directory().select_related("user"), pk=pk)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match = match_request(
                youth=request.user, mentor=mentor, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your request has been sent to the mentor."))
            return redirect("mentors:match_detail", pk=match.pk)
    return render(
        request,
        "mentors/form.html",
        {"form": form, "title": _("Ask %(name)s to mentor you") % {"name": mentor}},
    )


@youth_required
def mine(request):
    matches = (
        Match.objects.filter(youth=request.user)
        .select_related("mentor", "mentor__user")
        .order_by("-status_changed_at", "-pk")[:20]
    )
    return render(
        request,
        "mentors/mine.html",
        {"matches": matches, "wish": MentoringWish.objects.filter(youth=request.user).first()},
    )


# --- mentors --------------------------------------------------------------------------------


@mentor_required
def home(request):
    profile = _own_profile(request.user)
    if profile is None:
        messages.info(request, _("Please complete your mentor profile first."))
        return redirect("mentors:profile")
    context = selectors.home_for_mentor(profile)
    context.update(profile=profile, hours_this_month=round(context["minutes_this_month"] / 60, 1))
    return render(request, "mentors/home.html", context)


@mentor_required
def profile(request):
    current = _own_profile(request.user)
    form = MentorProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=MentorProfileForm.initial_for(current),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentor_profile_save(
                user=request.user,
                title=data["title"],
                organisation=data["organisation"],
                sectors=data["sectors"],
                skills=data["skills"],
                service_centres=data["service_centres"],
                bio=data["bio"],
                capacity=data["capacity"],
                availability=data["availability"],
                photo=data["photo"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("mentors:home")
    return render(request, "mentors/form.html", {"form": form, "title": _("My mentor profile")})


def photo(request, pk: int):
    """A mentor's photo: for young people choosing from the directory and for those who see
    the mentor."""
    if not request.user.is_authenticated:
        raise Http404
    visible = MentorProfile.objects.visible_to(request.user).filter(pk=pk)
    if not visible.exists():
        visible = MentorProfile.objects.directory().filter(pk=pk)
        if not request.user.is_authenticated or not hasattr(request.user, "youth_profile"):
            visible = visible.none()
    mentor = visible.exclude(photo="").first()
    if mentor is None:
        raise Http404
    response = FileResponse(mentor.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@mentor_required
def chief(request):
    if not is_chief(request.user):
        raise PermissionDenied
    mentors = selectors.mentors_with_load(MentorProfile.objects.all()).order_by("pk")
    recent = (
        CoachingSession.objects.exclude(status=SessionStatus.PLANNED)
        .select_related("match__mentor__user", "match__youth")
        .order_by("-starts_at", "-pk")[:20]
    )
    active = (
        Match.objects.filter(status=Status.ACTIVE)
        .select_related("mentor__user", "youth")
        .order_by("mentor_id", "-accepted_at")[:200]
    )
    return render(
        request,
        "mentors/chief.html",
        {"page": _page(request, mentors), "recent": recent, "active": active},
    )


# --- one match ------------------------------------------------------------------------------


def _match_for(request, pk: int) -> Match:
    return get_object_or_404(
        Match.objects.visible_to(request.user).select_related(
            "mentor", "mentor__user", "youth", "centre", "project", "youth__youth_profile"
        ),
        pk=pk,
    )


def match_detail(request, pk: int):
    match = _match_for(request, pk)
    roles = roles_in(request.user, match)
    sessions = match.sessions.order_by("-starts_at", "-pk")
    expected = {"expected_status": match.status}
    return render(
        request,
        "mentors/match_detail.html",
        {
            "match": match,
            "profile": getattr(match.youth, "youth_profile", None),
            "is_mentor": MENTOR in roles,
            "is_youth": match.youth_id == request.user.pk,
            "sessions": sessions,
            "history": match.history.select_related("actor"),
            "private": can_see_private_notes(request.user, match),
            "can_accept": can_move(request.user, match, Status.ACTIVE),
            "can_decline": can_move(request.user, match, Status.DECLINED),
            "can_end": can_move(request.user, match, Status.ENDED),
            "can_plan": can_plan_session(request.user, match),
            "can_reassign": can_reassign(request.user, match),
            "move_form": MoveForm(initial=expected),
            "confirm_form": ConfirmForm(),
            "youth_id": match.youth_id,
        },
    )


def _move_view(request, pk: int, to_status: str, service):
    match = _match_for(request, pk)
    if not can_move(request.user, match, to_status):
        raise PermissionDenied
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please look at the match again and retry."))
        return redirect("mentors:match_detail", pk=match.pk)
    kwargs = {"expected_status": form.cleaned_data["expected_status"]}
    if to_status == Status.DECLINED:
        kwargs["reason"] = form.cleaned_data["reason"]
    try:
        service(match=match, actor=request.user, **kwargs)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The match has been updated."))
    return redirect("mentors:match_detail", pk=match.pk)


@require_POST
def match_accept_view(request, pk: int):
    return _move_view(request, pk, Status.ACTIVE, match_accept)


@require_POST
def match_decline_view(request, pk: int):
    return _move_view(request, pk, Status.DECLINED, match_decline)


def match_end_view(request, pk: int):
    match = _match_for(request, pk)
    if not can_move(request.user, match, Status.ENDED):
        raise PermissionDenied
    form = EndForm(request.POST or None, initial={"expected_status": match.status})
    if request.method == "POST" and form.is_valid():
        try:
            match_end(
                match=match,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The mentoring has ended; it stays in the history."))
            return redirect("mentors:match_detail", pk=match.pk)
    return render(
        request,
        "mentors/form.html",
        {"form": form, "title": _("End the mentoring"), "match": match},
    )


def match_reassign_view(request, pk: int):
    match = _match_for(request, pk)
    if not can_reassign(request.user, match):
        raise PermissionDenied
    mentors = (
        MentorProfile.objects.visible_to(request.user)
        .directory()
        .exclude(pk=match.mentor_id)
        .select_related("user")
    )
    form = ReassignForm(request.POST or None, mentors=mentors)
    if request.method == "POST" and form.is_valid():
        try:
            new = match_reassign(
                match=match,
                actor=request.user,
                mentor=form.cleaned_data["mentor"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The new mentor has been asked to take over."))
            return redirect("mentors:match_detail", pk=new.pk)
    return render(
        request, "mentors/form.html", {"form": form, "title": _("Reassign to another mentor")}
    )


def session_plan_view(request, pk: int):
    match = _match_for(request, pk)
    if not can_plan_session(request.user, match):
        raise PermissionDenied
    form = SessionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_plan(
                match=match,
                actor=request.user,
                starts_at=form.cleaned_data["starts_at"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The session has been planned."))
            return redirect("mentors:match_detail", pk=match.pk)
    return render(request, "mentors/form.html", {"form": form, "title": _("Plan a session")})


def _session_for(request, pk: int) -> CoachingSession:
    return get_object_or_404(
        CoachingSession.objects.visible_to(request.user).select_related(
            "match", "match__mentor", "match__youth", "match__centre"
        ),
        pk=pk,
    )


def session_log_view(request, pk: int):
    session = _session_for(request, pk)
    if not can_log_session(request.user, session):
        raise PermissionDenied
    form = SessionLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_log(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The session has been logged."))
            return redirect("mentors:match_detail", pk=session.match_id)
    return render(request, "mentors/form.html", {"form": form, "title": _("Log the session")})


@require_POST
def session_confirm_view(request, pk: int):
    session = _session_for(request, pk)
    if not can_confirm_session(request.user, session):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from the list."))
    else:
        try:
            session_confirm(session=session, actor=request.user, rating=form.cleaned_data["rating"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Thank you: the session is confirmed."))
    return redirect("mentors:match_detail", pk=session.match_id)


# --- staff ----------------------------------------------------------------------------------


@staff_required
@kept_until_changed
def staff_list(request):
    mentors = selectors.staff_list_base(request.user)
    return render(request, "mentors/staff_list.html", {"page": _page(request, mentors)})


@staff_required
def staff_detail(request, pk: int):
    mentor = get_object_or_404(
        selectors.mentors_with_load(MentorProfile.objects.visible_to(request.user)), pk=pk
    )
    matches = (
        Match.objects.visible_to(request.user)
        .filter(mentor=mentor)
        .select_related("youth")
        .order_by("-status_changed_at", "-pk")[:50]
    )
    return render(
        request,
        "mentors/staff_detail.html",
        {
            "mentor": mentor,
            "matches": matches,
            "service": mentor.service_centres.all(),
            "chief_form": ChiefForm(initial={"is_chief": mentor.is_chief}),
            "can_set_chief": in_scope(request.user, mentor.centre),
        },
    )


@staff_required
@require_POST
def chief_set(request, pk: int):
    mentor = get_object_or_404(MentorProfile.objects.visible_to(request.user), pk=pk)
    if not in_scope(request.user, mentor.centre):
        raise PermissionDenied
    form = ChiefForm(request.POST)
    if form.is_valid():
        mentor_chief_set(mentor=mentor, actor=request.user, is_chief=form.cleaned_data["is_chief"])
        messages.success(request, _("Saved."))
    return redirect("mentors:staff_detail", pk=mentor.pk)


@staff_required
def match_list(request):
    form = MatchFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    quiet = form.cleaned_data.get("quiet") if form.is_valid() else False
    matches = selectors.match_list_base(request.user, status, quiet)
    query = "&".join(
        part for part in (f"status={status}" if status else "", "quiet=on" if quiet else "") if part
    )
    return render(
        request,
        "mentors/match_list.html",
        {
            "form": form,
            "page": _page(request, matches),
            "query": query,
        },
    )


@staff_required
def session_months(request):
    return render(
        request,
        "mentors/sessions.html",
        {"months": list(selectors.sessions_by_month(request.user))},
    )


@staff_required
def waiting_list(request):
    return render(
        request, "mentors/waiting.html", {"page": _page(request, selectors.waiting(request.user))}
    )


def _waiting_youth(request, youth_pk: int) -> User:
    """A young person of the viewer's scope (the ranking page is for anyone they see)."""
    from accounts.models import YouthProfile

    profile = get_object_or_404(
        YouthProfile.objects.visible_to(request.user).select_related("user", "home_centre"),
        user_id=youth_pk,
    )
    return profile.user


@staff_required
def rank_view(request, youth_pk: int):
    youth = _waiting_youth(request, youth_pk)
    seekers, projects = selectors.seekers_for([youth.pk])
    offers, mentors = selectors.offers_for(request.user)
    ranked = rank(seekers[0], offers) if seekers else []
    rows = [{"score": s, "mentor": mentors[s.offer.key]} for s in ranked]
    return render(
        request,
        "mentors/rank.html",
        {"youth": youth, "project": projects.get(youth.pk), "rows": rows},
    )


@staff_required
@require_POST
def propose(request, youth_pk: int, mentor_pk: int):
    youth = _waiting_youth(request, youth_pk)
    mentor = get_object_or_404(MentorProfile.objects.visible_to(request.user), pk=mentor_pk)
    try:
        match = match_propose(actor=request.user, youth=youth, mentor=mentor)
    except ValidationError as error:
        _errors(request, error)
        return redirect("mentors:rank", youth_pk=youth.pk)
    messages.success(request, _("The mentor has been asked to take the young person on."))
    return redirect("mentors:match_detail", pk=match.pk)


MAX_WAITING_AT_ONCE = 500


@staff_required
def match_all(request):
    """ "Match everyone waiting": the optimal proposal, shown for review; staff untick the
    pairs they do not want and publish the rest as proposals to the mentors."""
    wishes = list(selectors.waiting(request.user)[:MAX_WAITING_AT_ONCE])
    seekers, _projects = selectors.seekers_for([w.youth_id for w in wishes])
    offers, mentors = selectors.offers_for(request.user)
    matrix = score_matrix(seekers, offers)
    optimal = assign_optimal(seekers, offers, matrix)
    greedy = assign_greedy(seekers, offers, matrix)
    rows = [
        {
            "value": f"{seekers[r].key}-{offers[c].key}",
            "youth": seekers[r],
            "mentor": mentors[offers[c].key],
            "points": points,
        }
        for r, c, points in optimal.pairs
    ]
    if request.method == "POST":
        # The pairs ticked on the page, each checked again: a young person still waiting in
        # the viewer's scope and a mentor they may propose.
        users = {u.pk: u for u in User.objects.filter(pk__in=[s.key for s in seekers])}
        pairs = []
        for value in dict.fromkeys(request.POST.getlist("pair")[:MAX_WAITING_AT_ONCE]):
            youth_pk, _sep, mentor_pk = value.partition("-")
            if youth_pk.isdigit() and mentor_pk.isdigit():
                youth, mentor = users.get(int(youth_pk)), mentors.get(int(mentor_pk))
                if youth is not None and mentor is not None:
                    pairs.append((youth, mentor))
        if not pairs:
            messages.error(request, _("Tick at least one pair to publish."))
        else:
            published, skipped = matches_publish(actor=request.user, pairs=pairs)
            messages.success(
                request,
                _("%(n)s proposals sent to mentors; %(skipped)s skipped.")
                % {"n": published, "skipped": skipped},
            )
            return redirect("mentors:matches")
    return render(
        request,
        "mentors/match_all.html",
        {
            "rows": rows,
            "waiting": len(seekers),
            "total": optimal.total,
            "greedy": greedy.total,
            "unassigned": len(seekers) - len(rows),
        },
    )
