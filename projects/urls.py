from django.urls import path

from core.caching import cache_anonymous_page

from . import views

app_name = "projects"

urlpatterns = [
    path("me/projects/", views.my_projects, name="mine"),
    path("me/projects/new/", views.project_create_view, name="create"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/move/", views.project_move, name="move"),
    path("projects/<int:pk>/close/", views.project_close, name="close"),
    path("projects/<int:pk>/leave/", views.project_leave, name="leave"),
    path("projects/<int:pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path("projects/<int:pk>/facts/", views.project_facts, name="facts"),
    path("projects/<int:pk>/showcase/", views.project_showcase, name="showcase_settings"),
    path("projects/<int:pk>/plan/", views.business_plan, name="plan"),
    path("projects/photos/<int:pk>/", views.photo, name="photo"),
    path("staff/projects/", views.board, name="board"),
    path("staff/projects/list/", views.project_list, name="list"),
    path("showcase/", cache_anonymous_page(views.showcase_view), name="showcase"),
]
