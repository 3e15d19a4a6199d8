"""Text read aloud on the server: espeak-ng speaks it, lame compresses it, public media keeps it once.

Every app asks the same two functions: `speech_for(text, language)` in a view (the player's address when the
audio exists, else a background task is queued and the page offers the browser's voice meanwhile) and
`speak(text, language)` in a task. A file is named by a hash of what makes it (text, language, voice, speed,
engine and encoder versions): the same text is never synthesised twice, a changed text gets a new file.
Only public words go through here (guides, form explanations, stage names): the files have a public address.
"""

import functools
import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags

from .formatting import format_number

logger = logging.getLogger(__name__)

# The interface's language → espeak-ng's voice (`espeak-ng --voices`); Belgian French for a Liège incubator.
VOICES = {"fr": "fr-be", "en": "en-gb", "nl": "nl", "ar": "ar", "uk": "uk", "es": "es"}
# Words per minute: a little slower than espeak-ng's 175, many listeners are still learning the language.
WORDS_PER_MINUTE = 150
# Mono MP3 at 48 kbit/s: about a seventh of the WAV espeak-ng writes, and every browser plays it (Safari too).
BITRATE_KBPS = 48
FOLDER = "speech"
FILE_NAME = re.compile(r"[0-9a-f]{64}\.mp3")
# The player's speeds (HTMLMediaElement.playbackRate).
RATES = ("0.75", "1", "1.25", "1.5")
# How long a queued synthesis keeps other views from queueing the same one again.
PENDING_SECONDS = 600
TIMEOUT_SECONDS = 120


class SpeechUnavailable(Exception):
    """espeak-ng or lame is missing on this machine (scripts/system_check.py installs them)."""


@dataclass(frozen=True)
class Speech:
    """What a page shows: the player (url), a short "being prepared" note (pending), or neither."""

    url: str = ""
    pending: bool = False

    @property
    def rates(self) -> list[tuple[str, str]]:
        """(value, label) of each speed, the label in the visitor's number format ("0,75×" in French)."""
        return [(rate, f"{format_number(Decimal(rate))}×") for rate in RATES]


@functools.cache
def engine() -> str:
    """The versions of the tools that make the sound: part of the hash, so an upgrade makes new files."""
    versions = []
    for command in (["espeak-ng", "--version"], ["lame", "--version"]):
        if shutil.which(command[0]) is None:
            raise SpeechUnavailable(f"{command[0]} is not installed: run scripts/system_check.py")
        output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=30).stdout
        versions.append(output.strip().splitlines()[0].split(" Data at:")[0])
    return " | ".join(versions)


# Tags after which the text goes on a new line: a list item or a paragraph is a sentence of its own.
BLOCK_END = re.compile(r"(</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)
SENTENCE_END = tuple(".!?:;…؟。")


def plain_text(markup: str) -> str:
    """The words of some HTML, one line per paragraph or list item."""
    return html.unescape(strip_tags(BLOCK_END.sub(r"\1\n", str(markup or ""))))


def clean(text: str) -> str:
    """Whitespace made regular, so that a re-saved page with the same words keeps its audio; and every line
    ends a sentence, so that a heading or a list item is followed by a pause instead of running on."""
    lines = (" ".join(line.split()) for line in (text or "").splitlines())
    return "\n".join(line if line.endswith(SENTENCE_END) else f"{line}." for line in lines if line)


def speech_key(text: str, language: str) -> str:
    recipe = [clean(text), language, VOICES[language], WORDS_PER_MINUTE, BITRATE_KBPS, engine()]
    return hashlib.sha256(json.dumps(recipe, ensure_ascii=False).encode()).hexdigest()


def speech_name(text: str, language: str) -> str:
    """Where the audio of this text lives in public media (it may not exist yet)."""
    return f"{FOLDER}/{speech_key(text, language)}.mp3"


def synthesise(text: str, language: str) -> bytes:
    """The MP3 of `text` spoken in `language`. The text goes in on stdin, never through a shell."""
    voice = VOICES[language]
    with tempfile.TemporaryDirectory(prefix="interlab-speech-") as folder:
        wav, mp3 = Path(folder) / "speech.wav", Path(folder) / "speech.mp3"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-b", "1", "--stdin", "-w", str(wav)],
            input=clean(text).encode(),
            capture_output=True,
            check=True,
            timeout=TIMEOUT_SECONDS,
        )
        subprocess.run(
            ["lame", "--quiet", "-m", "m", "-b", str(BITRATE_KBPS), str(wav), str(mp3)],
            capture_output=True,
            check=True,
            timeout=TIMEOUT_SECONDS,
        )
        return mp3.read_bytes()


def speak(text: str, language: str) -> str:
    """The stored file of `text` read aloud in `language`: made once, then found by its name."""
    if language not in VOICES:
        raise ValueError(f"no voice for {language!r}; known: {', '.join(VOICES)}")
    if not clean(text):
        raise ValueError("nothing to read aloud")
    name = speech_name(text, language)
    if default_storage.exists(name):
        return name
    saved = default_storage.save(name, ContentFile(synthesise(text, language)))
    if saved != name:
        # Another worker stored the same words meanwhile: its file is the one (the storage renamed ours).
        default_storage.delete(saved)
    return name


def speech_url(name: str) -> str:
    return reverse("speech_audio", args=[name.rsplit("/", 1)[-1]])


def speech_queue(text: str, language: str) -> None:
    """Queue the synthesis once committed, at most once per PENDING_SECONDS for the same words."""
    try:
        key = speech_key(text, language)
    except SpeechUnavailable:
        logger.warning("speech: espeak-ng or lame is missing; no audio is made")
        return

    def enqueue() -> None:
        if not cache.add(f"speech-pending:{key}", True, PENDING_SECONDS):
            return
        from django_q.tasks import async_task

        # Read at call time (not django-q's import-time copy), so tests can run the task at once.
        sync = bool(settings.Q_CLUSTER.get("sync", False))
        async_task("interlab.core.tasks.speech_generate", text, language, task_name=f"speech-{key[:16]}", sync=sync)

    transaction.on_commit(enqueue, robust=True)


def speech_for(text: str, language: str) -> Speech:
    """For a view: the audio's address if it exists; otherwise its synthesis is queued and the page says so."""
    if language not in VOICES or not clean(text):
        return Speech()
    try:
        name = speech_name(text, language)
    except SpeechUnavailable:
        return Speech()
    if default_storage.exists(name):
        return Speech(url=speech_url(name))
    speech_queue(text, language)
    return Speech(pending=True)
