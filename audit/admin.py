from django.contrib import admin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "target_type", "target_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]
    raw_id_fields = ["actor", "centre"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
