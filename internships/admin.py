from django.contrib import admin

from .models import Application, Placement, Position, Station


class ReadOnlyAdmin(admin.ModelAdmin):
    """Stations, positions, applications and placements are made on the portal's pages, whose
    services keep the places, the one active placement, the history and the messages."""

    def has_add_permission(self, request):
        return False


@admin.register(Station)
class StationAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "since", "annual_quota", "is_active"]
    readonly_fields = ["enterprise"]


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ["title", "station", "places", "places_taken", "stipend", "is_open"]
    readonly_fields = ["station", "places", "places_taken"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["youth", "position", "status", "status_changed_at"]
    list_filter = ["status"]
    readonly_fields = [
        "status", "position", "station", "youth", "centre", "interview_at", "start_date",
    ]  # fmt: skip


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["youth", "station", "start_date", "end_date", "status", "outcome"]
    list_filter = ["status", "outcome"]
    readonly_fields = [
        "status", "application", "position", "station", "youth", "centre", "start_date",
        "end_date", "midterm_due", "left_on", "outcome",
    ]  # fmt: skip
