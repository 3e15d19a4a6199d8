"""The role × endpoint matrix cannot drift: every route of the project has a row in a tests/*/test_role_matrix.py.

Routes come from the URL resolver (pages, iCal feeds) and from the OpenAPI schema (each API path and method),
so a page or an API operation added anywhere fails here until the matrix says who may reach it.
"""

import importlib
import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from interlab.api import api

MATRICES = [
    "tests.core.test_role_matrix",
    "tests.mentoring.test_role_matrix",
    "tests.tierslieu.test_role_matrix",
    "tests.dossiers.test_role_matrix",
    "tests.impact.test_role_matrix",
]

# Route prefixes left out of the matrix on purpose, with the reason.
NOT_IN_MATRIX = {
    "django-admin/": "Django's admin: staff-only screens guarded by Django itself (is_staff), not by roles",
    "cms-admin/": "Wagtail's admin: guarded by Wagtail's own permissions, tested in tests/cms",
    "i18n/": "the language switcher (set_language), the same for everyone",
    "jsi18n/": "the JavaScript translation catalogue, public and the same for everyone",
    "healthz": "the health check for load balancers: no login, no data, the same for everyone (tests/core/test_health.py)",
    "favicon.ico": "the site icon's old address, redirected to the static icon, the same for everyone (tests/cms/test_public_chrome.py)",
    "csp-report/": "browsers' reports of blocked content, the same for everyone (tests/core/test_csp_report.py)",
    "static/": "static files, served this way only with DEBUG",
    "media/": "public media files, served this way only with DEBUG",
}
# The public site is served by Wagtail under a language prefix (/fr/, /en/ …): public pages, tested in tests/cms.
PUBLIC_SITE = re.compile(r"^[a-z]{2}(-[a-z]+)?/\^\(\?!")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def project_routes() -> set[str]:
    """Every route, those under a language prefix named in the default language (fr/glossary/), as the matrices'
    rows write them, whichever language an earlier test left active."""
    routes = set()
    with translation.override(settings.LANGUAGE_CODE):
        found = list(_walk(get_resolver().url_patterns))
    for route in found:
        if route.startswith(tuple(NOT_IN_MATRIX)) or PUBLIC_SITE.match(route):
            continue
        routes.add(route)
    return routes


def api_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def matrix_rows() -> list[tuple[str, str]]:
    rows = []
    for name in MATRICES:
        module = importlib.import_module(name)
        rows += [(method, path) for method, path, _body, _statuses in module.API_ROWS + module.PAGE_ROWS]
    return rows


def _concrete(path: str) -> str:
    """A row's path with its placeholders filled in and its query string dropped, ready to resolve."""
    return re.sub(r"\{\w+\}", "1", path.split("?")[0])


def _resolve(path: str):
    """A path under a language prefix (/fr/glossary/) resolves in its own language, whichever language an earlier
    test left active (i18n_patterns only match the active language's prefix)."""
    prefix = path.lstrip("/").split("/", 1)[0]
    language = prefix if prefix in dict(settings.LANGUAGES) else translation.get_language()
    with translation.override(language):
        return resolve(path)


def covered() -> tuple[set[str], set[tuple[str, str]]]:
    routes, operations = set(), set()
    for method, path in matrix_rows():
        route = _resolve(_concrete(path)).route
        routes.add(route)
        if path.startswith("/api/v1/"):
            operations.add((method.upper(), "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)))
    return routes, operations


def test_every_page_and_feed_route_has_a_row_in_the_matrix():
    routes, _ = covered()
    pages = {route for route in project_routes() if not route.startswith("api/v1/")}
    missing = sorted(pages - routes)
    assert not missing, "routes without a row in any tests/*/test_role_matrix.py PAGE_ROWS:\n" + "\n".join(missing)


def test_every_api_operation_has_a_row_in_the_matrix():
    _, operations = covered()
    missing = sorted(api_operations() - operations)
    assert not missing, "API operations without a row in any API_ROWS:\n" + "\n".join(f"{m} {p}" for m, p in missing)


def test_the_api_routes_the_resolver_knows_are_the_schema_s_and_its_docs():
    from_resolver = {route for route in project_routes() if route.startswith("api/v1/")}
    from_schema = {re.sub(r"\{(\w+)\}", r"<\1>", path).lstrip("/") for _method, path in api_operations()}
    assert from_resolver - from_schema == {"api/v1/", "api/v1/docs", "api/v1/openapi.json"}
