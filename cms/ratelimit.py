"""The rate limit of the public site's forms: core.ratelimit's counting, with the limits cms's settings give."""

from django.conf import settings

from interlab.core.net import client_ip
from interlab.core.ratelimit import RateLimited
from interlab.core.ratelimit import throttle as core_throttle

__all__ = ["DEFAULT_LIMITS", "RateLimited", "client_address", "throttle"]

# Per client address and form: attempts (valid or not) allowed in one window. A social worker may fill in
# several applications from one office, so the limit slows a flood without stopping a busy afternoon.
DEFAULT_LIMITS = {"intake": (10, 600), "event": (10, 600)}


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def throttle(request, scope: str) -> None:
    """Count one attempt; raise RateLimited past the limit (CMS_RATE_LIMITS[scope] overrides the default)."""
    limit, window = getattr(settings, "CMS_RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])
    core_throttle(request, f"cms:{scope}", limit=limit, window=window)
