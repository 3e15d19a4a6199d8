"""Regressions found in review: untranslated pages in Arabic, the consent version read, aliases that take input."""

import re

import pytest

from cms.models import EventRegistration, IntakeFormPage
from interlab.core.models import Consent, ConsentText
from tests.cms import factories
from tests.cms.test_intake import application
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def alias(page, code: str):
    """What Wagtail makes when an editor publishes a page not yet translated (WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE)."""
    return page.copy_for_translation(factories.locale(code), copy_parents=True, alias=True).specific


def opening_tag(html: str, marker: str) -> str:
    """The whole opening tag of the element carrying `marker` (an attribute)."""
    match = re.search(r"<[a-z0-9]+[^>]*" + re.escape(marker) + r"[^>]*>", html)
    assert match, marker
    return match.group(0)


def test_on_an_untranslated_arabic_page_the_form_speaks_arabic_right_to_left(client):
    page = factories.intake_page()
    arabic = alias(page, "ar")
    html = client.get(arabic.url).content.decode()
    assert 'class="public-page" lang="fr" dir="ltr"' in html  # the French text is still marked as French
    form = opening_tag(html, 'data-form="intake"')
    assert 'lang="ar"' in form and 'dir="rtl"' in form


def test_on_an_untranslated_arabic_event_the_registration_speaks_arabic_right_to_left(client):
    event = factories.event(capacity=5)
    html = client.get(alias(event, "ar").url).content.decode()
    section = opening_tag(html, 'id="registration"')
    assert 'lang="ar"' in section and 'dir="rtl"' in section


def test_a_translated_page_does_not_repeat_its_language_on_every_part(client):
    page = factories.intake_page()
    factories.translate(page, "ar", title="قدّم طلبك")
    html = client.get("/ar/candidater/").content.decode()
    assert 'class="public-page" lang="ar" dir="rtl"' in html
    assert 'lang="ar"' not in opening_tag(html, 'data-form="intake"')


def test_french_partner_descriptions_stay_left_to_right_on_the_arabic_directory(client):
    PartnerFactory(name="Micro Liège", description="Microcrédit pour indépendants", address="Rue de Liège 1")
    directory = factories.directory()
    factories.translate(directory, "ar", title="الشركاء")
    html = client.get("/ar/partenaires/").content.decode()
    assert '<p lang="fr" dir="ltr">Microcrédit pour indépendants</p>' in html
    assert '<dd lang="fr" dir="ltr">Rue de Liège 1</dd>' in html


def test_a_registration_on_an_untranslated_event_counts_for_every_language(client, coach):
    event = factories.event(capacity=1)
    arabic = alias(event, "ar")
    response = client.post(arabic.url, {"first_name": "Amina", "email": "amina@example.org", "website": ""})
    assert response.status_code == 302
    assert EventRegistration.objects.get().language == "ar"
    assert event.places_left() == 0
    client.force_login(coach)
    assert "amina@example.org" in client.get(event.url + "attendance/").content.decode()


def test_the_consent_recorded_is_the_version_the_visitor_read_even_if_a_new_one_came_out_meanwhile(client):
    factories.intake_page()
    shown = ConsentText.objects.filter(key="intake", language="fr").order_by("-version").first()
    html = client.get("/fr/candidater/").content.decode()
    assert f'name="consent_text" value="{shown.pk}"' in html
    ConsentText.objects.create(
        key="intake", version=shown.version + 1, language="fr", body="Nouvelle version.", purposes=["accompaniment"]
    )

    client.post("/fr/candidater/", application(consent_text=str(shown.pk)))

    assert Consent.objects.get(entrepreneur__email="oksana.k@example.org").text == shown


@pytest.mark.parametrize("posted", ["", "abc", "-1", "0", "9" * 40, "1\x00", "99999999"])
def test_an_odd_consent_version_falls_back_to_the_current_text(client, posted):
    factories.intake_page()
    current = ConsentText.objects.create(
        key="intake", version=99, language="fr", body="Version actuelle.", purposes=["accompaniment"]
    )
    response = client.post("/fr/candidater/", application(consent_text=posted))
    assert response.status_code == 302
    assert Consent.objects.get(entrepreneur__email="oksana.k@example.org").text == current


def test_a_consent_text_of_another_form_is_never_recorded(client):
    page = factories.intake_page()
    IntakeFormPage.objects.filter(pk=page.pk).update(consent_key="intake")
    other = ConsentText.objects.create(key="newsletter", version=1, language="fr", body="Autre.", purposes=["news"])
    client.post("/fr/candidater/", application(consent_text=str(other.pk)))
    assert Consent.objects.get(entrepreneur__email="oksana.k@example.org").text.key == "intake"


def test_attendance_of_an_erased_person_adds_nothing_to_their_closed_file(client, coach, admin_user):
    from cms import services as cms_services
    from interlab.crm import services as crm
    from interlab.crm.models import Interaction
    from tests.factories import EntrepreneurFactory

    person = EntrepreneurFactory(email="amina@example.org")
    event = factories.event(capacity=5)
    client.post(event.url, {"first_name": "Amina", "email": "amina@example.org", "website": ""})
    registration = EventRegistration.objects.get()
    cms_services.registration_link(registration=registration, by=coach, entrepreneur=person)
    crm.entrepreneur_erase(entrepreneur=person, by=admin_user)
    before = Interaction.objects.filter(entrepreneur=person).count()

    client.force_login(coach)
    response = client.post(event.url + "attendance/", {"attended": [str(registration.pk)]})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended_at is not None
    assert Interaction.objects.filter(entrepreneur=person).count() == before


def test_the_event_confirmation_is_written_in_the_visitors_language_with_brussels_time(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import timezone
    from django.utils.translation import get_language

    event = factories.event(capacity=5)
    arabic = alias(event, "ar")
    languages = []
    from interlab.core import mail as core_mail

    real = core_mail.render_to_string

    def spy(template, context):
        languages.append(get_language())
        return real(template, context)

    monkeypatch.setattr(core_mail, "render_to_string", spy)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(arabic.url, {"first_name": "Amina", "email": "amina@example.org", "website": ""})

    assert set(languages) == {"ar"} and mail.outbox[0].to == ["amina@example.org"]
    assert '<html lang="ar" dir="rtl">' in mail.outbox[0].alternatives[0][0]
    assert timezone.localtime(event.starts_at).strftime("%H:%M") in mail.outbox[0].body


@pytest.mark.parametrize(
    "query", ["q=%00", "need=%ff%fe", "language=" + "x" * 5000, "q=<script>", "page=-1", "need[]=1&need=2", "q=\u202e"]
)
def test_odd_query_strings_on_the_lists_never_break_them(client, query):
    guide = factories.guide()
    event = factories.event()
    pages = [factories.directory().url, guide.get_parent().url, event.get_parent().url, guide.url]
    for url in pages:
        status = client.get(f"{url}?{query}").status_code
        assert status == (400 if "%00" in query else 200), (url, query)
