from django.contrib import admin

from .models import Bank, Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "uscc", "centre", "is_employer", "is_internship_host", "is_active"]
    list_filter = ["is_employer", "is_internship_host", "is_training_commissioner", "is_active"]
    search_fields = ["name", "uscc"]


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["name", "branch", "base_interest_rate", "centre", "is_active"]
