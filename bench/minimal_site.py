"""The yardstick of ``bench/pages.py``: what Django itself can do on this machine.

One view that answers ``ok``, no middleware, no database, no templates: served by gunicorn
with the portal's own ``gunicorn.conf.py`` in the same run, so a page's share of its
requests per second says what the portal's own work costs.

    gunicorn -c gunicorn.conf.py --pythonpath bench minimal_site:application
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-minimal-site",  # noqa: S106 (serves one constant page)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def ok(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", ok)]
application = get_wsgi_application()
