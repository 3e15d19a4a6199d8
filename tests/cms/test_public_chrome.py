"""What surrounds every public page: the menu, the footer with the contact details, one language switcher,
the tab title, the site icon, and no htmx where nothing uses it."""

import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Site

from cms.models import ContactSettings, PrivacyPage
from tests.cms import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTMX = "vendor/htmx/htmx-"


@pytest.fixture
def contact():
    site = Site.objects.get(is_default_site=True)
    privacy = factories.add_page(factories.home(), PrivacyPage, title="Vie privée", slug="vie-privee")
    return ContactSettings.objects.create(
        site=site,
        address="Rue de la Test 1\n4000 Liège",
        phone="+32 4 123 45 67",
        email="contact@test.example",
        privacy_page=privacy,
    )


def test_the_public_menu_lists_the_sites_main_places(client):
    factories.guide()
    factories.intake_page()
    factories.directory()
    factories.event()
    html = client.get("/fr/").content.decode()
    nav = html.split('id="site-menu"', 1)[1].split("</nav>", 1)[0]
    keys = re.findall(r'data-menu="([a-z]+)"', nav)
    assert keys == ["home", "guides", "events", "partners", "apply"]
    assert 'data-testid="nav-mentor"' in nav and 'data-testid="nav-login"' in nav
    assert "data-menu-button" in html


def test_the_footer_shows_the_contact_details_kept_in_the_site_setting(client, contact):
    html = client.get("/fr/").content.decode()
    footer = html.split('data-testid="site-footer"', 1)[1].split("</footer>", 1)[0]
    assert "Rue de la Test 1<br>4000 Liège" in footer
    assert 'href="tel:+3241234567"' in footer and "+32 4 123 45 67" in footer
    assert 'href="mailto:contact@test.example"' in footer
    assert f'href="{contact.privacy_page.url}" data-testid="privacy-link"' in footer


def test_the_footer_links_the_privacy_page_in_the_visitors_language(client, contact):
    home_en = factories.translate(factories.home(), "en", title="InterLab")
    english = factories.translate(contact.privacy_page, "en", title="Privacy")
    assert home_en.url == "/en/"
    html = client.get("/en/").content.decode()
    assert f'href="{english.url}" data-testid="privacy-link"' in html


def test_a_page_with_translations_has_one_language_switcher(client):
    guide = factories.guide()
    factories.translate(guide, "en", title="Applying for the professional card")
    html = client.get(guide.url).content.decode()
    assert html.count('class="page-languages"') == 1
    assert 'id="lang-select"' not in html


def test_a_page_without_translations_keeps_the_generic_language_switcher(client):
    html = client.get(factories.guide().url).content.decode()
    assert 'class="page-languages"' not in html
    assert html.count('id="lang-select"') == 1


def test_the_home_page_names_the_site_once_in_the_tab_title(client):
    html = client.get("/fr/").content.decode()
    assert re.search(r"<title>([^<]*)</title>", html).group(1) == "InterLab"


def test_an_inner_page_has_its_title_then_the_site_name(client):
    html = client.get(factories.guide().url).content.decode()
    assert "<title>Demander la carte professionnelle · InterLab</title>" in html


def test_every_page_links_the_site_icon_and_favicon_ico_answers(client):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/fr/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")


def test_public_pages_do_not_load_htmx(client):
    factories.intake_page()
    for url in ("/fr/", factories.guide().url, "/fr/candidater/", "/login/"):
        html = client.get(url).content.decode()
        assert HTMX not in html and "htmx-config" not in html, url


def test_the_application_still_loads_htmx_for_signed_in_people(client):
    client.force_login(UserFactory(role="coach"))
    assert HTMX in client.get("/app/board/").content.decode()
