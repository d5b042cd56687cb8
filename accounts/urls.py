from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("me/edit/", views.my_profile_edit, name="my_profile_edit"),
    path("privacy/", views.privacy_policy, name="privacy"),
    path("staff/youth/", views.youth_list, name="youth_list"),
    path("staff/youth/<int:pk>/", views.youth_detail, name="youth_detail"),
    path("staff/team/", views.staff_list, name="staff_list"),
    path("staff/team/new/", views.staff_create, name="staff_create"),
]
