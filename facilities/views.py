from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.caching import kept_until_changed
from core.decorators import staff_required
from core.paging import filtered_page

from . import selectors
from .forms import (
    BorrowForm,
    MemberFilter,
    MemberForm,
    NewsstandForm,
    ReturnForm,
    StatusForm,
    VisitForm,
)
from .maps import SIZE, schematic
from .models import BookClubMember, Borrowing, Newsstand, NewsstandStatus
from .selectors import member_list_base, newsstand_list_base
from .services import (
    book_borrow,
    book_return,
    member_create,
    member_status_set,
    newsstand_save,
    visit_log,
)


def _member_for(request, pk: int) -> BookClubMember:
    return get_object_or_404(
        BookClubMember.objects.visible_to(request.user).select_related("centre"), pk=pk
    )


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@staff_required
@kept_until_changed
def member_list(request):
    base = member_list_base(request.user)
    member_filter = MemberFilter(request.GET or None, queryset=base, user=request.user)
    page, query = filtered_page(request, member_filter, base)
    return render(
        request,
        "facilities/member_list.html",
        {"filter": member_filter, "page": page, "query": query},
    )


@staff_required
def member_create_view(request):
    form = MemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            member = member_create(actor=request.user, youth=data.pop("youth_phone"), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect("facilities:member_detail", pk=member.pk)
    return render(request, "facilities/member_form.html", {"form": form})


@staff_required
def member_detail(request, pk: int):
    member = _member_for(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "facilities/member_detail.html",
        {
            "member": member,
            "visits": member.visits.all()[:20],
            "visit_count": member.visits.count(),
            "borrowings": member.borrowings.all()[:50],
            "visit_form": VisitForm(initial={"visited_on": today}),
            "borrow_form": BorrowForm(initial={"borrowed_on": today}),
            "return_form": ReturnForm(initial={"returned_on": today}),
            "status_form": StatusForm(initial={"status": member.status}),
        },
    )


def _post(request, pk, form_class, act, done):
    member = _member_for(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("facilities:member_detail", pk=member.pk)
    try:
        act(member, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("facilities:member_detail", pk=member.pk)


@require_POST
@staff_required
def visit_create(request, pk: int):
    return _post(
        request,
        pk,
        VisitForm,
        lambda m, d: visit_log(member=m, actor=request.user, **d),
        _("The visit has been logged."),
    )


@require_POST
@staff_required
def borrow_create(request, pk: int):
    return _post(
        request,
        pk,
        BorrowForm,
        lambda m, d: book_borrow(member=m, actor=request.user, **d),
        _("The borrowing has been logged."),
    )


@require_POST
@staff_required
def member_status(request, pk: int):
    return _post(
        request,
        pk,
        StatusForm,
        lambda m, d: member_status_set(member=m, actor=request.user, **d),
        _("The member has been saved."),
    )


@require_POST
@staff_required
def borrowing_return(request, pk: int):
    borrowing = get_object_or_404(
        Borrowing.objects.filter(member__in=BookClubMember.objects.visible_to(request.user)),
        pk=pk,
    )
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
    else:
        try:
            book_return(borrowing=borrowing, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The return has been logged."))
    return redirect("facilities:member_detail", pk=borrowing.member_id)


@staff_required
def member_counts(request):
    """Active members by centre, one grouped query over the viewer's part of the tree."""
    counts = list(selectors.member_counts(request.user))
    return render(
        request,
        "facilities/member_counts.html",
        {
            "counts": counts,
            "active": sum(c["active"] for c in counts),
            "total": sum(c["total"] for c in counts),
        },
    )


@login_not_required
def newsstand_map(request):
    """Public: the open newsstands, listed and drawn on a schematic of the district."""
    stands = list(
        Newsstand.objects.filter(status=NewsstandStatus.OPEN)
        .select_related("centre")
        .order_by("name", "pk")[:100]
    )
    return render(
        request,
        "facilities/newsstand_map.html",
        {"stands": stands, "points": schematic(stands), "size": SIZE},
    )


@staff_required
def newsstand_list(request):
    stands = newsstand_list_base(request.user)[:200]
    return render(request, "facilities/newsstand_list.html", {"stands": stands})


def _save_newsstand(request, newsstand=None):
    form = NewsstandForm(request.POST or None, instance=newsstand, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            newsstand_save(actor=request.user, newsstand=newsstand, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The newsstand has been saved."))
            return redirect("facilities:newsstands")
    return render(request, "facilities/newsstand_form.html", {"form": form, "newsstand": newsstand})


@staff_required
def newsstand_create(request):
    return _save_newsstand(request)


@staff_required
def newsstand_edit(request, pk: int):
    newsstand = get_object_or_404(Newsstand.objects.visible_to(request.user), pk=pk)
    return _save_newsstand(request, newsstand)
