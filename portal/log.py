"""Logging for the portal's own handlers."""

import logging


class OneLineForClientErrors(logging.Filter):
    """A 4xx is a visitor's mistake (a bad page number, a forged Host header), not ours: it
    is logged in one line, without the traceback that only a 5xx deserves."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
