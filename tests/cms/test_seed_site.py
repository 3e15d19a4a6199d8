"""The demo site: real content in several languages, safe to build twice."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.demo import seed_site
from cms.models import EventPage, GuidePage, HomePage, IntakeFormPage

pytestmark = pytest.mark.django_db


def translated(model, code):
    return model.objects.live().filter(locale__language_code=code, alias_of__isnull=True)


def test_seed_site_builds_the_site_once(client):
    first = seed_site()
    pages = Page.objects.count()
    second = seed_site()
    assert first["site_pages"] > 20 and first["site_aliases"] == 0
    assert second == {"site_pages": 0, "site_aliases": 0}
    assert Page.objects.count() == pages
    assert translated(GuidePage, "fr").count() >= 3
    assert translated(GuidePage, "en").count() >= 3
    assert translated(GuidePage, "ar").count() >= 3
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


def test_every_demo_page_is_a_real_translation_in_all_six_languages():
    seed_site()
    pages = Page.objects.filter(depth__gt=1)
    assert not pages.filter(alias_of__isnull=False).exists()
    french_keys = set(pages.filter(locale__language_code="fr").values_list("translation_key", flat=True))
    for code in ("en", "nl", "ar", "uk", "es"):
        keys = set(pages.live().filter(locale__language_code=code).values_list("translation_key", flat=True))
        assert keys == french_keys, code
    guide = GuidePage.objects.get(slug="microcredit", locale__language_code="uk")
    assert guide.title == "Як отримати мікрокредит"


def test_seeding_again_turns_the_aliases_of_an_older_demo_into_translations():
    seed_site()
    guide = GuidePage.objects.get(slug="carte-professionnelle", locale__language_code="fr")
    GuidePage.objects.get(translation_key=guide.translation_key, locale__language_code="nl").delete()
    alias = guide.copy_for_translation(Locale.objects.get(language_code="nl"), copy_parents=True, alias=True)

    result = seed_site()

    dutch = GuidePage.objects.get(pk=alias.pk)
    assert result == {"site_pages": 1, "site_aliases": 0}
    assert dutch.alias_of_id is None and dutch.live
    assert dutch.title == "De beroepskaart aanvragen"
