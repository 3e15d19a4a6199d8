"""The member card: a printable card with the person's name and a QR code.

The QR code carries only a link to the reception page with the card's opaque code, never personal data;
renewing the card revokes the code. The code is also printed, grouped by five, to be typed at the desk.
"""

import re

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from interlab.core import pdf

from .models import MemberCard


def short_code(card: MemberCard) -> str:
    return "-".join(card.token[i : i + 5] for i in range(0, len(card.token), 5))


def token_from(value: str) -> str:
    """The card code from what the desk typed or scanned: the code itself, grouped or not, or the QR link."""
    value = (value or "").strip()
    match = re.search(r"[?&]card=([A-Za-z0-9-]+)", value)
    if match:
        value = match.group(1)
    return re.sub(r"[\s-]", "", value).upper()


def checkin_url(request, card: MemberCard) -> str:
    path = f"{reverse('tierslieu:reception')}?card={card.token}"
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def qr_svg(request, card: MemberCard) -> str:
    return segno.make(checkin_url(request, card), error="m").svg_inline(scale=4, dark="#111", light="#fff")


def card_pdf(request, card: MemberCard) -> bytes:
    """The card in the active language (the reader's), as a tagged PDF."""
    qr = segno.make(checkin_url(request, card), error="m").svg_data_uri(scale=4)
    html = render_to_string(
        "tierslieu/member_card_pdf.html",
        {"card": card, "name": card.user.get_full_name() or card.user.username, "qr": qr, "code": short_code(card)},
    )
    return pdf.html_to_pdf(html)
