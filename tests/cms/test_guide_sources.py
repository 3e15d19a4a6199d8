"""A guide's steps say where their facts come from and when they were checked, or that they are to be confirmed."""

import json
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.blocks import StepBlock
from cms.demo import seed_site
from cms.models import GuidePage
from tests.cms import factories

pytestmark = pytest.mark.django_db

SPW = "SPW Économie, Emploi, Recherche — Direction de l'Emploi et des Permis de travail"


def sourced_steps(**source) -> str:
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": "Attendez la décision",
                    "text": "<p>La carte est accordée pour 5 ans au plus.</p>",
                    "documents": [],
                    "partners": [],
                    "duration": "",
                    "cost": "",
                    **source,
                },
            }
        ]
    )


def source_line(html: str) -> str:
    lines = re.findall(r'<p class="[^"]*step-source[^"]*"[^>]*>(.*?)</p>', html, re.S)
    assert len(lines) == 1, lines
    return lines[0]


def step_value(**fields):
    block = StepBlock()
    return block, block.to_python(
        {"title": "Déposez la demande", "text": "<p>Au guichet.</p>", "documents": [], "partners": [], **fields}
    )


def test_a_step_with_a_source_shows_it_and_its_date_in_french(client):
    guide = factories.guide()
    guide.steps = sourced_steps(source_title=SPW, source_url="https://emploi.wallonie.be", verified_on="2026-12-15")
    guide.checked_on = date(2026, 1, 5)
    guide.save_revision().publish()
    line = source_line(client.get(guide.url).content.decode())
    with translation.override("fr"):
        assert gettext("Source:") in line
    assert '<a href="https://emploi.wallonie.be" rel="external" dir="auto">SPW Économie, Emploi, Recherche' in line
    assert "15 décembre 2026" in line


def test_a_step_with_a_source_shows_its_date_in_ukrainian(client):
    guide = factories.guide()
    ukrainian = factories.translate(
        guide,
        "uk",
        title="Як отримати професійну картку",
        steps=sourced_steps(source_title="Arrêté royal du 3 février 2003", verified_on="2026-12-15"),
        checked_on=date(2026, 1, 5),
    )
    line = source_line(client.get(ukrainian.url).content.decode())
    assert '<cite dir="auto">Arrêté royal du 3 février 2003</cite>' in line and "<a " not in line
    assert "15 грудня 2026" in line


def test_a_step_without_a_source_says_it_is_to_be_confirmed(client):
    guide = factories.guide(title="Guide sans source")
    html = client.get(guide.url).content.decode()
    with translation.override("fr"):
        badge = f'<span class="badge warn">{gettext("to be confirmed")}</span>'
    assert html.count(badge) == 2  # the factory's two steps, neither sourced


def test_a_javascript_address_is_refused_as_a_source():
    block, value = step_value(source_title="Page du SPW", source_url="javascript:alert(1)", verified_on="2026-12-15")
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert "source_url" in refused.value.block_errors


def test_an_address_without_the_name_of_its_source_is_refused():
    block, value = step_value(source_url="https://emploi.wallonie.be", verified_on="2026-12-15")
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert set(refused.value.block_errors) == {"source_title"}


def test_a_source_without_the_day_it_was_checked_is_refused():
    block, value = step_value(source_title="Arrêté royal du 3 février 2003")
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert set(refused.value.block_errors) == {"verified_on"}


def test_a_javascript_address_stored_around_the_form_never_becomes_a_link(client):
    guide = factories.guide()
    guide.steps = sourced_steps(source_title="Page piégée", source_url="javascript:alert(1)", verified_on="2026-12-15")
    guide.save_revision().publish()
    line = source_line(client.get(guide.url).content.decode())
    assert "javascript:" not in line and '<cite dir="auto">Page piégée</cite>' in line


# How each language says the fee in Wallonia is not known yet (cms.content and its translations).
FEE_UNCERTAIN = {
    "fr": "à confirmer",
    "en": "to be confirmed",
    "nl": "te bevestigen",
    "ar": "غير مؤكّدة",
    "uk": "треба підтвердити",
    "es": "por confirmar",
}


def test_the_demo_card_guide_lists_the_plus_value_and_states_the_fee_once_in_every_language():
    seed_site()
    for code, uncertain in FEE_UNCERTAIN.items():
        guide = GuidePage.objects.get(slug="carte-professionnelle", locale__language_code=code)
        assert any("plus-value" in document for document in guide.documents_to_bring()), code
        texts = [guide.summary] + [
            text
            for block in guide.steps
            for text in (
                block.value["text"].source,
                block.value["duration"],
                block.value["cost"],
                *block.value["documents"],
            )
        ]
        stating_the_fee = [text for text in texts if "140" in text]
        assert len(stating_the_fee) == 1 and uncertain in stating_the_fee[0], (code, stating_the_fee)


def test_the_demo_card_guide_sources_its_steps_verified_on_the_day_it_is_seeded():
    seed_site()
    for code in FEE_UNCERTAIN:
        guide = GuidePage.objects.get(slug="carte-professionnelle", locale__language_code=code)
        sources = [(block.value["source_title"], block.value["verified_on"]) for block in guide.steps]
        assert sources == [
            ("Arrêté royal du 3 février 2003", timezone.localdate()),
            ("", None),
            ("Arrêté du Gouvernement wallon du 15 septembre 2016", timezone.localdate()),
            (SPW, timezone.localdate()),
        ], code
