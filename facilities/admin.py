from django.contrib import admin

from .models import Newsstand


@admin.register(Newsstand)
class NewsstandAdmin(admin.ModelAdmin):
    list_display = ["name", "centre", "status", "opened_on"]
