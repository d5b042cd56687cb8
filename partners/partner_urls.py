"""The pages of people who sign in for a partner organisation (not under /staff/)."""

from django.urls import path

from . import views

app_name = "partner"

urlpatterns = [
    path("", views.home, name="home"),
]
