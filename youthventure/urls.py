from allauth.account.decorators import secure_admin_login
from allauth.account.views import login as allauth_login
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from core.caching import cache_anonymous_page

from . import health

handler500 = "youthventure.health.server_error"

# The admin signs in through allauth too: the same lockout and two-factor step.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # The pages anonymous visitors see most are kept half a minute (core/caching.py).
    path("", cache_anonymous_page(account_views.home), name="home"),
    path("accounts/login/", cache_anonymous_page(allauth_login), name="account_login"),
    # First of the apps: the staff home is the page staff open most, and the URL resolver
    # tries the patterns in order (the apps below all start at "", so each is tried). No other
    # app routes under staff/exports/, figures/, queues/ or reports/.
    path("staff/", include("dashboard.urls")),
    path("", include("accounts.urls")),
    path("", include("notifications.urls")),
    path("", include("projects.urls")),
    path("", include("mentors.urls")),
    path("", include("internships.urls")),
    path("", include("jobs.urls")),
    path("", include("guidance.urls")),
    path("", include("facilities.urls")),
    path("training/", include("training.urls")),
    path("", include("loans.urls")),
    path("accounts/", include("allauth.urls")),
    path("staff/partners/", include("partners.urls")),
    path("partner/", include("partners.partner_urls")),
    path("staff/audit/", include("audit.urls")),
    # Switching language must work before signing in too.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path(health.HEALTHZ_PATH.lstrip("/"), health.healthz, name="healthz"),
    path("favicon.ico", health.favicon),
]
