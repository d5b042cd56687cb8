from django.urls import path

from . import views

app_name = "loans"

urlpatterns = [
    path("me/loans/", views.my_referrals, name="mine"),
    path("me/loans/apply/", views.apply, name="apply"),
    path("loans/<int:pk>/", views.referral_detail, name="detail"),
    path("loans/<int:pk>/move/", views.referral_move, name="move"),
    path("loans/<int:pk>/consent/", views.referral_consent_view, name="consent"),
    path("loans/<int:pk>/decide/", views.referral_decide, name="decide"),
    path("loans/<int:pk>/disburse/", views.referral_disbursement, name="disburse"),
    path("loans/<int:pk>/repayment/", views.referral_repayment_view, name="repayment"),
    path("loans/<int:pk>/documents/<int:doc>/", views.document, name="document"),
    path("partner/loans/", views.bank_referrals, name="bank"),
    path("staff/loans/", views.pipeline, name="pipeline"),
    path("staff/loans/rules/", views.rules, name="rules"),
    path("staff/loans/products/", views.products, name="products"),
    path("staff/loans/leaders/", views.leaders, name="leaders"),
]
