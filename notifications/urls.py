from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("me/inbox/", views.inbox, name="inbox"),
    path("me/inbox/read/", views.inbox_read, name="inbox_read"),
    path("me/reminders/", views.preferences, name="preferences"),
    path("staff/messages/", views.message_list, name="message_list"),
    path("staff/messages/<int:pk>/resend/", views.message_resend_view, name="message_resend"),
]
