"""Exceptions that carry a message meant for the visitor."""

from django.core.exceptions import BadRequest


class VisitorBadRequest(BadRequest):
    """A 400 whose message is written for the visitor and shown on the error page."""

    def __init__(self, visitor_message):
        super().__init__(visitor_message)
        self.visitor_message = visitor_message
