"""API for the caller: tokens, who am I, and the export of everything held about me."""

from datetime import datetime
from typing import Literal

from allauth.mfa.base.forms import AuthenticateForm
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict

from . import export, interfaces, services, two_factor
from .api_tools import error
from .forms import locked_out_message
from .models import User
from .net import client_ip

router = Router(tags=["me"])


class TokenIn(Schema):
    username: str
    password: str
    code: str | None = Field(
        None,
        max_length=64,
        description="For an account with two-factor authentication: the authenticator app's code, or a recovery code.",
    )


class TokenOut(Schema):
    token: str = Field(description="The secret, shown once: send it as `Authorization: Bearer <token>`.")
    expires_at: datetime = Field(description="When the token stops working (API_TOKEN_LIFETIME_DAYS after issue).")


class ErrorOut(Schema):
    detail: str
    code: str


class LockedOutOut(ErrorOut):
    reason: str  # "account": too many failures for this username; "address": too many from this connection


class MeOut(BaseModel):  # a plain pydantic model: ninja's Schema reads declared fields only
    """The account's own fields, then what the apps add (personal_data.me): the ones known today are named
    here for the API's documentation; an app added later passes its fields through."""

    model_config = ConfigDict(extra="allow")

    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    preferred_language: str
    entrepreneur_id: int | None = None
    mentor_id: int | None = None
    ical_url: str | None = None


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut, 429: LockedOutOut})
def token_create(request: HttpRequest, payload: TokenIn):
    try:
        user = services.credentials_check(request=request, username=payload.username, password=payload.password)
    except services.LockedOut as locked:
        response = error(request, 429, locked_out_message(locked), "locked_out", reason=locked.reason)
        response["Retry-After"] = str(locked.minutes * 60)
        return response
    if user is None:
        return error(request, 401, "Wrong username or password.", "invalid_credentials")
    if two_factor.has_authenticator(user):
        # A token is a login: an account with a second factor gives it here too, under the same lockout.
        if not payload.code:
            return error(
                request,
                401,
                "This account uses two-factor authentication: send the authenticator app's code as `code`.",
                "two_factor_required",
            )
        username = user.get_username()
        try:
            services.login_attempt_reserve(username=username, ip_address=client_ip(request))
        except services.LockedOut as locked:
            response = error(request, 429, locked_out_message(locked), "locked_out", reason=locked.reason)
            response["Retry-After"] = str(locked.minutes * 60)
            return response
        if not AuthenticateForm(user=user, data={"code": payload.code}).is_valid():
            return error(request, 401, "Wrong two-factor code.", "invalid_code")
        services.login_failures_clear(username=username)
    token, raw = services.api_token_create(user=user)
    return {"token": raw, "expires_at": token.expires_at}


@router.delete("/auth/token", response={204: None, 404: ErrorOut})
def token_revoke(request: HttpRequest):
    """Revokes the bearer token this request was sent with (a log-out for API clients)."""
    token = getattr(request, "api_token", None)
    if token is None:
        return error(request, 404, "This request carries no bearer token to revoke.", "no_token")
    services.api_token_revoke(token=token)
    return Status(204, None)


def me_payload(user: User, request: HttpRequest | None = None) -> dict:
    """The caller's account, and what each app adds through its interface (file, mentor profile, iCal feed)."""
    account = {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "preferred_language": user.preferred_language,
    }
    return interfaces.me(user, request, base=account)


@router.get("/me", response=MeOut)
def me(request: HttpRequest):
    return me_payload(request.auth, request)


EXPORT_RESPONSES = {
    200: {
        "description": "Everything held about the caller: a JSON document by default; with `format=zip`, one ZIP "
        "archive holding `data.json`, the person's files under `files/<app>/` and a `README.txt`.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/zip": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


class ExportFilters(Schema):
    format: Literal["json", "zip"] = Field("json", description="`json` (default) or `zip` (data.json plus files).")


@router.get("/me/export", openapi_extra={"responses": EXPORT_RESPONSES})
def me_export(request: HttpRequest, filters: Query[ExportFilters]):
    """Everything InterLab holds about the caller (GDPR right of access): JSON, or a ZIP with their files."""
    if filters.format == "zip":
        return export.zip_response(request.auth, request)
    return export.json_document(request.auth, request)
