"""The Content-Security-Policy middleware, with a looser policy for the admin screens InterLab does not write.

Our own pages run no inline script or style, so they get the strict policy of settings.CONTENT_SECURITY_POLICY.
The Wagtail and Django admins, and the API's Swagger page, are third-party screens that still use inline
scripts and styles and preview pages in frames: settings.CSP_PATH_RELAXATIONS relaxes the policy for those
path prefixes only, directive by directive, and every other response keeps the strict one.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
