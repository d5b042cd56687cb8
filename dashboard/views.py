from django.shortcuts import render

from core.db_router import reads_from_replica
from core.decorators import staff_required
from core.scoping import staff_centre

from .selectors import overview, queue_pages


@staff_required
@reads_from_replica
def index(request):
    return render(
        request,
        "dashboard/index.html",
        {"centre": staff_centre(request.user), **overview(request.user)},
    )


@staff_required
@reads_from_replica
def queues(request):
    """Every work queue of the viewer, each paged on its own (``?queue=<key>&page=<n>``)."""
    paged = request.GET.get("queue", "")
    entries = queue_pages(request.user, paged_key=paged, page_number=request.GET.get("page"))
    return render(request, "dashboard/queues.html", {"queues": entries})
