from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("me/cases/", views.my_cases, name="my_cases"),
    path("me/cases/new/", views.case_open_view, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/move/", views.case_move, name="case_move"),
    path("cases/<int:pk>/assign/", views.case_assign_view, name="case_assign"),
    path("cases/<int:pk>/notes/", views.case_note, name="case_note"),
    path("cases/<int:pk>/documents/", views.case_document, name="case_document"),
    path("cases/documents/<int:pk>/", views.document_download, name="document"),
    path("mediator/cases/", views.mediator_cases, name="mediator_cases"),
    path("staff/cases/", views.case_list, name="cases"),
    path("staff/cases/new/", views.staff_case_open, name="staff_case_open"),
    path("staff/consultations/", views.consultation_list, name="consultations"),
    path("staff/consultations/new/", views.consultation_create_view, name="consultation_create"),
    path("staff/consultations/<int:pk>/done/", views.consultation_done, name="consultation_done"),
    path("staff/guidance/queue/", views.queue, name="queue"),
    path("staff/mediation-offices/", views.office_list, name="offices"),
    path("staff/mediation-offices/new/", views.office_create_view, name="office_create"),
    path("staff/mediation-offices/<int:pk>/invite/", views.office_invite, name="office_invite"),
]
