from django.contrib import admin

from .models import Application, Placement, Position, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "since", "annual_quota", "is_active"]
    readonly_fields = ["enterprise"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "station", "places", "places_taken", "stipend", "is_open"]
    readonly_fields = ["places_taken"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["youth", "position", "status", "status_changed_at"]
    list_filter = ["status"]
    # Statuses change only through the services (history, places, messages).
    readonly_fields = ["status", "position", "station", "youth", "centre"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["youth", "station", "start_date", "end_date", "status", "outcome"]
    list_filter = ["status", "outcome"]
    readonly_fields = ["status", "application", "position", "station", "youth", "centre"]
