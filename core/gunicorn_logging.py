"""gunicorn's access log without secret tokens (gunicorn.conf.py: ``logger_class``).

Imported by gunicorn only: every value of an access-log line (the request line, path, query
string and referrer among them) passes ``core.redaction.scrub_text``.
"""

from gunicorn.glogging import Logger

from .redaction import scrub_text


class ScrubbingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: scrub_text(v) if isinstance(v, str) else v for k, v in atoms.items()}
