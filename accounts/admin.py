from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, StaffProfile, User, YouthProfile


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_superuser", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["name", "phone"]}),
        (
            # No groups or Django permissions: the portal decides access by roles (core/admin.py).
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(YouthProfile)
class YouthProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_centre", "education_level", "employment_status", "created_at"]
    list_filter = ["employment_status", "education_level", "hukou"]
    search_fields = ["user__name", "user__email"]
    raw_id_fields = ["user", "home_centre"]
    # Recorded when the young person consents at sign-up; not for typing in. Young people
    # register themselves (or at a youth centre's desk), never here.
    readonly_fields = ["consent_given_at", "consent_policy_version"]

    def has_add_permission(self, request):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "centre", "created_by"]
