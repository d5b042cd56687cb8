from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.decorators import staff_required
from core.paging import filtered_page

from . import registry
from .forms import MessageFilter, PreferencesForm
from .models import Message, OptOut
from .services import inbox_mark_read, message_resend, preferences_update

PAGE_SIZE = 25


@never_cache
def inbox(request):
    page = Paginator(Message.objects.inbox(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
def inbox_read(request):
    inbox_mark_read(user=request.user)
    return redirect("notifications:inbox")


def preferences(request):
    opted_out = set(OptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    offered = registry.optional_for(request.user)
    initial = {"enabled": [k.code for k in offered if k.code not in opted_out]}
    form = PreferencesForm(request.POST or None, initial=initial, user=request.user)
    if not offered:
        # Staff, mentors, partners: every message they get is about their work.
        return render(request, "notifications/preferences.html", {"form": None})
    if request.method == "POST" and form.is_valid():
        preferences_update(user=request.user, enabled=form.cleaned_data["enabled"])
        messages.success(request, _("Your reminder settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@staff_required
@never_cache
def message_list(request):
    base = Message.objects.visible_to(request.user).select_related("recipient")
    message_filter = MessageFilter(request.GET or None, queryset=base)
    page, query = filtered_page(request, message_filter, base)
    return render(
        request,
        "notifications/message_list.html",
        {
            "filter": message_filter,
            "page": page,
            "query": query,
            "reveal": False,  # full numbers only on a youth's page, on request, logged
        },
    )


@staff_required
@require_POST
def message_resend_view(request, pk: int):
    message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
    try:
        message_resend(message=message)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The message has been queued again."))
    return redirect("notifications:message_list")
