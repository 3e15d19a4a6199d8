"""What every tagged PDF InterLab prints has, as Poppler's pdfinfo and pypdf read it: tags, a title the viewer
shows, and the document's language.

pdfinfo comes from poppler-utils, which scripts/system_check.py installs (here too when it is missing: the tests
that use it never skip).
"""

import io
import subprocess
import sys
from functools import cache
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import system_check  # noqa: E402


@cache
def pdfinfo_path() -> str:
    return system_check.ensure_poppler("pdfinfo")


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
