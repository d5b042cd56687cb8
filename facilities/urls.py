from django.urls import path

from core.caching import cache_anonymous_page

from . import views

app_name = "facilities"

urlpatterns = [
    path("staff/book-club/", views.member_list, name="members"),
    path("staff/book-club/new/", views.member_create_view, name="member_create"),
    path("staff/book-club/by-centre/", views.member_counts, name="member_counts"),
    path("staff/book-club/<int:pk>/", views.member_detail, name="member_detail"),
    path("staff/book-club/<int:pk>/visits/", views.visit_create, name="visit_create"),
    path("staff/book-club/<int:pk>/borrowings/", views.borrow_create, name="borrow_create"),
    path("staff/book-club/<int:pk>/status/", views.member_status, name="member_status"),
    path(
        "staff/book-club/borrowings/<int:pk>/return/",
        views.borrowing_return,
        name="borrowing_return",
    ),
    path("newsstands/", cache_anonymous_page(views.newsstand_map), name="newsstand_map"),
    path("staff/newsstands/", views.newsstand_list, name="newsstands"),
    path("staff/newsstands/new/", views.newsstand_create, name="newsstand_create"),
    path("staff/newsstands/<int:pk>/edit/", views.newsstand_edit, name="newsstand_edit"),
]
