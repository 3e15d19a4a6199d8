"""The error body every API endpoint shares, as a schema, for the OpenAPI document.

Handlers declare the statuses their own rules produce (403, 409) with `errors(...)` in their `response`; the
root API (interlab/api.py) adds the ones its machinery produces for every operation: 401 (authentication),
404 (an id in the path that is unknown or not visible) and 422 (invalid input).
"""

from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """`{"detail": "<human sentence>", "code": "<machine_code>", ...}`; 422 adds `errors`, 409 may add context."""

    detail: str
    code: str
    errors: list[FieldError] | None = None


def errors(*statuses: int) -> dict:
    """`response={200: Out, **errors(403, 409)}`: the error statuses an operation documents."""
    return dict.fromkeys(statuses, ErrorOut)
