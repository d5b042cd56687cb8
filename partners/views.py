from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_partner
from core.decorators import staff_required
from core.paging import filtered_page

from . import services
from .forms import BankForm, EnterpriseFilter, EnterpriseForm
from .models import Bank, Enterprise


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


def _edit(request, form_class, pk, template, success, save):
    """Shared create/update flow; ``save(user, instance or None, data)`` calls the service,
    ``success(obj)`` gives the URL to go to after saving."""
    model = form_class._meta.model
    instance = None
    if pk is not None:
        instance = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
        if not can_edit_partner(request.user, instance):
            raise PermissionDenied
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
        try:
            saved = save(request.user, instance, data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": saved})
            return redirect(success(saved))
    return render(request, template, {"form": form, "object": instance})


# The services refuse any key that is not one of their keyword arguments.
def _save_enterprise(user, enterprise, data):
    if enterprise is None:
        return services.enterprise_create(created_by=user, **data)
    return services.enterprise_update(enterprise=enterprise, actor=user, **data)


def _save_bank(user, bank, data):
    if bank is None:
        return services.bank_create(created_by=user, **data)
    return services.bank_update(bank=bank, actor=user, **data)


def _enterprise_url(enterprise):
    return reverse("partners:enterprise_detail", args=[enterprise.pk])


def _bank_list_url(bank):
    return reverse("partners:bank_list")


@staff_required
def enterprise_create(request):
    return _edit(
        request,
        EnterpriseForm,
        None,
        "partners/enterprise_form.html",
        _enterprise_url,
        _save_enterprise,
    )


@staff_required
def enterprise_update(request, pk: int):
    return _edit(
        request,
        EnterpriseForm,
        pk,
        "partners/enterprise_form.html",
        _enterprise_url,
        _save_enterprise,
    )


@staff_required
def bank_list(request):
    banks = Bank.objects.visible_to(request.user).select_related("centre")
    return render(request, "partners/bank_list.html", {"banks": banks})


@staff_required
def bank_create(request):
    return _edit(request, BankForm, None, "partners/bank_form.html", _bank_list_url, _save_bank)


@staff_required
def bank_update(request, pk: int):
    return _edit(request, BankForm, pk, "partners/bank_form.html", _bank_list_url, _save_bank)
