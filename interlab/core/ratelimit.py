"""A fixed-window rate limit for public forms, kept in Django's cache (shared by every
process), per client address (core.net): the public site's forms (cms.ratelimit) and those of the apps."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .net import client_ip


class RateLimited(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def throttle(request, scope: str, *, limit: int, window: int) -> None:
    """Count one attempt; RateLimited past `limit` in `window` seconds (settings.RATE_LIMITS[scope] overrides).

    The address is hashed with the secret key: the cache holds no IP.
    """
    limit, window = getattr(settings, "RATE_LIMITS", {}).get(scope, (limit, window))
    bucket = int(time.time() // window)
    address = client_ip(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"core:rate:{scope}:{digest}:{bucket}"
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
