from django.shortcuts import render

from core.db_router import reads_from_replica
from core.decorators import staff_required
from core.scoping import staff_centre

from .selectors import overview


@staff_required
@reads_from_replica
def index(request):
    return render(
        request,
        "dashboard/index.html",
        {"centre": staff_centre(request.user), **overview(request.user)},
    )
