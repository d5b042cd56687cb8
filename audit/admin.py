from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import Entry
from .selectors import with_targets


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Audit rows as people read them: the action's label, the object's name."""

    list_display = ["created_at", "action_label", "actor", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]
    raw_id_fields = ["actor", "centre"]
    fields = [
        "created_at",
        "actor",
        "action_label",
        "target",
        "centre",
        "ip_address",
        "path",
        "data",
    ]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj):
        return actions.label(obj.action)

    @admin.display(description=_("object"))
    def target(self, obj):
        if not obj.target_type:
            return "—"
        entry = with_targets([obj])[0]
        return f"{entry.target_kind} {entry.target_name}"
