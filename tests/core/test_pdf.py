"""The tagged-PDF helper: PDF/UA-1 with the HTML's language and title, and no PDF without them."""

import pytest

from interlab.core import pdf
from tests.pdfcheck import lang, pdfinfo, shows_its_title


def test_it_writes_a_tagged_pdf_in_the_html_language_with_its_title():
    data = pdf.html_to_pdf('<html lang="nl"><title>Ledenkaart</title><p>Welkom</p></html>')
    info = pdfinfo(data)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Ledenkaart"
    assert lang(data) == "nl"
    assert shows_its_title(data)


def test_it_refuses_html_without_a_language():
    with pytest.raises(pdf.UntaggablePdf, match="lang"):
        pdf.html_to_pdf("<html><title>Titre</title><p>Bonjour</p></html>")


def test_it_refuses_html_without_a_title():
    with pytest.raises(pdf.UntaggablePdf, match="title"):
        pdf.html_to_pdf('<html lang="fr"><title> </title><p>Bonjour</p></html>')
