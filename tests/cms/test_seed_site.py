"""The demo site: real content in several languages, safe to build twice."""

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.demo import seed_site
from cms.models import EventPage, GuidePage, HomePage, IntakeFormPage

pytestmark = pytest.mark.django_db


def translated(model, code):
    return model.objects.live().filter(locale__language_code=code, alias_of__isnull=True)


def test_seed_site_builds_the_site_once(client):
    first = seed_site()
    pages = Page.objects.count()
    second = seed_site()
    assert first["site_pages"] > 20 and second == {"site_pages": 0, "site_aliases": 0}
    assert Page.objects.count() == pages
    assert translated(GuidePage, "fr").count() >= 3
    assert translated(GuidePage, "en").count() >= 3
    assert translated(GuidePage, "ar").count() >= 1
    assert EventPage.objects.filter(locale__language_code="fr", starts_at__gt=timezone.now()).count() >= 2
    assert translated(HomePage, "ar").exists() and translated(IntakeFormPage, "uk").exists()


def test_the_demo_site_answers_in_every_language_without_placeholder_text(client):
    seed_site()
    for code in ("fr", "en", "nl", "ar", "uk", "es"):
        for page in Page.objects.live().filter(locale__language_code=code, depth__gt=1).specific():
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert "lorem" not in response.content.decode().lower(), page.url


def test_french_demo_text_uses_french_typography():
    seed_site()
    guide = GuidePage.objects.get(slug="carte-professionnelle", locale__language_code="fr")
    assert "indépendant·e en Wallonie\u00a0?" in guide.summary
    assert "’" not in guide.summary
