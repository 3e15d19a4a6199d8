"""A translation knows when its French page changed: visitors are told, editors see it in the admin."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Page

from cms import selectors
from cms.demo import seed_site
from cms.models import TranslationSync
from interlab.core.models import Role
from tests.cms import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUTDATED = 'data-notice="translation-outdated"'
DUTCH_TITLE = "De beroepskaart aanvragen"


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="editor", role=Role.ADMIN))
    return client


@pytest.fixture
def guide_in_dutch():
    guide = factories.guide()
    dutch = factories.translate(guide, "nl", title=DUTCH_TITLE)
    return guide, dutch


def publish_french_again(guide, on: datetime | None = None):
    guide.summary = "Une carte professionnelle est souvent nécessaire pour travailler comme indépendant·e."
    guide.save_revision().publish()
    if on is not None:
        Page.objects.filter(pk=guide.pk).update(last_published_at=on)


def dutch_notice(date: str) -> str:
    with translation.override("nl"):
        return gettext(
            "The French version of this page changed on %(date)s; this translation may not say everything yet."
        ) % {"date": date}


def test_a_translation_published_after_its_french_page_is_up_to_date(client, guide_in_dutch):
    _guide, dutch = guide_in_dutch
    assert not selectors.translations_to_update().exists()
    assert OUTDATED not in client.get(dutch.url).content.decode()


def test_publishing_the_french_page_again_tells_dutch_visitors_in_dutch(client, guide_in_dutch):
    guide, dutch = guide_in_dutch
    publish_french_again(guide, on=timezone.make_aware(datetime(2026, 3, 15, 10, 0)))

    html = client.get(dutch.url).content.decode()
    assert OUTDATED in html
    assert dutch_notice("15 maart 2026") in html  # the date as Dutch writes it, the sentence from the Dutch catalogue
    assert f'<a href="{guide.url}" hreflang="fr">' in html


def test_publishing_the_french_page_again_lists_the_dutch_translation_in_the_admin_report(editor, guide_in_dutch):
    guide, dutch = guide_in_dutch
    publish_french_again(guide)

    assert list(selectors.translations_to_update().values_list("pk", flat=True)) == [dutch.pk]
    html = editor.get(reverse("cms_translations_to_update")).content.decode()
    assert DUTCH_TITLE in html
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) in html


def test_the_edit_view_of_an_outdated_translation_warns_the_editor(editor, guide_in_dutch):
    guide, dutch = guide_in_dutch
    publish_french_again(guide)

    html = editor.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])).content.decode()
    with translation.override("fr"):  # the admin speaks the site's default language to this editor
        warning = gettext(
            "The French version of this page changed on %(date)s, after this translation was published. Bring the "
            "translation up to date, then publish it."
        )
    assert escape(warning.split("%(date)s", 1)[1]) in html
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) in html


def test_publishing_the_dutch_translation_again_clears_the_flag(editor, client, guide_in_dutch):
    guide, dutch = guide_in_dutch
    publish_french_again(guide)
    dutch.save_revision().publish()

    assert not selectors.translations_to_update().exists()
    assert OUTDATED not in client.get(dutch.url).content.decode()
    assert DUTCH_TITLE not in editor.get(reverse("cms_translations_to_update")).content.decode()


def test_a_dutch_draft_saved_after_the_french_change_does_not_clear_the_flag(guide_in_dutch):
    guide, dutch = guide_in_dutch
    publish_french_again(guide)
    dutch.save_revision()

    assert list(selectors.translations_to_update().values_list("pk", flat=True)) == [dutch.pk]


def test_a_translation_from_before_the_records_is_judged_by_the_dates(guide_in_dutch):
    guide, dutch = guide_in_dutch
    TranslationSync.objects.all().delete()
    assert not selectors.translations_to_update().exists()

    publish_french_again(guide)
    assert list(selectors.translations_to_update().values_list("pk", flat=True)) == [dutch.pk]


def test_an_alias_keeps_the_not_translated_notice_in_the_visitors_language(client):
    guide = factories.guide()
    alias = guide.copy_for_translation(factories.locale("nl"), copy_parents=True, alias=True)
    publish_french_again(guide)

    html = client.get(alias.url).content.decode()
    assert "Deze pagina is nog niet vertaald" in html
    assert OUTDATED not in html
    assert not selectors.translations_to_update().exists()


def test_the_demo_seed_leaves_no_translation_to_update():
    seed_site()

    assert TranslationSync.objects.filter(page__locale__language_code="nl").exists()
    assert not selectors.translations_to_update().exists()
