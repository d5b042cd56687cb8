from django.urls import path

from . import report_views, views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures/<str:key>/", views.figure, name="figure"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/new/", report_views.report_create, name="report_create"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/report.docx", report_views.report_docx, name="report_docx"),
    path("reports/<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("queues/", views.queues, name="queues"),
]
