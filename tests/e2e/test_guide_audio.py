"""A guide read aloud in each of the six languages, in a real browser: the server's audio plays and is not silence.

The audio is made the way the demo's is (`manage.py speech_guides`, real espeak-ng and lame), then each page's
<audio> player is started in Chromium: its clock must run and the file must last more than a second. The file the
player fetched is decoded with lame and its loudness measured, so that a silent file cannot pass.
"""

import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cms.models import GuideIndexPage
from tests.audio import rms, seconds
from tests.cms import factories
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_public_site import content_types_cached_from_database, sequences_reset

pytestmark = [pytest.mark.e2e, E2E_DB]

GUIDES = {
    "en": (
        "Applying for the professional card",
        "You often need a professional card to work for yourself.",
        "Gather the documents",
        "Readable copies of your passport and residence permit.",
    ),
    "nl": (
        "De beroepskaart aanvragen",
        "Je hebt vaak een beroepskaart nodig om zelfstandig te werken.",
        "Verzamel de documenten",
        "Leesbare kopieën van je paspoort en verblijfsvergunning.",
    ),
    "ar": (
        "طلب البطاقة المهنية",
        "تحتاج غالبًا إلى بطاقة مهنية للعمل لحسابك الخاص.",
        "اجمع الوثائق",
        "نسخ واضحة من جواز السفر وتصريح الإقامة.",
    ),
    "uk": (
        "Подати заяву на професійну картку",
        "Професійна картка часто потрібна, щоб працювати на себе.",
        "Зберіть документи",
        "Чіткі копії паспорта та посвідки на проживання.",
    ),
    "es": (
        "Solicitar la tarjeta profesional",
        "A menudo necesita una tarjeta profesional para trabajar por su cuenta.",
        "Reúna los documentos",
        "Copias legibles de su pasaporte y permiso de residencia.",
    ),
}


@pytest.fixture
def guides(settings, tmp_path):
    """The same guide in the six languages, published, with their audio made."""
    settings.MEDIA_ROOT = tmp_path / "media"
    content_types_cached_from_database()
    sequences_reset()
    home = factories.home()
    index = factories.add_page(home, GuideIndexPage, title="Les démarches", slug="guides")
    french = factories.guide(parent=index)
    pages = {"fr": french}
    for code, (title, summary, step, text) in GUIDES.items():
        factories.translate(home, code, title="InterLab")
        factories.translate(index, code, title=title)
        pages[code] = factories.translate(
            french, code, title=title, summary=summary, steps=factories.steps((step, text, []))
        )
    call_command("speech_guides", stdout=None)
    return pages


@pytest.mark.parametrize("code", ["fr", "en", "nl", "ar", "uk", "es"])
def test_the_guide_audio_plays_in_each_language_and_is_not_silent(page, guides, code):
    guide = guides[code]
    page.goto(guide.url)
    expect(page.locator("html")).to_have_attribute("lang", code)
    audio = page.locator("audio[data-listen-audio]")
    expect(audio).to_have_attribute("preload", "none")
    expect(page.locator("[data-listen-pending]")).to_have_count(0)
    expect(page.locator("button.listen-button")).to_be_visible()  # the browser's voice, the second way

    # The speed control sets the player's rate (static listen.js: the CSP allows no inline script).
    speed = page.locator("select[data-listen-speed]")
    expect(speed).to_be_visible()
    speed.select_option("1.25")
    assert audio.evaluate("a => a.playbackRate") == 1.25

    audio.evaluate("a => a.play()")
    # Polled from here: wait_for_function evaluates a string, which the page's CSP (no 'unsafe-eval') refuses.
    deadline = time.monotonic() + 15
    while audio.evaluate("a => a.currentTime") <= 0.5 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert audio.evaluate("a => a.currentTime") > 0.5, "the player's clock did not run"
    assert audio.evaluate("a => a.duration") > 1
    assert audio.evaluate("a => a.error") is None
    audio.evaluate("a => a.pause()")

    response = page.request.get(audio.get_attribute("src"))
    assert response.status == 200 and response.headers["content-type"] == "audio/mpeg"
    mp3 = response.body()
    assert seconds(mp3) > 2
    assert rms(mp3) > 0.02, f"the {code} audio is silent"
