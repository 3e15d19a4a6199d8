"""Every page of every role says what it is in the browser's tab: its own title, then "InterLab", once.

A form sent back with mistakes starts its title with "Error:" (people using a screen reader hear the title
first, and a tab list shows it)."""

import re

import pytest
from django.test import Client

from tests.e2e.test_phone_layout import LOGINS, pages_of
from tests.roles import build_world

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    found = TITLE.search(response.content.decode())
    return " ".join(found.group(1).split()) if found else "(no title)"


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(LOGINS))
def test_every_page_has_its_own_title(tmp_path, monkeypatch, role):
    world = build_world(tmp_path, monkeypatch)
    client = Client()
    client.force_login(world.users[LOGINS[role]])
    bad = {}
    for url in pages_of(world, role):
        response = client.get(url)
        if b"<html" not in response.content:  # a part of a page, fetched into it
            continue
        title = title_of(response)
        if not own_title(title):
            bad[url] = title
    assert bad == {}


def own_title(title: str) -> bool:
    return title.endswith(" · InterLab") and title.removesuffix(" · InterLab").strip() not in ("", "InterLab")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/login/", "/account/password-reset/", "/account/code/", "/app/nowhere/", "/app/mentoring/become-a-mentor/"]
)
def test_the_pages_before_logging_in_and_the_error_pages_have_their_own_title(client, url):
    response = client.get(url)
    assert own_title(title_of(response)), title_of(response)
