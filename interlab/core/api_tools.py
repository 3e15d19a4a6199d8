"""What every app's API shares: the id type, the list page and its envelope, the staff check, the error body."""

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.renderers import JSONRenderer

from .errors import Forbidden
from .models import User

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class Page(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


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
