from django.urls import path

from core.caching import cache_anonymous_page

from . import views

app_name = "internships"

urlpatterns = [
    path("internships/", cache_anonymous_page(views.positions), name="positions"),
    path("internships/<int:pk>/", views.position_detail, name="position"),
    path("internships/<int:pk>/apply/", views.apply, name="apply"),
    path("me/internships/", views.mine, name="mine"),
    path("internships/applications/", views.application_list, name="applications"),
    path("internships/applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "internships/applications/<int:pk>/move/", views.application_move, name="application_move"
    ),
    path("internships/placements/", views.placement_list, name="placements"),
    path("internships/placements/<int:pk>/", views.placement_detail, name="placement"),
    path("internships/placements/<int:pk>/evaluate/", views.evaluation_create, name="evaluate"),
    path("internships/placements/<int:pk>/leave/", views.placement_leave_view, name="leave"),
    path("internships/placements/<int:pk>/outcome/", views.placement_outcome, name="outcome"),
    path("partner/internships/", views.host_home, name="host_home"),
    path("partner/internships/positions/new/", views.position_create_view, name="position_create"),
    path("partner/internships/positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("staff/internships/", views.stations, name="stations"),
    path("staff/internships/stations/new/", views.station_create_view, name="station_create"),
    path("staff/internships/stations/<int:pk>/edit/", views.station_edit, name="station_edit"),
    path("staff/internships/rule/", views.rule_edit, name="rule"),
]
