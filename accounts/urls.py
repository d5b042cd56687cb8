from django.urls import path

from . import assisted_views, drive_views, phone_views, views, village_list_views

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
    # Text-message flows (accounts/phone_views.py).
    path("register/", phone_views.phone_signup, name="phone_signup"),
    path("register/code/", phone_views.phone_signup_code, name="phone_signup_code"),
    path("register/details/", phone_views.phone_signup_details, name="phone_signup_details"),
    path("signin/code/", phone_views.login_code, name="login_code"),
    path("signin/code/enter/", phone_views.login_code_enter, name="login_code_enter"),
    path("password/sms/", phone_views.reset_sms, name="reset_sms"),
    path("password/sms/code/", phone_views.reset_sms_code, name="reset_sms_code"),
    path("password/sms/new/", phone_views.reset_sms_new, name="reset_sms_new"),
    path("me/phone/confirm/", phone_views.phone_verify, name="phone_verify"),
    path("me/phone/confirm/send/", phone_views.phone_verify_send, name="phone_verify_send"),
    # Registration drives (accounts/drive_views.py).
    path("staff/drives/", drive_views.drive_list, name="drive_list"),
    path("staff/drives/<int:pk>/", drive_views.drive_detail, name="drive_detail"),
    path("staff/drives/<int:pk>/poster/", drive_views.drive_poster, name="drive_poster"),
    path("drive/<str:token>/", drive_views.drive_entry, name="drive_entry"),
    # Assisted registration at the desk (accounts/assisted_views.py).
    path("staff/youth/assisted/", assisted_views.assisted_register, name="assisted_register"),
    path(
        "staff/youth/assisted/code/",
        assisted_views.assisted_register_code,
        name="assisted_register_code",
    ),
    path("staff/youth/<int:pk>/consent-form/", assisted_views.consent_form, name="consent_form"),
    # A village's list of young people, invited to register (accounts/village_list_views.py).
    path("staff/invitations/list/", village_list_views.village_list, name="village_list"),
    path(
        "staff/invitations/list/send/",
        village_list_views.village_list_send_view,
        name="village_list_send",
    ),
    path(
        "staff/invitations/list/template.xlsx",
        village_list_views.village_list_template,
        name="village_list_template",
    ),
]
