"""A small fixed-window rate limit on the public forms, kept in Django's cache (shared by every process)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interlab.core.net import client_ip

# Per client address and form: attempts (valid or not) allowed in one window. A social worker may fill in
# several applications from one office, so the limit slows a flood without stopping a busy afternoon.
DEFAULT_LIMITS = {"intake": (10, 600), "event": (10, 600)}


class RateLimited(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def throttle(request, scope: str) -> None:
    """Count one attempt; raise RateLimited past the limit. The address is hashed: the cache holds no IP."""
    limits = getattr(settings, "CMS_RATE_LIMITS", {})
    limit, window = limits.get(scope, DEFAULT_LIMITS[scope])
    bucket = int(time.time() // window)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
    key = f"cms:rate:{scope}:{digest}:{bucket}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    if count > limit:
        minutes = max(1, round(((bucket + 1) * window - time.time()) / 60))
        raise RateLimited(
            _("Too many forms were sent from your connection in a short time.")
            + " "
            + ngettext(
                "Please wait %(minutes)d minute and try again.",
                "Please wait %(minutes)d minutes and try again.",
                minutes,
            )
            % {"minutes": minutes}
        )
