"""An Arabic member card prints a Latin name and the card's code in their own order: the PDF template wraps them
in Unicode isolates (FSI … PDI), which WeasyPrint's text layout follows and draws as nothing."""

import logging

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from interlab.core.models import Role
from interlab.tierslieu.models import MemberCard
from tests.factories import UserFactory
from tests.pdfcheck import lang, lines_as_seen, text

FSI, PDI = "\u2068", "\u2069"
# A code whose first group is all digits: in an Arabic line, without isolates, that group moves to the end.
DIGITS_FIRST = "23456ABCDEFGHIJKLMNO"


@pytest.fixture
def jean_luc(db):
    user = UserFactory(username="jean-luc", role=Role.ENTREPRENEUR, first_name="Jean-Luc", last_name="(Liège)")
    MemberCard.objects.create(user=user, token=DIGITS_FIRST)
    return user


def print_card(client, user) -> bytes:
    client.force_login(user)
    response = client.get(reverse("tierslieu:member_card_pdf"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def arabic_card(client, jean_luc) -> bytes:
    return print_card(client, jean_luc)


def test_the_card_template_puts_the_name_and_the_code_between_isolates():
    with translation.override("ar"):
        html = render_to_string(
            "tierslieu/member_card_pdf.html",
            {"name": "Jean-Luc (Liège)", "code": "23456-ABCDE-FGHIJ-KLMNO", "qr": ""},
        )
    assert f"{FSI}Jean-Luc (Liège){PDI}" in html
    assert f"{FSI}23456-ABCDE-FGHIJ-KLMNO{PDI}" in html


def test_an_arabic_card_is_printed_in_arabic(arabic_card):
    assert lang(arabic_card) == "ar"


def test_an_arabic_card_prints_the_latin_name_as_written(arabic_card):
    assert "Jean-Luc (Liège)" in lines_as_seen(arabic_card)


def test_an_arabic_card_prints_a_code_starting_with_digits_in_its_order(arabic_card):
    assert "23456-ABCDE-FGHIJ-KLMNO" in lines_as_seen(arabic_card)


def test_the_isolates_are_drawn_as_nothing(client, jean_luc, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        card = print_card(client, jean_luc)
    assert FSI not in text(card) and PDI not in text(card)
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()], "no missing-glyph box"
