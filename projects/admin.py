from django.contrib import admin

from .models import OutcomeReport, ProjectPhoto, StageChange, VentureProject


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "actor", "reason", "created_at"]
    can_delete = False


@admin.register(VentureProject)
class VentureProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "stage", "sector", "centre", "in_demo_park", "stage_changed_at"]
    list_filter = ["stage", "sector", "in_demo_park"]
    search_fields = ["name", "uscc"]
    raw_id_fields = ["lead", "members", "centre"]
    # Stages change through the portal's services only (history, messages, audit).
    readonly_fields = ["stage", "stage_changed_at", "signed_on", "launched_on"]
    inlines = [StageChangeInline]


admin.site.register(ProjectPhoto)
admin.site.register(OutcomeReport)
