from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_update, name="enterprise_update"),
    path("banks/", views.bank_list, name="bank_list"),
    path("banks/new/", views.bank_create, name="bank_create"),
    path("banks/<int:pk>/edit/", views.bank_update, name="bank_update"),
    path("enterprises/<int:pk>/invite/", views.enterprise_invite, name="enterprise_invite"),
    path("banks/<int:pk>/invite/", views.bank_invite, name="bank_invite"),
]
