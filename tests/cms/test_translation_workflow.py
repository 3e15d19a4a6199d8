"""Editors translate in the Wagtail admin: an alias becomes a page of its own, or a page is sent to a language."""

import pytest
from django.urls import reverse

from cms.models import GuidePage
from interlab.core.models import Role
from tests.cms import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="editor", role=Role.ADMIN))
    return client


def test_an_editor_turns_an_alias_into_an_arabic_translation_and_publishes_it(editor, client):
    guide = factories.guide()
    alias = guide.copy_for_translation(factories.locale("ar"), copy_parents=True, alias=True)

    response = editor.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    assert response.status_code == 302
    page = GuidePage.objects.get(pk=alias.pk)
    assert page.alias_of_id is None and page.translation_key == guide.translation_key
    page.title = "طلب البطاقة المهنية"
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    assert "طلب البطاقة المهنية" in html and 'class="public-page" lang="ar" dir="rtl"' in html


def test_an_editor_sends_the_whole_site_to_translation_with_the_translate_action(editor):
    guide = factories.guide()
    home = factories.home()
    locale_es = factories.locale("es")
    url = reverse("simple_translation:submit_page_translation", args=[home.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"locales": [locale_es.pk], "include_subtree": "on"})
    assert response.status_code == 302
    copy = GuidePage.objects.get(translation_key=guide.translation_key, locale=locale_es)
    assert copy.alias_of_id is None and copy.title == guide.title  # ready for the translator to edit
