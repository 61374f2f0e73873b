"""Django's database sessions, with the session key checked before it reaches the database.

Django only ever makes keys of lower-case letters and digits; a cookie holding anything
else (a NUL byte, which PostgreSQL refuses in text) is a visitor without a session, not a
query that fails on every page."""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and SESSION_KEY.fullmatch(key) is not None
