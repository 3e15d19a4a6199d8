"""Guides, the application form and the entrepreneur's path read aloud (interlab.core.speech) on the pages."""

import pytest
from django.core.management import call_command
from django_q.models import OrmQ

from cms.models import GuidePage
from interlab.core import speech
from tests.cms import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_guide_text_is_what_the_page_shows_headings_included_in_its_language():
    english = factories.translate(factories.guide(), "en", title="Applying for the card", summary="You need it.")
    text = english.speech_text()
    for words in ("Applying for the card", "In short", "You need it.", "What to bring", "Step by step"):
        assert words in text
    assert "1. Rassemblez les documents" in text and "Des copies lisibles." in text


def test_publishing_a_guide_queues_its_audio(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guide = factories.guide()
    queued = OrmQ.objects.get()
    assert queued.task["func"] == "interlab.core.tasks.speech_generate"
    assert queued.task["args"] == (guide.speech_text(), "fr")


def test_a_guide_without_audio_yet_offers_the_browser_voice_and_says_the_audio_is_coming(client):
    guide = factories.guide()
    page = client.get(guide.url)
    assert b"data-listen-pending" in page.content
    assert b"<audio" not in page.content
    assert b"listen-button" in page.content


def test_a_guide_with_its_audio_shows_the_player_with_a_speed_control(client):
    guide = factories.guide()
    call_command("speech_guides", stdout=None)
    page = client.get(guide.url).content.decode()
    name = speech.speech_name(guide.speech_text(), "fr")
    assert f'<audio controls preload="none" src="/media/{name}"' in page
    assert "data-listen-speed" in page and '<option value="0.75">0,75×</option>' in page
    assert "data-listen-pending" not in page


def test_a_changed_guide_gets_new_audio_once_republished(django_capture_on_commit_callbacks):
    guide = factories.guide()
    before = speech.speak(guide.speech_text(), "fr")
    guide = GuidePage.objects.get(pk=guide.pk)
    guide.summary = "Un autre résumé."
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    guide.refresh_from_db()
    assert speech.speech_name(guide.speech_text(), "fr") != before
    assert OrmQ.objects.get().task["args"] == (guide.speech_text(), "fr")


def test_the_application_form_reads_its_questions_and_help_in_the_visitors_language(client):
    intake = factories.intake_page()
    factories.translate(intake, "en", title="Apply")
    page = client.get("/en/candidater/")
    assert page.status_code == 200
    assert b"data-listen" in page.content
    text = intake.specific.speech_text(page.context["form"], "en")
    assert "Your idea in a few words" in text
    assert "For example: a Syrian pastry shop, a bicycle repair workshop." in text
