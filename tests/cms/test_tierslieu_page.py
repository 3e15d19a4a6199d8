"""The tiers-lieu page shows today's free slots only when the tiers-lieu app offers them."""

import types
from datetime import datetime

import pytest
from django.utils import timezone

import cms.selectors
from cms.models import TiersLieuPage
from tests.cms import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return factories.add_page(factories.home(), TiersLieuPage, title="Le tiers-lieu", address="Rue Puits-en-Sock 62")


def test_without_the_tiers_lieu_function_the_page_has_no_spaces_section(client, page, monkeypatch):
    monkeypatch.setattr(cms.selectors, "tierslieu_selectors", types.ModuleType("interlab.tierslieu.selectors"))
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'data-section="spaces-today"' not in response.content.decode()


def test_with_the_tiers_lieu_function_the_page_lists_spaces_and_free_slots(client, page, monkeypatch):
    module = types.ModuleType("interlab.tierslieu.selectors")
    start = timezone.make_aware(datetime(2026, 11, 24, 14, 0))
    module.public_spaces_today = lambda day=None: [
        {"space": "Salle Meuse", "free": [(start, start.replace(hour=16))]},
        {"space": "Atelier", "free": []},
    ]
    monkeypatch.setattr(cms.selectors, "tierslieu_selectors", module)
    html = client.get(page.url).content.decode()
    assert 'data-section="spaces-today"' in html
    assert "Salle Meuse" in html and "14:00" in html and "16:00" in html


def test_a_broken_tiers_lieu_function_never_breaks_the_public_page(client, page, monkeypatch):
    module = types.ModuleType("interlab.tierslieu.selectors")

    def broken(day=None):
        raise RuntimeError("database away")

    module.public_spaces_today = broken
    monkeypatch.setattr(cms.selectors, "tierslieu_selectors", module)
    response = client.get(page.url)
    assert response.status_code == 200 and 'data-section="spaces-today"' not in response.content.decode()


def test_the_page_renders_with_what_the_tiers_lieu_app_offers_today(client, page):
    assert client.get(page.url).status_code == 200
