from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.course_detail, name="course"),
    path("<int:pk>/enrol/", views.enrol, name="enrol"),
    path("<int:pk>/save/", views.save_course, name="save"),
    path("enrolments/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("mine/", views.my_courses, name="mine"),
    path("certificates/<int:pk>/", views.certificate, name="certificate"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke_view, name="certificate_revoke"),
    path("verify/<uuid:token>/", views.verify, name="verify"),
    path("manage/", views.manage, name="manage"),
    path("manage/venues/", views.venues, name="venues"),
    path("manage/new/", views.course_new, name="course_new"),
    path("manage/<int:pk>/", views.manage_course, name="manage_course"),
    path("manage/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("manage/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("manage/<int:pk>/certificates/", views.certificates_new, name="certificates_new"),
    path("manage/sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("manage/sessions/<int:pk>/upload/", views.attendance_upload, name="attendance_upload"),
    path("manage/sessions/<int:pk>/sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("partner/", views.partner_courses, name="partner_courses"),
    path("partner/<int:pk>/", views.partner_course, name="partner_course"),
    path("partner/enrolments/<int:pk>/placement/", views.placement, name="placement"),
]
