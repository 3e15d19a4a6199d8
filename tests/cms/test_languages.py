"""The public site speaks six languages under /fr/ /en/ …; the application's own pages keep their addresses."""

import pytest

from cms.models import HomePage
from tests.cms import factories

pytestmark = pytest.mark.django_db


def test_the_root_sends_a_visitor_to_french_by_default(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("accept", "prefix"), [("en-GB,en;q=0.9", "/en/"), ("ar", "/ar/"), ("uk-UA,uk", "/uk/"), ("de", "/fr/")]
)
def test_the_root_follows_the_browsers_language(client, accept, prefix):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=accept)["Location"] == prefix


def test_the_french_home_is_a_wagtail_home_page(client):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], HomePage)
    assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_the_arabic_home_is_laid_out_right_to_left(client):
    home = factories.home()
    factories.translate(home, "ar", title="InterLab", intro="حاضنة مشاريع شاملة في لييج.")
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="ar" dir="rtl"' in html.split("<main", 1)[1]
    assert "حاضنة مشاريع شاملة في لييج." in html


def test_an_untranslated_page_says_so_and_marks_its_text_as_french(client):
    guide = factories.guide()
    # What the admin does when an editor publishes a page (WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE).
    alias = guide.copy_for_translation(factories.locale("uk"), copy_parents=True, alias=True)
    html = client.get(alias.url).content.decode()
    assert alias.url.startswith("/uk/")
    assert '<html lang="uk"' in html
    assert 'class="public-page" lang="fr" dir="ltr"' in html
    assert 'role="note"' in html


def test_each_page_links_to_its_translations(client):
    guide = factories.guide()
    english = factories.translate(guide, "en", title="Applying for the professional card")
    html = client.get(guide.url).content.decode()
    assert f'href="{english.url}" lang="en" hreflang="en" data-language="en"' in html
    assert f'<link rel="alternate" hreflang="en" href="{english.url}">' in html


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(client):
    guide = factories.guide()
    english = factories.translate(guide, "en", title="Applying for the professional card")
    response = client.post("/i18n/setlang/", {"language": "en", "next": guide.url})
    assert response.status_code == 302 and response["Location"] == english.url
    assert "Applying for the professional card" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "path", ["/login/", "/app/board/", "/api/v1/openapi.json", "/cms-admin/login/", "/django-admin/login/", "/jsi18n/"]
)
def test_the_application_pages_keep_their_addresses_without_a_language_prefix(client, path):
    assert client.get(path).status_code in (200, 302)


def test_application_pages_are_not_duplicated_under_a_language_prefix(client):
    assert client.get("/en/login/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/entrepreneurs/999999/", "/app/entrepreneurs/999999/", "/ical/nope/"])
def test_a_missing_application_object_stays_a_404_instead_of_a_redirect_to_the_public_site(api, path):
    assert api.get(path).status_code == 404


def test_an_unknown_public_address_is_looked_up_in_the_visitors_language(client):
    response = client.get("/guides/")
    assert response.status_code == 302 and response["Location"] == "/fr/guides/"
    assert client.get("/fr/nothing-here/").status_code == 404
