"""The member card PDF is tagged and in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.pdfcheck import lang, pdfinfo, shows_its_title


@pytest.fixture
def ukrainian_card(client, member) -> bytes:
    client.force_login(member)
    response = client.get(reverse("tierslieu:member_card_pdf"), HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_the_card_pdf_is_tagged(ukrainian_card):
    assert pdfinfo(ukrainian_card)["Tagged"] == "yes"


def test_the_card_pdf_is_in_the_reader_language(ukrainian_card):
    assert lang(ukrainian_card) == "uk"


def test_the_viewer_shows_the_card_title_in_the_reader_language(ukrainian_card):
    with translation.override("uk"):
        title = gettext("Member card")
    assert title != "Member card", "the Ukrainian catalogue translates the title"
    assert pdfinfo(ukrainian_card)["Title"] == title
    assert shows_its_title(ukrainian_card)
