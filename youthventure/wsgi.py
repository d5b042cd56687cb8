import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")
application = get_wsgi_application()

# Templates, URLs, catalogues: loaded now (in gunicorn's master, before it forks the workers),
# not on each worker's first requests (youthventure/warmup.py).
from .warmup import warm_up  # noqa: E402

warm_up()
