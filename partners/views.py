from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.models import Invitation
from accounts.permissions import can_edit_partner
from core.decorators import staff_required
from core.paging import filtered_page

from . import services
from .forms import BankForm, EnterpriseFilter, EnterpriseForm, MemberInviteForm
from .invitations import partner_member_invite
from .models import Bank, Enterprise
from .permissions import can_invite_member, membership_of
from .selectors import bank_list_base, enterprise_list_base


@staff_required
def enterprise_list(request):
    base = enterprise_list_base(request.user)
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
        {
            "enterprise": enterprise,
            "can_edit": can_edit_partner(request.user, enterprise),
            "members": enterprise.members.select_related("user").order_by("joined_at"),
            "pending": _pending_invitations(enterprise),
        },
    )


def _pending_invitations(organisation):
    return Invitation.objects.pending().filter(
        target_type=organisation._meta.label_lower, target_id=str(organisation.pk)
    )


def _member_invite(request, model, pk: int, back):
    organisation = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if not can_invite_member(request.user, organisation):
        raise PermissionDenied
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner_member_invite(
                invited_by=request.user,
                organisation=organisation,
                name=data["name"],
                email=data["email"],
                phone=data["phone"] or "",
                role=data["role"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent; they join %(name)s once they accept it.")
                % {"name": organisation},
            )
            return redirect(back(organisation))
    return render(
        request, "partners/member_invite.html", {"form": form, "organisation": organisation}
    )


@staff_required
def enterprise_invite(request, pk: int):
    return _member_invite(request, Enterprise, pk, _enterprise_url)


@staff_required
def bank_invite(request, pk: int):
    return _member_invite(request, Bank, pk, _bank_list_url)


@never_cache
def home(request):
    """A partner's own page: their organisation, its people, and what it has been sent."""
    member = membership_of(request.user)
    if member is None:
        raise Http404
    organisation = member.organisation
    return render(
        request,
        "partners/home.html",
        {
            "member": member,
            "organisation": organisation,
            "colleagues": organisation.members.filter(is_active=True)
            .select_related("user")
            .order_by("joined_at"),
        },
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
    banks = list(bank_list_base(request.user))
    for bank in banks:  # actions only for those who may take them
        bank.can_edit = can_edit_partner(request.user, bank)
    return render(request, "partners/bank_list.html", {"banks": banks})


@staff_required
def bank_create(request):
    return _edit(request, BankForm, None, "partners/bank_form.html", _bank_list_url, _save_bank)


@staff_required
def bank_update(request, pk: int):
    return _edit(request, BankForm, pk, "partners/bank_form.html", _bank_list_url, _save_bank)
