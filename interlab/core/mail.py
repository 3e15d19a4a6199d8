"""Mail as InterLab sends it: links on the configured site address, a Message-ID of that domain, text and HTML."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid


def site_url() -> str:
    """The site's address (settings.SITE_URL), without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """A path of the site as a link that works outside it (in an e-mail, a text message); full URLs pass through."""
    if not path or urlsplit(path).scheme:
        return path
    return site_url() + "/" + path.lstrip("/")


def message_domain() -> str:
    """The domain of the Message-ID: the site's own, never the machine's name (often just "localhost")."""
    return urlsplit(site_url()).hostname or "localhost"


def send(subject: str, text: str, to: list[str], *, html: str | None = None, from_email: str | None = None) -> int:
    """One e-mail, text and (when given) HTML, with a Message-ID of the site's domain. Returns 1 when sent."""
    message = EmailMultiAlternatives(
        subject, text, from_email, to, headers={"Message-ID": make_msgid(domain=message_domain())}
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message.send()
