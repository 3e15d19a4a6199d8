"""The Content-Security-Policy middleware, with a looser policy for the admin screens InterLab does not write, and
the address where browsers report what the policy blocked.

Our own pages run no inline script or style, so they get the strict policy of settings.CONTENT_SECURITY_POLICY.
The Wagtail and Django admins, and the API's Swagger page, are third-party screens that still use inline
scripts and styles and preview pages in frames: settings.CSP_PATH_RELAXATIONS relaxes the policy for those
path prefixes only, directive by directive, and every other response keeps the strict one.
"""

import json
import logging
import re
from urllib.parse import urlsplit, urlunsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("interlab.csp")


class InterLabCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        for prefix, directives in getattr(settings, "CSP_PATH_RELAXATIONS", {}).items():
            if request.path_info.startswith(prefix):
                parts.replace = {**(parts.replace or {}), **directives}
                break
        return parts


MAX_REPORT_BYTES = 16 * 1024
# Control characters, and the line breaks of Unicode that some log viewers honour.
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(value) -> str:
    """Whoever posts a report writes its fields: no control character (a new line would forge a log line)."""
    return _CONTROL.sub(" ", str(value or ""))


def _without_query(address: str) -> str:
    """Reports may carry search terms (names) in their addresses: keep the scheme, host and path only."""
    parts = urlsplit(_one_line(address))
    if not parts.scheme:
        return _one_line(address)[:40]  # "inline", "eval", "data"…
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))[:300]


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers post here what the policy blocked (report-uri): logged, so a violation in production is seen."""
    if len(request.body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body or b"{}").get("csp-report") or {}
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    logger.warning(
        "CSP violation: %s blocked %s on %s",
        _one_line(report.get("effective-directive") or report.get("violated-directive") or "?")[:80],
        _without_query(report.get("blocked-uri", "")),
        _without_query(report.get("document-uri", "")),
    )
    return HttpResponse(status=204)
