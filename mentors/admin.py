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
    # Statuses change through the portal's services only (history, capacity, messages).
    readonly_fields = ["status", "status_changed_at", "accepted_at", "ended_at"]
    inlines = [MatchChangeInline]


admin.site.register(CoachingSession)
admin.site.register(MentoringWish)
