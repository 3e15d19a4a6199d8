"""The partner directory reads the CRM's partners, searchable and filtered by need and language."""

import pytest

from cms.selectors import partner_directory
from tests.cms import factories
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    return {
        "micro": PartnerFactory(
            name="Micro Liège",
            category="financing",
            needs=["financing"],
            languages=["fr", "en"],
            description="Microcrédit",
        ),
        "bapa": PartnerFactory(
            name="Accueil Primo",
            category="integration",
            needs=["language", "admin"],
            languages=["fr", "ar", "uk"],
            description="Cours de français à Liège",
        ),
        "guichet": PartnerFactory(
            name="Guichet test", category="admin", needs=["admin"], languages=["fr"], address="Rue de Liège 1"
        ),
    }


def names(result):
    return {p.name for p in result}


def test_it_filters_by_need(partners):
    assert names(partner_directory(need="admin")) >= {"Accueil Primo", "Guichet test"}
    assert "Micro Liège" not in names(partner_directory(need="admin"))


def test_it_filters_by_language_and_need_together(partners):
    found = names(partner_directory(need="admin", language="uk"))
    assert "Accueil Primo" in found and not found & {"Guichet test", "Micro Liège"}


def test_it_searches_without_caring_for_accents_or_case(partners):
    assert "Micro Liège" in names(partner_directory(q="MICROCREDIT"))
    assert "Accueil Primo" in names(partner_directory(q="francais liege"))


def test_the_page_lists_the_filtered_partners_with_their_languages(client, partners):
    page = factories.directory()
    response = client.get(page.url, {"need": "language", "language": "ar"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-partner="{partners["bapa"].pk}"' in html
    assert f'data-partner="{partners["micro"].pk}"' not in html
    # The languages a partner speaks are named in the reader's language (here French), not in their own.
    assert "<dd>français, arabe, ukrainien</dd>" in html


@pytest.mark.parametrize("query", [{"need": "nonsense"}, {"language": "<x>"}, {"q": "<script>"}, {"q": "x" * 500}])
def test_odd_filters_never_break_the_page(client, partners, query):
    page = factories.directory()
    response = client.get(page.url, query)
    assert response.status_code == 200
