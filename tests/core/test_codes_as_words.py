"""People read words, never codes: languages, needs and levels appear as words in the reader's language in pages,
exports and the dossier's PDF, and a mentor types languages by their names."""

import pytest
from django.utils import translation

from interlab.core.languages import language_code_for, language_name
from interlab.crm.models import SpokenLanguage
from interlab.mentoring.forms import MentorDetailsForm
from tests.factories import EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db

WORDS = {
    "fr": ("ukrainien", "tigrigna"),
    "en": ("Ukrainian", "Tigrinya"),
    "nl": ("Oekraïens", "Tigrinya"),
    "ar": ("الأوكرانية", "التغرينية"),
    "uk": ("українська", "тигринья"),
    "es": ("ucraniano", "tigriña"),
}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_a_language_is_named_in_the_reader_s_language(language):
    with translation.override(language):
        assert (language_name("uk"), language_name("ti")) == WORDS[language]
    assert language_name("xx", language) == "xx"  # no language has that code: it stays as it was typed


def test_a_language_typed_by_its_name_in_the_reader_s_language_english_or_french_finds_its_code():
    with translation.override("nl"):
        assert [language_code_for(w) for w in ("Wolof", "amharic", "tigrigna", "Oekraïens", "wo", "elvish")] == [
            "wo",
            "am",
            "ti",
            "uk",
            "wo",
            None,
        ]


def person_speaking(*codes_levels):
    person = EntrepreneurFactory(needs=["financing", "coworking"])
    for code, level in codes_levels:
        SpokenLanguage.objects.create(entrepreneur=person, code=code, level=level)
    return person


def test_the_file_and_the_export_say_languages_and_needs_in_words(client, coach):
    person = person_speaking(("uk", "native"), ("ti", ""))
    make_project(entrepreneur=person, coach=coach)
    client.force_login(coach)
    page = client.get(f"/app/entrepreneurs/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ukrainian (native), Tigrinya" in page
    csv_body = client.get("/app/export.csv", HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")
    row = next(line for line in csv_body.splitlines() if line.startswith(f"{person.pk};"))
    assert ";Ukrainian, Tigrinya;financing, coworking space;" in row


def test_the_dossier_pdf_names_the_languages_in_french():
    from interlab.dossiers import pdf
    from interlab.dossiers.models import Dossier

    person = person_speaking(("uk", "native"), ("en", "B2"))
    dossier = Dossier.objects.create(project=make_project(entrepreneur=person))
    assert pdf.snapshot(dossier)["applicant"]["languages"] == ["ukrainien (langue maternelle)", "anglais (B2)"]


def test_a_mentor_types_other_languages_by_name_with_latin_or_arabic_commas():
    with translation.override("ar"):
        form = MentorDetailsForm(data={"other_languages": "Wolof، التغرينية؛ am"})
        form.is_valid()
        assert form.cleaned_data["other_languages"] == ["wo", "ti", "am"]
    form = MentorDetailsForm(data={"other_languages": "wolof, elvish"})
    assert not form.is_valid()
    assert "elvish" in form.errors["other_languages"][0]
