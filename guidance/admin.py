from django.contrib import admin

from .models import Mediator, Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "centre"]


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "is_active"]
    raw_id_fields = ["user"]
