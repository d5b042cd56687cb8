from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("me/edit/", views.my_profile_edit, name="my_profile_edit"),
    path("privacy/", views.privacy_policy, name="privacy"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/download/", views.my_data_download, name="my_data_download"),
    path("me/data/erase/", views.my_data_erase, name="my_data_erase"),
    path("staff/erasure/", views.erasure_list, name="erasure_list"),
    path(
        "staff/erasure/<int:pk>/carry-out/",
        views.erasure_carry_out_view,
        name="erasure_carry_out",
    ),
    path("media/avatars/<str:name>", views.avatar, name="avatar"),
    path("staff/youth/", views.youth_list, name="youth_list"),
    path("staff/youth/<int:pk>/", views.youth_detail, name="youth_detail"),
    path("staff/team/", views.staff_list, name="staff_list"),
    path("staff/team/new/", views.staff_create, name="staff_create"),
    path("staff/invitations/", views.invitation_list, name="invitation_list"),
    path("staff/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path(
        "staff/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("role/", views.role_switch, name="role_switch"),
]
