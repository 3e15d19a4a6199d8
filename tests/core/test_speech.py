"""The read-aloud service (interlab.core.speech) with the real espeak-ng and lame, and the view that serves its files."""

import pytest
from django.core.files.storage import default_storage
from django_q.models import OrmQ

from interlab.core import speech
from tests.audio import rms, seconds

pytestmark = pytest.mark.django_db

TEXTS = {
    "fr": "Demander la carte professionnelle. Rassemblez les documents.",
    "en": "Applying for the professional card. Gather the documents.",
    "nl": "De beroepskaart aanvragen. Verzamel de documenten.",
    "ar": "طلب البطاقة المهنية. اجمع الوثائق.",
    "uk": "Подати заяву на професійну картку. Зберіть документи.",
    "es": "Solicitar la tarjeta profesional. Reúna los documentos.",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def synth_calls(monkeypatch):
    calls = []
    real = speech.synthesise

    def counted(text, language):
        calls.append((text, language))
        return real(text, language)

    monkeypatch.setattr(speech, "synthesise", counted)
    return calls


def test_the_same_text_is_synthesised_once_and_gives_the_same_file(synth_calls):
    first = speech.speak(TEXTS["fr"], "fr")
    second = speech.speak(TEXTS["fr"], "fr")
    assert first == second
    assert len(synth_calls) == 1
    assert default_storage.exists(first)


def test_a_changed_text_gets_a_new_file_and_the_old_one_stays(synth_calls):
    before = speech.speak(TEXTS["fr"], "fr")
    after = speech.speak(TEXTS["fr"] + " Déposez la demande.", "fr")
    assert after != before
    assert len(synth_calls) == 2
    assert default_storage.exists(before) and default_storage.exists(after)


def test_the_same_words_in_another_language_get_a_file_of_their_own(synth_calls):
    assert speech.speak("Idea", "en") != speech.speak("Idea", "es")


def test_only_whitespace_changed_keeps_the_file(synth_calls):
    speech.speak("Rassemblez les documents.\nDéposez la demande.", "fr")
    speech.speak("  Rassemblez   les documents.\n\n Déposez la demande. ", "fr")
    assert len(synth_calls) == 1


def test_the_file_is_named_by_its_hash_in_public_media():
    name = speech.speak(TEXTS["en"], "en")
    assert speech.FILE_NAME.fullmatch(name.removeprefix("speech/"))
    assert name == speech.speech_name(TEXTS["en"], "en")


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_each_language_is_spoken_aloud(language):
    with default_storage.open(speech.speak(TEXTS[language], language)) as audio:
        mp3 = audio.read()
    assert seconds(mp3) > 1.5
    assert rms(mp3) > 0.02, "the audio is silent"


def test_the_text_goes_to_espeak_on_stdin_never_through_a_shell(tmp_path):
    trap = tmp_path / "pwned"
    speech.speak(f"Bonjour $(touch {trap}) `touch {trap}`; touch {trap}", "fr")
    assert not trap.exists()


def test_a_language_without_a_voice_is_refused():
    with pytest.raises(ValueError):
        speech.speak("Hallo", "de")


def test_speech_for_queues_the_missing_audio_once_and_says_it_is_pending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = speech.speech_for(TEXTS["nl"], "nl")
        again = speech.speech_for(TEXTS["nl"], "nl")
    assert first == again == speech.Speech(pending=True)
    assert OrmQ.objects.count() == 1


def test_speech_for_gives_the_player_address_once_the_audio_exists(client):
    name = speech.speak(TEXTS["uk"], "uk")
    found = speech.speech_for(TEXTS["uk"], "uk")
    assert found.url == f"/media/{name}" and not found.pending
    assert OrmQ.objects.count() == 0


def test_the_view_serves_the_file_and_byte_ranges(client):
    name = speech.speak(TEXTS["es"], "es")
    with default_storage.open(name) as audio:
        mp3 = audio.read()
    url = speech.speech_url(name)

    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Content-Type"] == "audio/mpeg" and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == mp3

    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(mp3)}"
    assert part.content == mp3[100:200]

    tail = client.get(url, headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == mp3[-50:]

    assert client.get(url, headers={"Range": f"bytes={len(mp3)}-"}).status_code == 416


def test_the_view_answers_404_for_a_missing_or_odd_name(client):
    assert client.get("/media/speech/" + "0" * 64 + ".mp3").status_code == 404
    assert client.get("/media/speech/..%2Fprivate.mp3").status_code == 404
