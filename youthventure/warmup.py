"""What every process would otherwise do on its first requests, done once when it starts.

The URL patterns are resolved, the templates compiled, the catalogues of both languages
loaded and the static files' manifest read. With gunicorn's ``preload_app``
(gunicorn.conf.py) the master does it before forking, so each worker, and each worker that
replaces one after ``max_requests``, starts ready instead of spending its first second
or two on it. Nothing here opens a database or Redis connection: forked processes must not
share one.
"""

import contextlib
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def _template_names(directory: Path):
    for path in sorted(directory.rglob("*")):
        if path.suffix in (".html", ".txt") and path.is_file():
            yield path.relative_to(directory).as_posix()


def warm_up() -> None:
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver()._populate()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Youthventure")
    engine = engines["django"]
    directories = [Path(d) for d in engine.dirs]
    directories += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    compiled = 0
    for directory in directories:
        if not directory.is_dir():
            continue
        for name in _template_names(directory):
            try:
                engine.get_template(name)
                compiled += 1
            except (TemplateDoesNotExist, TemplateSyntaxError):
                # Templates of features not installed (e.g. allauth's social accounts);
                # a page that uses a broken one still fails as before.
                continue
    # No manifest yet (collectstatic not run): the first page will say so, as before.
    with contextlib.suppress(ValueError):
        staticfiles_storage.url("css/site.css")
    log.info("warmed up: %d templates compiled", compiled)
