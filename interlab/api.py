"""The API root: /api/v1/, its authentication and the error shape every endpoint shares."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import REF_TEMPLATE
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from interlab.core.api import router as core_router
from interlab.core.api_docs import ErrorOut
from interlab.core.api_tools import STRICT_MESSAGES, error
from interlab.core.errors import Conflict, DomainError, Forbidden
from interlab.core.services import TokenRefused, api_token_authenticate
from interlab.crm.api import router as crm_router
from interlab.crm.api_referrals import router as referrals_router
from interlab.dossiers.api import router as dossiers_router
from interlab.impact.api import router as impact_router
from interlab.mentoring.api import router as mentoring_router
from interlab.tierslieu.api import router as tierslieu_router


class Session(SessionAuth):
    """The browser session. Without a logged-in session there is nothing to forge: such a request is simply
    not authenticated (401), not a CSRF failure (403) as ninja's SessionAuth answers on unsafe methods."""

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; an expired or revoked token is refused with its reason (TokenRefused)."""

    def authenticate(self, request, token: str):
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class StrictJSONParser(Parser):
    """JSON bodies: an object (every endpoint takes one), without NUL characters anywhere (PostgreSQL cannot
    store them in text). A list or a bare value would otherwise read as an empty object: a silent 200."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if request.body and not isinstance(data, dict):
            raise NinjaValidationError([{"loc": ("body",), "msg": "The body must be a JSON object."}])
        if _has_nul(data):
            raise NinjaValidationError([{"loc": ("body",), "msg": "Text cannot contain NUL characters."}])
        return data


ERROR_REF = "#/components/schemas/ErrorOut"
MACHINERY_ERRORS = {
    401: "Not logged in: no session and no valid bearer token.",
    404: "Not found, or not visible to the caller.",
    422: "Invalid input: the fields and their messages are in `errors`.",
}


class InterLabAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Every operation documents the errors the root's machinery can answer, with the shared error body."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        error_schema = ErrorOut.model_json_schema(ref_template=REF_TEMPLATE)
        components.update(error_schema.pop("$defs", {}))
        components["ErrorOut"] = error_schema
        for operations in schema["paths"].values():
            for operation in operations.values():
                params = operation.get("parameters", [])
                statuses = []
                if operation.get("security"):
                    statuses.append(401)
                if any(p["in"] == "path" for p in params):
                    statuses.append(404)
                if params or "requestBody" in operation:
                    statuses.append(422)
                for status in statuses:
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": MACHINERY_ERRORS[status],
                            "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                        },
                    )
        return schema


api = InterLabAPI(
    parser=StrictJSONParser(),
    title="InterLab API",
    version="1",
    description="The incubator's pipeline, mentoring, tiers-lieu, dossiers and impact, as JSON.",
    urls_namespace="api",
    auth=[BearerToken(), Session()],
)


def _field_path(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


@api.exception_handler(NinjaValidationError)
def on_invalid_input(request, exc: NinjaValidationError):
    errors = [
        {"field": _field_path(e.get("loc", ())), "message": str(STRICT_MESSAGES.get(e.get("type"), e.get("msg", "")))}
        for e in exc.errors
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return error(request, 422, f"Invalid input — {summary}", "invalid", errors=errors)


@api.exception_handler(DjangoValidationError)
def on_invalid_data(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": str(m)} for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"field": "body", "message": str(m)} for m in exc.messages]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return error(request, 422, f"Invalid input — {summary}", "invalid", errors=errors)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, "Not found.", "not_found")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error(request, 401, "Authentication required: log in or send a bearer token.", "not_authenticated")


TOKEN_REFUSED = {
    "expired": "This API token has expired: ask for a new one with POST /api/v1/auth/token.",
    "revoked": "This API token was revoked (by its owner, or because the password changed): ask for a new one "
    "with POST /api/v1/auth/token.",
}


@api.exception_handler(TokenRefused)
def on_token_refused(request, exc: TokenRefused):
    return error(request, 401, TOKEN_REFUSED[exc.reason], f"token_{exc.reason}")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:
        # A body that is not JSON at all is invalid input like any other: one status for clients to handle.
        return error(request, 422, str(exc), "malformed_body")
    if exc.status_code == 403:
        return error(request, 403, "CSRF check failed: send the X-CSRFToken header with a session.", "csrf_failed")
    return error(request, exc.status_code, str(exc), getattr(exc, "code", "error"))


@api.exception_handler(Conflict)
def on_conflict(request, exc: Conflict):
    return error(request, 409, exc.message, exc.code, **exc.extra)


@api.exception_handler(Forbidden)
def on_forbidden(request, exc: Forbidden):
    return error(request, 403, exc.message, exc.code)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return error(request, 409, exc.message, exc.code, **exc.extra)


def _register_routers() -> None:
    for router in (
        core_router,
        crm_router,
        referrals_router,
        mentoring_router,
        tierslieu_router,
        dossiers_router,
        impact_router,
    ):
        api.add_router("", router)


_register_routers()
