"""Logging for the portal's own handlers."""

import logging


class OneLineForClientErrors(logging.Filter):
    """A 4xx is a visitor's mistake (a bad page number, a forged Host header), not ours: it
    is logged in one line, without the traceback that only a 5xx deserves. So is a 503
    while the database is away: one line per request, not a traceback each."""

    def filter(self, record):
        status = getattr(record, "status_code", 500)
        if status < 500 or status == 503:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
