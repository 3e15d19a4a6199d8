"""The checklist's words are data in French with translations: the entrepreneur and the coach read them in their
language, the printed dossier keeps the French, and the defaults come with all six languages."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from interlab.dossiers.defaults import RULES
from interlab.dossiers.models import ChecklistRule, Exemption, RegulatedActivity

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["en", "nl", "ar", "uk", "es"]
fill = importlib.import_module("interlab.dossiers.migrations.0007_checklist_words_in_six_languages").fill


def test_every_default_label_and_explanation_has_its_words_in_the_five_other_languages():
    for rule in ChecklistRule.objects.all():
        assert sorted(rule.label_translations) == sorted(OTHER_LANGUAGES), rule.key
        if rule.help_text:
            assert sorted(rule.help_translations) == sorted(OTHER_LANGUAGES), rule.key
    for row in [*Exemption.objects.all(), *RegulatedActivity.objects.all()]:
        assert sorted(row.label_translations) == sorted(OTHER_LANGUAGES), row.label


def test_the_explanation_is_given_in_the_readers_language_and_in_french_without_a_translation():
    rule = ChecklistRule.objects.get(key="fee")
    assert rule.display_help("es") == "Bruselas y Flandes: 140 EUR al presentar la solicitud; no está claro en Valonia."
    assert rule.display_help("fr") == rule.help_text
    rule.help_translations = {}
    assert rule.display_help("nl") == rule.help_text
    with translation.override("uk"):
        assert ChecklistRule.objects.get(key="fee").display_help().startswith("Брюссель і Фландрія")


def test_the_migration_leaves_what_an_admin_wrote():
    edited = ChecklistRule.objects.get(key="fee")
    edited.label = "Preuve du paiement (140 EUR)"
    edited.label_translations = {"en": "Proof of payment (140 EUR)"}
    edited.help_translations = {"nl": "Onze eigen uitleg."}
    edited.save()
    fill(django_apps, None)
    edited.refresh_from_db()
    assert edited.label_translations == {"en": "Proof of payment (140 EUR)"}
    assert edited.help_translations["nl"] == "Onze eigen uitleg."
    assert edited.help_translations["ar"]  # the French explanation is still the default: its words are filled in


def test_the_migration_fills_in_rows_seeded_before_it():
    key, *_rest = RULES[0]
    ChecklistRule.objects.filter(key=key).update(label_translations={"en": "Application form, dated and signed"})
    fill(django_apps, None)
    assert ChecklistRule.objects.get(key=key).label_translations["nl"] == "Aanvraagformulier, gedateerd en ondertekend"


def test_the_entrepreneur_reads_the_checklist_in_their_language_and_their_own_words_as_written(
    client, dossier, entrepreneur_user
):
    dossier.project_summary = "Un traiteur de cuisine guinéenne."
    dossier.save()
    entrepreneur_user.preferred_language = "ar"
    entrepreneur_user.save()
    client.force_login(entrepreneur_user)
    html = client.get(dossier.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "بروكسل والفلاندر: 140 يورو عند تقديم الطلب" in html
    assert "Bruxelles et Flandre : 140 EUR" not in html
    assert "استمارة الطلب مؤرَّخة وموقَّعة" in html
    assert '<p class="text clamp" dir="auto" data-user-text>Un traiteur de cuisine guinéenne.</p>' in html
