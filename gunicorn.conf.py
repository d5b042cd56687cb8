"""gunicorn settings for production: `gunicorn youthventure.wsgi` picks this file up.

Values can be overridden with GUNICORN_* environment variables or on the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# A request that takes longer than this is killed and logged; nothing the portal does should.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Load the portal once in the master and fork ready workers (youthventure/warmup.py compiles
# templates and loads catalogues there): a recycled worker starts in milliseconds instead of
# a second or two of imports and first renders. New code needs a restart, not a HUP.
preload_app = True
# Behind the load balancer: trust its X-Forwarded-* headers (set FORWARDED_ALLOW_IPS to it).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The access log's request lines and referrers without secret tokens (core/redaction.py).
logger_class = "core.gunicorn_logging.ScrubbingLogger"


def when_ready(server):
    """After the portal is loaded in the master, before the first worker is forked: move what
    is loaded into the collector's permanent generation (``gc.freeze``). The workers' garbage
    collections then skip those objects, and do not touch (and so copy) the memory pages they
    share with the master."""
    import gc

    gc.collect()
    gc.freeze()
