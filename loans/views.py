from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit import services as audit
from core.caching import kept_until_changed
from core.decorators import staff_required, youth_required
from core.scoping import centre_q

from .forms import (
    ApplyForm,
    DecisionForm,
    DesignationForm,
    DisburseForm,
    MoveForm,
    ProductForm,
    RepaymentForm,
    RuleForm,
)
from .models import (
    BANK,
    MOVE_LABELS,
    REASON_ASKED,
    STAFF,
    TRANSITIONS,
    LoanProduct,
    Referral,
    Status,
    WealthLeader,
    bank_of,
)
from .permissions import (
    can_manage_rules,
    can_move,
    can_record_repayment,
    can_see_documents,
    role_in,
)
from .rates import rates_for
from .selectors import eligibility, pipeline_figures, pipeline_rows, referral_rows
from .services import (
    designation_create,
    ensure_rules,
    product_create,
    referral_approve,
    referral_consent,
    referral_create,
    referral_disburse,
    referral_repayment,
    referral_transition,
    rule_update,
)

PAGE_SIZE = 25


def _referral_for(request, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.visible_to(request.user).select_related(
            "applicant", "centre", "bank", "product", "project"
        ),
        pk=pk,
    )


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@youth_required
def my_referrals(request):
    referrals = referral_rows(Referral.objects.filter(applicant=request.user))
    return render(request, "loans/my_referrals.html", {"page": _page(request, referrals)})


@youth_required
def apply(request):
    form = ApplyForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referral_create(
                applicant=request.user,
                bank=data["bank"],
                amount=data["amount"],
                term_months=data["term_months"],
                purpose=data["purpose"],
                project=data["project"],
                consent_to_share=data["consent_to_share"],
                documents=data["documents"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your application has been received."))
            return redirect("loans:detail", pk=referral.pk)
    return render(request, "loans/apply.html", {"form": form})


def referral_detail(request, pk: int):
    referral = _referral_for(request, pk)
    role = role_in(request.user, referral)
    moves = [
        {
            "status": status,
            "label": MOVE_LABELS[(referral.status, status)],
            "form": MoveForm(initial={"to_status": status, "expected_status": referral.status}),
            "asks_reason": status in REASON_ASKED,
        }
        for status in referral.moves_for(role)
        if status not in (Status.APPROVED, Status.DISBURSED)
    ]
    rates = rates_for(referral)
    decision_form = disburse_form = None
    if role == BANK and referral.status == Status.REFERRED:
        decision_form = DecisionForm(
            initial={
                "expected_status": referral.status,
                "amount": referral.amount,
                "rate": rates.applies,
                "term_months": referral.term_months,
            }
        )
    if role == BANK and referral.status == Status.APPROVED:
        disburse_form = DisburseForm(
            initial={"expected_status": referral.status, "disbursed_on": timezone.localdate()}
        )
    return render(
        request,
        "loans/referral_detail.html",
        {
            "referral": referral,
            "role": role,
            "rates": rates,
            "moves": moves,
            "decision_form": decision_form,
            "disburse_form": disburse_form,
            "repayment_form": RepaymentForm(initial={"repayment": referral.repayment})
            if can_record_repayment(request.user, referral)
            else None,
            "checks": eligibility(referral, ensure_rules()) if role == STAFF else (),
            "history": referral.history.select_related("actor"),
            "documents": referral.documents.all()
            if can_see_documents(request.user, referral)
            else (),
        },
    )


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
def referral_move(request, pk: int):
    referral = _referral_for(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This move could not be made."))
        return redirect("loans:detail", pk=referral.pk)
    to_status = form.cleaned_data["to_status"]
    if (
        form.cleaned_data["expected_status"] == referral.status
        and (referral.status, to_status) in TRANSITIONS
        and not can_move(request.user, referral, to_status)
    ):
        raise PermissionDenied
    try:
        referral_transition(
            referral=referral,
            to_status=to_status,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("The referral is now “%(status)s”.") % {"status": Status(to_status).label}
        )
    return redirect("loans:detail", pk=referral.pk)


@require_POST
def referral_decide(request, pk: int):
    referral = _referral_for(request, pk)
    if role_in(request.user, referral) != BANK:
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("loans:detail", pk=referral.pk)
    try:
        referral_approve(
            referral=referral,
            actor=request.user,
            amount=form.cleaned_data["amount"],
            rate=form.cleaned_data["rate"],
            term_months=form.cleaned_data["term_months"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The loan has been approved."))
    return redirect("loans:detail", pk=referral.pk)


@require_POST
def referral_disbursement(request, pk: int):
    referral = _referral_for(request, pk)
    if role_in(request.user, referral) != BANK:
        raise PermissionDenied
    form = DisburseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the loan was paid out."))
        return redirect("loans:detail", pk=referral.pk)
    try:
        referral_disburse(
            referral=referral,
            actor=request.user,
            disbursed_on=form.cleaned_data["disbursed_on"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The disbursement has been recorded."))
    return redirect("loans:detail", pk=referral.pk)


@require_POST
def referral_repayment_view(request, pk: int):
    referral = _referral_for(request, pk)
    if not can_record_repayment(request.user, referral):
        raise PermissionDenied
    form = RepaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a repayment status."))
        return redirect("loans:detail", pk=referral.pk)
    referral_repayment(
        referral=referral, actor=request.user, repayment=form.cleaned_data["repayment"]
    )
    messages.success(request, _("The repayment status has been recorded."))
    return redirect("loans:detail", pk=referral.pk)


@require_POST
def referral_consent_view(request, pk: int):
    referral = _referral_for(request, pk)
    if referral.applicant_id != request.user.pk:
        raise PermissionDenied
    referral_consent(referral=referral, actor=request.user)
    messages.success(request, _("Thank you: your application may now be sent to the bank."))
    return redirect("loans:detail", pk=referral.pk)


def document(request, pk: int, doc: int):
    referral = _referral_for(request, pk)
    if not can_see_documents(request.user, referral):
        raise Http404
    item = get_object_or_404(referral.documents, pk=doc)
    audit.record("loans.document_downloaded", target=referral)
    return FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=True,
        filename=f"referral-{referral.pk}-{item.pk}.{item.file.name.rsplit('.', 1)[-1]}",
    )


@staff_required
@kept_until_changed
def pipeline(request):
    base = Referral.objects.visible_to(request.user)
    status = request.GET.get("status", "")
    # Decisions the bank owes past its deadline (the work queue "loans.overdue" links here).
    overdue = request.GET.get("overdue") == "1"
    return render(
        request,
        "loans/pipeline.html",
        {
            "figures": pipeline_figures(base, request.user),
            "page": _page(request, pipeline_rows(request.user, status, overdue)),
            "statuses": Status.choices,
            "status": status,
            "overdue": overdue,
            "can_manage": can_manage_rules(request.user),
        },
    )


def bank_referrals(request):
    if bank_of(request.user) is None:
        raise Http404
    rows = referral_rows(Referral.objects.visible_to(request.user))
    return render(
        request,
        "loans/bank_referrals.html",
        {"page": _page(request, rows), "bank": bank_of(request.user)},
    )


@staff_required
def rules(request):
    rules = ensure_rules()
    manage = can_manage_rules(request.user)
    form = None
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                rule_update(
                    rule=form.cleaned_data["rule"],
                    actor=request.user,
                    value=form.cleaned_data["value"],
                    active=form.cleaned_data["active"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("The rule has been changed."))
                return redirect("loans:rules")
        else:
            messages.error(request, _("Please give the rule's value and the reason."))
    forms = [
        (rule, RuleForm(initial={"rule": rule.pk, "value": rule.value, "active": rule.active,
                                 "reason": rule.reason}, prefix=f"r{rule.pk}"))
        for rule in rules
    ]  # fmt: skip
    return render(request, "loans/rules.html", {"forms": forms, "manage": manage})


@staff_required
def products(request):
    manage = can_manage_rules(request.user)
    form = ProductForm(request.POST or None, user=request.user) if manage else None
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                product_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The product has been saved."))
                return redirect("loans:products")
    rows = (
        LoanProduct.objects.filter(bank__in=_banks(request.user))
        .select_related("bank")
        .order_by("bank_id", "-valid_from", "-pk")
    )
    return render(request, "loans/products.html", {"page": _page(request, rows), "form": form})


def _banks(user):
    from partners.models import Bank

    return Bank.objects.visible_to(user).values("pk")


@staff_required
def leaders(request):
    people = User.objects.filter(
        centre_q(request.user, "youth_profile__home_centre"), youth_profile__isnull=False
    )
    form = DesignationForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            designation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The designation has been recorded."))
            return redirect("loans:leaders")
    rows = (
        WealthLeader.objects.filter(centre_q(request.user, "centre"))
        .select_related("person", "granted_by", "centre")
        .order_by("-expires_on", "-pk")
    )
    return render(
        request,
        "loans/leaders.html",
        {"page": _page(request, rows), "form": form, "today": timezone.localdate()},
    )
