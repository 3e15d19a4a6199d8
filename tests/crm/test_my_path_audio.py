"""The entrepreneur's path read aloud: where the project stands and what comes next, with nothing personal in it."""

import pytest
from django.core.files.storage import default_storage

from interlab.core import speech
from interlab.crm.views import _path_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_path_audio_says_the_stage_and_what_comes_next_without_the_person(client, person, project):
    client.force_login(person.user)
    page = client.get("/app/my/")
    assert b"data-listen-pending" in page.content  # the audio is queued on this first view
    text = _path_text([project], "fr")
    assert project.stage.display_name("fr") in text and project.next_stage.display_name("fr") in text
    assert "<strong>" not in text
    assert person.first_name not in text and project.title not in text

    name = speech.speak(text, "fr")
    html = client.get("/app/my/").content.decode()
    assert f'src="/media/{name}"' in html and default_storage.exists(name)
