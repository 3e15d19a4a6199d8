"""What every tagged PDF InterLab prints has, as Poppler's pdfinfo and pypdf read it: tags, a title the viewer
shows, and the document's language.

pdfinfo comes from poppler-utils, which scripts/system_check.py installs (here too when it is missing: the tests
that use it never skip).
"""

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import system_check  # noqa: E402


@cache
def pdfinfo_path() -> str:
    return system_check.ensure_poppler("pdfinfo")


@cache
def pdftotext_path() -> str:
    return system_check.ensure_poppler("pdftotext")


def pdfinfo(data: bytes) -> dict[str, str]:
    """pdfinfo's report of a PDF given as bytes, as {field: value}."""
    out = subprocess.run([pdfinfo_path(), "-"], input=data, capture_output=True, check=True).stdout
    fields = {}
    for line in out.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def lang(data: bytes) -> str:
    """The document's language, the catalogue's /Lang."""
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"])


def shows_its_title(data: bytes) -> bool:
    """The viewer shows the document's title, not its file name (/ViewerPreferences /DisplayDocTitle)."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    return bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"))


def text(data: bytes) -> str:
    """The text pdftotext reads in a PDF given as bytes."""
    return subprocess.run(
        [pdftotext_path(), "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


def _bbox_layout(data: bytes) -> ET.Element:
    xml = subprocess.run(
        [pdftotext_path(), "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return ET.fromstring(xml.replace(b' xmlns="http://www.w3.org/1999/xhtml"', b""))


def lines_as_seen(data: bytes) -> list[str]:
    """Each printed line's words from left to right, as the eye sees them on the page (not in reading order):
    where a Latin fragment sits in an Arabic line, and whether its punctuation stayed in place."""
    root = _bbox_layout(data)
    return [
        " ".join(word.text or "" for word in sorted(line.iter("word"), key=lambda w: float(w.get("xMin"))))
        for line in root.iter("line")
    ]


def words_placed(data: bytes) -> list[tuple[int, str, float, float]]:
    """Every printed word as (page number, text, left edge, top edge), in points from the page's top left corner.
    A right-to-left word's letters come in the order they are seen, from left to right."""
    return [
        (number, word.text or "", float(word.get("xMin")), float(word.get("yMin")))
        for number, page in enumerate(_bbox_layout(data).iter("page"), start=1)
        for word in page.iter("word")
    ]
