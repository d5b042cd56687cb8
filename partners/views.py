from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_partner
from core.decorators import staff_required
from core.paging import filtered_page

from .forms import BankForm, EnterpriseFilter, EnterpriseForm
from .models import Bank, Enterprise
from .services import partner_save


@staff_required
def enterprise_list(request):
    base = Enterprise.objects.visible_to(request.user).select_related("centre")
    enterprise_filter = EnterpriseFilter(request.GET or None, queryset=base)
    page, query = filtered_page(request, enterprise_filter, base)
    return render(
        request,
        "partners/enterprise_list.html",
        {"filter": enterprise_filter, "page": page, "query": query},
    )


@staff_required
def enterprise_detail(request, pk: int):
    enterprise = get_object_or_404(
        Enterprise.objects.visible_to(request.user).select_related("centre"), pk=pk
    )
    return render(
        request,
        "partners/enterprise_detail.html",
        {"enterprise": enterprise, "can_edit": can_edit_partner(request.user, enterprise)},
    )


def _edit(request, form_class, pk, template, success):
    """Shared create/update flow; ``success(obj)`` gives the URL to go to after saving."""
    model = form_class._meta.model
    instance = None
    if pk is not None:
        instance = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
        if not can_edit_partner(request.user, instance):
            raise PermissionDenied
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = partner_save(user=request.user, partner=form.save(commit=False))
        messages.success(request, _("%(name)s has been saved.") % {"name": saved})
        return redirect(success(saved))
    return render(request, template, {"form": form, "object": instance})


def _enterprise_url(enterprise):
    return reverse("partners:enterprise_detail", args=[enterprise.pk])


def _bank_list_url(bank):
    return reverse("partners:bank_list")


@staff_required
def enterprise_create(request):
    return _edit(request, EnterpriseForm, None, "partners/enterprise_form.html", _enterprise_url)


@staff_required
def enterprise_update(request, pk: int):
    return _edit(request, EnterpriseForm, pk, "partners/enterprise_form.html", _enterprise_url)


@staff_required
def bank_list(request):
    banks = Bank.objects.visible_to(request.user).select_related("centre")
    return render(request, "partners/bank_list.html", {"banks": banks})


@staff_required
def bank_create(request):
    return _edit(request, BankForm, None, "partners/bank_form.html", _bank_list_url)


@staff_required
def bank_update(request, pk: int):
    return _edit(request, BankForm, pk, "partners/bank_form.html", _bank_list_url)
