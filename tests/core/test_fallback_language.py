"""A string missing from a catalogue falls back to English (the source) for nl, ar, uk and es, not to French."""

import pytest
from django.utils.translation import trans_real

MSGID = "Skip to content"  # in every catalogue; the French one says "Aller au contenu"


def without(translation, msgid):
    for catalog in translation._catalog._catalogs:
        catalog.pop(msgid, None)
    return translation


@pytest.mark.parametrize("language", ["nl", "ar", "uk", "es"])
def test_a_missing_string_is_shown_in_english(language):
    translation = without(trans_real.DjangoTranslation(language), MSGID)
    assert translation.gettext(MSGID) == "Skip to content"
    assert trans_real.translation(language)._fallback is None


def test_french_keeps_its_own_words_and_english_its_source():
    assert trans_real.DjangoTranslation("fr").gettext(MSGID) == "Aller au contenu"
    assert trans_real.DjangoTranslation("en").gettext(MSGID) == "Skip to content"


def test_without_the_rule_django_would_have_answered_in_french(monkeypatch):
    """The check above can fail: with Django's own fallback, the same missing string comes out in French."""
    from interlab.core import i18n

    monkeypatch.setattr(trans_real.DjangoTranslation, "_add_fallback", i18n._django_add_fallback)
    translation = without(trans_real.DjangoTranslation("nl"), MSGID)
    assert translation.gettext(MSGID) == "Aller au contenu"
