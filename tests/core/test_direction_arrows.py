"""Arrows that say "back" or "next" mirror when the page reads right to left: each is a marked glyph the
stylesheet turns around under dir="rtl", never a bare character in the text."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import room_open_all_day

pytestmark = pytest.mark.django_db
ARROWS = re.compile(r"[←→]")


def bare_arrows(html: str) -> list[str]:
    body = html[html.index("<main") : html.index("</main>")]
    marked = re.sub(r'<span class="dir-arrow" aria-hidden="true">[←→]</span>', "", body)
    return ARROWS.findall(marked)


def test_the_day_grid_and_the_week_mark_their_arrows_in_arabic(client, coach):
    space = room_open_all_day()
    client.force_login(coach)
    for url in ("/app/spaces/grid/", f"/app/spaces/{space.pk}/week/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
        assert 'dir="rtl"' in html
        assert html.count('class="dir-arrow"') == 2, url
        assert bare_arrows(html) == [], url


def test_the_stylesheet_turns_the_marked_arrows_around_right_to_left():
    css = (Path(settings.BASE_DIR) / "interlab" / "static" / "css" / "interlab.css").read_text()
    assert re.search(r'\[dir="rtl"\] \.dir-arrow \{[^}]*transform: scaleX\(-1\)', css)
