from django.contrib import admin

from .models import Placement, Vacancy


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "enterprise", "places", "filled", "status", "closes_on"]
    list_filter = ["status", "location_kind"]
    raw_id_fields = ["enterprise", "posted_by"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["employer_name", "job_title", "start_date", "how_found"]
    list_filter = ["how_found", "labour_export"]
    raw_id_fields = ["youth", "centre", "enterprise", "vacancy", "batch", "recorded_by"]
    readonly_fields = ["job_key"]
