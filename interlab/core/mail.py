"""Mail as InterLab sends it: links on the configured site address, a Message-ID of that domain, text and HTML."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


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


def html_from_text(subject: str, text: str) -> str:
    """The HTML part of a mail written as text: its paragraphs and links, in the current language and direction."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return render_to_string(
        "core/email/text_as_html.html",
        {"subject": subject, "text": text, "language": language, "rtl": translation.get_language_bidi()},
    )


def send_templated(template: str, context: dict, to: list[str], *, language: str | None = None) -> int:
    """A mail from `<template>_subject.txt` and `<template>.txt` (and `<template>.html` when there is one, else
    the text laid out as HTML), rendered in `language`. Returns 1 when sent; errors are the caller's."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = html_from_text(subject, text)
    return send(subject, text, to, html=html)
