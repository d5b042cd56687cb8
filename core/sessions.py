"""Django's database sessions, read with a query compiled once (core/prepared.py): the
session is read on every signed-in request. ``SESSION_ENGINE = "core.sessions"``; the table,
the encoding and everything else are Django's, so sessions carry over both ways."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from .prepared import PreparedQuery

# Stands for the session key in the compiled SQL (real keys are 32 letters and digits).
_MARKER = "prepared:session-key-marker"


def _session(key):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(session_key=key)[:1]


_SESSION = PreparedQuery(_session, marker=_MARKER)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = _SESSION.first(self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
