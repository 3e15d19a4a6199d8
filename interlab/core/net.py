"""The client's address, as every security check (login lockout, form rate limits) must read it.

Behind a reverse proxy REMOTE_ADDR is the proxy's own address: every visitor would share one lockout counter.
X-Forwarded-For, on the other hand, is written by the client and can be forged, so it is read only when the
deployment says how many proxies it trusts (TRUSTED_PROXY_COUNT, 0 by default), and then only the entry the
nearest trusted proxy wrote: the n-th from the right, never the client-supplied ones to its left.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address the request came from, or None when it cannot be told (no request, a malformed header)."""
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Each trusted proxy appended the address it received the request from; with n of them, the client is the
    # n-th entry from the right. Fewer entries than proxies: the leftmost is the farthest one we can tell.
    return _valid(forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]) or remote
