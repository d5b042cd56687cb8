from django.contrib import admin

from .models import Message, OptOut


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["key", "channel", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["key"]
    raw_id_fields = ["recipient"]
    # Written by the outbox as it sends; not for typing in.
    readonly_fields = ["available_at", "claimed_until", "sent_at", "read_at", "attempts"]


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created_at"]
    raw_id_fields = ["user"]
