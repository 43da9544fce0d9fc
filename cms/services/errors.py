"""Errors services raise for a person to read: the message says what was wrong."""


class ServiceError(Exception):
    """A request a service refused; ``str(error)`` is shown to the user as is."""


class NotAllowed(ServiceError):
    """A change the rules forbid, such as a status change that skips review."""


class Conflict(ServiceError):
    """The change would clash with existing data or with someone else's save."""


class StaleEdit(Conflict):
    """Someone else saved the record after this editor's form was loaded."""

    def __init__(self, what: str, current_version: int) -> None:
        super().__init__(
            f"Someone else saved this {what} while you were editing it. Their version is "
            "shown beside yours: nothing was saved."
        )
        self.what = what
        self.current_version = current_version
