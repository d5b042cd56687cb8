"""The Django admin in Chinese where the installed apps leave it English.

allauth's authenticators are listed through a proxy with Chinese names (core/models.py) and
can be looked at and removed (someone who lost their phone sets up a new one), never edited
or made here: their secrets are not for typing in. Django's permission groups are not offered:
the portal decides access by roles and predicates, so groups would have no effect.
"""

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import TwoFactorAuthenticator

admin.site.unregister(Authenticator)
admin.site.unregister(Group)
admin.site.site_header = _("Youthventure administration")
admin.site.site_title = _("Youthventure administration")
admin.site.index_title = _("Data administration")


@admin.register(TwoFactorAuthenticator)
class TwoFactorAuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "created", "last_used"]
    list_filter = ["type"]
    search_fields = ["user__email", "user__name"]
    fields = ["owner", "kind", "created", "last_used"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("person"), ordering="user")
    def owner(self, obj):
        return obj.user

    @admin.display(description=_("kind"), ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("set up at"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("last used at"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at
