"""Partners say what they do in the reader's language, and the consent to share one's name with them is published
in the six languages of the interface from a fresh install on."""

import importlib

import pytest
from django.apps import apps as django_apps

from interlab.core.models import ConsentText
from interlab.crm.defaults import PARTNERS
from interlab.crm.models import Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

fill = importlib.import_module("interlab.crm.migrations.0015_partner_words_in_six_languages").fill


def test_the_default_partners_say_what_they_do_in_the_five_other_languages():
    for default in PARTNERS:
        partner = Partner.objects.get(name=default["name"])
        assert sorted(partner.description_translations) == ["ar", "en", "es", "nl", "uk"], partner.name


def test_the_description_is_in_the_readers_language_and_french_without_a_translation():
    partner = PartnerFactory(description="Microcrédit", description_translations={"en": "Microcredit"})
    assert partner.display_description("en") == "Microcredit"
    assert partner.display_description("nl") == "Microcrédit"
    assert partner.display_description("fr") == "Microcrédit"


def test_the_migration_leaves_a_description_an_admin_rewrote():
    partner = Partner.objects.get(name="Crédal")
    partner.description = "Finance solidaire à Liège."
    partner.description_translations = {}
    partner.save()
    fill(django_apps, None)
    partner.refresh_from_db()
    assert partner.description_translations == {}


def test_a_fresh_install_asks_for_the_partner_consent_in_six_languages():
    texts = ConsentText.objects.filter(key="partners", version=1)
    assert sorted(texts.values_list("language", flat=True)) == ["ar", "en", "es", "fr", "nl", "uk"]
    assert all(text.purposes == ["partners"] for text in texts)


def test_no_wording_is_added_beside_an_admins_own():
    ConsentText.objects.filter(key="partners").delete()
    ConsentText.objects.create(key="partners", version=1, language="fr", body="Notre texte.", purposes=["partners"])
    fill(django_apps, None)
    assert list(ConsentText.objects.filter(key="partners").values_list("body", flat=True)) == ["Notre texte."]
