from django.urls import path, re_path

from . import export_views, views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
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
