from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.decorators import staff_required
from core.paging import filtered_page
from core.scoping import is_coordinator

from . import actions
from .forms import EntryFilter
from .selectors import entry_list_base, with_targets

PAGE_SIZE = 50


@staff_required
@never_cache
def entry_list(request):
    # The log shows who looked at whom: coordinators only.
    if not is_coordinator(request.user):
        raise PermissionDenied
    base = entry_list_base(request.user)
    entry_filter = EntryFilter(request.GET or None, queryset=base)
    page, query = filtered_page(request, entry_filter, base, per_page=PAGE_SIZE)
    for entry in with_targets(page):
        entry.label = actions.label(entry.action)
    return render(
        request,
        "audit/entry_list.html",
        {"filter": entry_filter, "page": page, "query": query},
    )
