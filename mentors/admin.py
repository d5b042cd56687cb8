from django.contrib import admin

from .models import CoachingSession, Match, MatchChange, MentoringWish, MentorProfile


class MatchChangeInline(admin.TabularInline):
    model = MatchChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]
    can_delete = False


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "capacity", "active_count", "is_chief", "availability"]
    raw_id_fields = ["user", "centre", "service_centres"]
    # The load changes through the match services only.
    readonly_fields = ["active_count"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "youth", "mentor", "status", "status_changed_at"]
    list_filter = ["status"]
    raw_id_fields = ["youth", "mentor", "centre", "project", "proposed_by"]
    # Matches are made and moved through the portal's services only (history, capacity,
    # messages): none is added here, and their status and dates are shown, not edited.
    readonly_fields = ["status", "status_changed_at", "expires_at", "accepted_at", "ended_at"]
    inlines = [MatchChangeInline]

    def has_add_permission(self, request):
        return False


@admin.register(CoachingSession)
class CoachingSessionAdmin(admin.ModelAdmin):
    list_display = ["pk", "match", "starts_at", "mode", "status"]
    list_filter = ["status", "mode"]
    raw_id_fields = ["match"]
    readonly_fields = ["starts_at", "status", "logged_at", "confirmed_at"]

    def has_add_permission(self, request):
        return False


admin.site.register(MentoringWish)
