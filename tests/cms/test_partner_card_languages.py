"""The partner cards of the guides and the directory speak the reader's language; the consent to share one's name
with partners is the one in the visitor's language."""

import pytest

from tests.cms import factories
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_an_english_reader_gets_the_description_and_the_languages_in_english(client):
    PartnerFactory(
        name="Micro Liège",
        description="Microcrédit pour indépendants",
        description_translations={"en": "Microcredit for the self-employed"},
        languages=["fr", "uk"],
    )
    factories.translate(factories.directory(), "en", title="Partners")
    html = client.get("/en/partenaires/").content.decode()
    assert "<p>Microcredit for the self-employed</p>" in html
    assert "Microcrédit pour indépendants" not in html
    assert "<dd>French, Ukrainian</dd>" in html


def test_the_application_form_asks_for_the_partner_consent_in_the_visitors_language(client):
    factories.translate(factories.intake_page(), "es", title="Solicitar")
    html = client.get("/es/candidater/").content.decode()
    assert "Acepto que InterLab transmita mi nombre" in html
    assert "organisations partenaires" not in html


def test_the_demo_sites_own_partners_say_what_they_do_in_every_language():
    from cms.content import EXTRA_PARTNERS

    for partner in EXTRA_PARTNERS:
        words = partner["description_translations"]
        assert sorted(words) == ["ar", "en", "es", "nl", "uk"], partner["name"]
        assert all(text.strip() and text != partner["description"] for text in words.values()), partner["name"]
