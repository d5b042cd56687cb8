from django.urls import path, re_path

from . import export_views, report_views, views

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
    # /staff/exports/accounts.youth.xlsx?<the list's filter>
    re_path(
        r"^exports/(?P<key>[a-z_]+\.[a-z_]+)\.(?P<fmt>xlsx|csv)$",
        export_views.export_list,
        name="export",
    ),
    path("exports/", export_views.my_exports, name="my_exports"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("exports/<int:pk>/status/", export_views.export_job_status, name="export_job_status"),
    path("exports/<int:pk>/file/", export_views.export_file, name="export_file"),
]
