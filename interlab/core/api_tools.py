"""What every app's API shares: the strict input types, the list page and its envelope, the staff check, the
error body."""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.renderers import JSONRenderer
from pydantic import BeforeValidator, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from .errors import Forbidden
from .models import User

# --- strict input types ------------------------------------------------------------------------------------
# Pydantic converts loosely by default: 0 becomes 1970-01-01, 0 becomes False, 2.0 becomes 2. An API that
# guesses writes wrong data silently, so every input field uses one of these instead of bare date, datetime,
# bool or int. JSON bodies: dates and times as ISO 8601 strings, booleans as true/false, integers as JSON
# integers. Query strings and paths carry text only: there, integers are digits, and booleans true/false/1/0.

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$"
_DIGITS = re.compile(r"-?\d{1,19}")
QUERY_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}


def _date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(ISO_DATE, value):
        return value
    raise PydanticCustomError("date_format", "Enter a date as a YYYY-MM-DD string, e.g. 2026-03-01.")


def _datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(ISO_DATETIME, value):
        return value
    raise PydanticCustomError(
        "datetime_format", "Enter a date and time as an ISO 8601 string, e.g. 2026-03-01T14:30:00+01:00."
    )


def _param_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in QUERY_BOOLEANS:
        return QUERY_BOOLEANS[value]
    raise PydanticCustomError("param_bool", "Enter true or false (or 1 or 0).")


def _param_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    raise PydanticCustomError("param_int", "Enter a whole number, in digits.")


Date = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE}),
]
DateTime = Annotated[
    datetime,
    BeforeValidator(_datetime),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": ISO_DATETIME}),
]
# Pydantic's strict mode, in Python mode as ninja validates: only a real bool, int (never a bool) or number.
Bool = Annotated[bool, Strict()]
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict()]
ParamBool = Annotated[
    bool,
    BeforeValidator(_param_bool),
    WithJsonSchema({"type": "boolean", "description": "`true` or `false` (`1` and `0` are accepted too)."}),
]
ParamInt = Annotated[int, BeforeValidator(_param_int)]
STRICT_VALIDATORS = frozenset({_date, _datetime, _param_bool, _param_int})
# What the 422 says for each wrong type, in the caller's language (interlab.api's handler of invalid input):
# the strict types' own errors, and pydantic's words for a wrong type under Strict().
STRICT_MESSAGES = {
    "date_format": _("Enter a date as a YYYY-MM-DD string, e.g. 2026-03-01."),
    "datetime_format": _("Enter a date and time as an ISO 8601 string, e.g. 2026-03-01T14:30:00+01:00."),
    "param_bool": _("Enter true or false (or 1 or 0)."),
    "param_int": _("Enter a whole number, in digits."),
    "bool_type": _("Enter true or false (a JSON boolean, not a number or text)."),
    "int_type": _("Enter a whole number (a JSON integer, not a decimal, text or boolean)."),
    "float_type": _("Enter a number (a JSON number, not text or a boolean)."),
}

# An id: in a JSON body, a JSON integer; in a query string or a path, digits.
Id = Annotated[Int, Field(ge=1, le=2**63 - 1)]
ParamId = Annotated[ParamInt, Field(ge=1, le=2**63 - 1)]


class Page(Schema):
    page: ParamInt = Field(1, ge=1, le=1_000_000)
    page_size: ParamInt = Field(50, ge=1, le=200)


def paginate(qs, page: Page, serialise: Callable[[Any], Any]) -> dict:
    """`{"count", "items"}` for one page of a queryset (API.md, "Lists")."""
    count = qs.count()
    start = (page.page - 1) * page.page_size
    return {"count": count, "items": [serialise(o) for o in qs[start : start + page.page_size]]}


def require_staff(user: User) -> None:
    if not user.is_staff_role:
        raise Forbidden("Only coaches and administrators can do this.")


def error(request: HttpRequest | None, status: int, detail: str, code: str, **extra) -> HttpResponse:
    """The shared error body `{"detail", "code", ...}` as the API's own renderer writes it."""
    renderer = JSONRenderer()
    content = renderer.render(request, {"detail": detail, "code": code, **extra}, response_status=status)
    return HttpResponse(content, status=status, content_type=f"{renderer.media_type}; charset={renderer.charset}")
