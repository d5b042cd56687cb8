from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    # Young people
    path("me/mentors/", views.directory, name="directory"),
    path("me/mentors/wish/", views.wish, name="wish"),
    path("me/mentors/<int:pk>/ask/", views.request_mentor, name="request"),
    path("me/mentoring/", views.mine, name="mine"),
    # Mentors
    path("mentor/", views.home, name="home"),
    path("mentor/profile/", views.profile, name="profile"),
    path("mentor/chief/", views.chief, name="chief"),
    path("mentors/photos/<int:pk>/", views.photo, name="photo"),
    # One match, for its mentor, its young person, staff in scope and the chief mentor
    path("mentoring/<int:pk>/", views.match_detail, name="match_detail"),
    path("mentoring/<int:pk>/accept/", views.match_accept_view, name="accept"),
    path("mentoring/<int:pk>/decline/", views.match_decline_view, name="decline"),
    path("mentoring/<int:pk>/end/", views.match_end_view, name="end"),
    path("mentoring/<int:pk>/reassign/", views.match_reassign_view, name="reassign"),
    path("mentoring/<int:pk>/sessions/new/", views.session_plan_view, name="session_plan"),
    path("mentoring/sessions/<int:pk>/log/", views.session_log_view, name="session_log"),
    path(
        "mentoring/sessions/<int:pk>/confirm/", views.session_confirm_view, name="session_confirm"
    ),
    # Staff
    path("staff/mentors/", views.staff_list, name="staff_list"),
    path("staff/mentors/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/mentors/<int:pk>/chief/", views.chief_set, name="chief_set"),
    path("staff/mentors/matches/", views.match_list, name="matches"),
    path("staff/mentors/sessions/", views.session_months, name="sessions"),
    path("staff/mentors/waiting/", views.waiting_list, name="waiting"),
    path("staff/mentors/match-all/", views.match_all, name="match_all"),
    path("staff/mentors/rank/<int:youth_pk>/", views.rank_view, name="rank"),
    path(
        "staff/mentors/rank/<int:youth_pk>/propose/<int:mentor_pk>/",
        views.propose,
        name="propose",
    ),
]
