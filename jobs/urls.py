from django.urls import path

from core.caching import cache_anonymous_page

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", cache_anonymous_page(views.vacancy_list), name="vacancy_list"),
    path("jobs/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("jobs/<int:pk>/apply/", views.apply, name="apply"),
    path("me/jobs/", views.my_applications, name="mine"),
    path("jobs/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("jobs/applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("employer/vacancies/", views.vacancy_manage, name="vacancy_manage"),
    path("employer/vacancies/new/", views.vacancy_create, name="vacancy_create"),
    path("employer/vacancies/<int:pk>/", views.applicants, name="applicants"),
    path("employer/vacancies/<int:pk>/close/", views.vacancy_close, name="vacancy_close"),
    path("staff/placements/", views.placement_list, name="placement_list"),
    path("staff/placements/new/", views.placement_create, name="placement_create"),
    path("staff/placements/import/", views.import_upload, name="import_upload"),
    path("staff/placements/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("staff/placements/import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("jobs/fairs/", views.fair_list, name="fair_list"),
    path("jobs/fairs/<int:pk>/", views.fair_detail, name="fair_detail"),
    path("jobs/fairs/<int:pk>/register/", views.fair_register, name="fair_register"),
    path("jobs/fairs/<int:pk>/stand/", views.fair_stand_book, name="fair_stand_book"),
    path("staff/fairs/new/", views.fair_create, name="fair_create"),
    path("staff/fairs/<int:pk>/attendance/", views.fair_attendance, name="fair_attendance"),
]
