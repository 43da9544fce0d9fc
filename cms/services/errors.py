"""Errors services raise for a person to read: the message says what was wrong."""


class ServiceError(Exception):
    """A request a service refused; ``str(error)`` is shown to the user as is."""


class NotAllowed(ServiceError):
    """A change the rules forbid, such as a status change that skips review."""


class Conflict(ServiceError):
    """The change would clash with existing data or with someone else's save."""
