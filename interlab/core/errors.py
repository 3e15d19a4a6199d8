"""Domain errors raised by services; views and the API turn them into a message or a status code."""


class DomainError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra


class Conflict(DomainError):
    """The request clashes with existing state (a forbidden transition, an overlap): HTTP 409."""

    code = "conflict"


class Forbidden(DomainError):
    """The object is visible to the user but the action is not theirs: HTTP 403."""

    code = "forbidden"
