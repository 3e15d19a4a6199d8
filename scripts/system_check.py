"""Check what InterLab needs from the machine itself, and say exactly what to install when it is missing.

Always: the system libraries WeasyPrint needs to build PDFs (Pango, HarfBuzz, fontconfig, GLib) and at least
one font; espeak-ng, which reads the guides aloud in the six languages, and lame, which turns its WAV into
small MP3 files every browser plays. When one is missing and the check runs as root on Debian/Ubuntu, it installs
the packages with apt-get; otherwise it names the packages to install (`sudo apt-get install …`) and fails.

`--browser` also makes sure Debian's Chromium is there for the browser tests, installing it with apt-get
when running as root (never a browser downloaded by a test tool), and poppler-utils (pdftoppm, with which
the browser tests render PDF pages to PNG artefacts, and pdfinfo, with which tests check that the PDFs are
tagged), and the Nu HTML checker (vnu.jar, from the npm package `vnu-jar`, checked against the registry's
sha512) into var/tools/ for tests/core/test_html_valid.py.
"""

import base64
import ctypes.util
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import NoReturn

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Library WeasyPrint loads → the Debian package that ships it.
PDF_LIBRARIES = {
    "gobject-2.0": "libglib2.0-0",
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "harfbuzz-subset": "libharfbuzz-subset0",
    "fontconfig": "libfontconfig1",
}
FONT_PACKAGE = "fonts-dejavu-core"
# The read-aloud audio (interlab/core/speech.py): command → the Debian package that ships it.
SPEECH_TOOLS = {"espeak-ng": "espeak-ng", "lame": "lame"}
# The Nu HTML checker: the npm package's tarball, pinned with the integrity the registry publishes for it
# (`npm view vnu-jar@VERSION dist.integrity`). Change both together.
VNU_VERSION = "26.9.27"
VNU_INTEGRITY = "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
NPM_REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
TOOLS = Path(__file__).resolve().parent.parent / "var" / "tools"


def fail(message: str) -> NoReturn:
    print(f"system check: {message}", file=sys.stderr)
    sys.exit(1)


def check_python() -> None:
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 - this script runs before the venv exists
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")


def can_apt_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages: list[str], why: str) -> None:
    """Install Debian packages as root; a failure is reported by the caller's own check afterwards."""
    print(f"system check: installing {' '.join(packages)} ({why})…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env, stdout=subprocess.DEVNULL)


def ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if can_apt_install():
        apt_install(["chromium"], "the browser tests")
        if os.path.exists(CHROMIUM):
            return
    fail(f"the browser tests need Chromium at {CHROMIUM}: run `sudo apt-get install chromium` (Debian/Ubuntu).")


def missing_pdf_libraries() -> list[str]:
    return [name for name in PDF_LIBRARIES if ctypes.util.find_library(name) is None]


def has_font() -> bool:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return True  # fontconfig's tool is absent; WeasyPrint will say so itself if no font is found
    return bool(subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout.strip())


def check_pdf_libraries() -> None:
    """WeasyPrint (the dossiers' PDFs) loads Pango and friends at import: install them as root, else name them."""
    missing = missing_pdf_libraries()
    if (missing or not has_font()) and can_apt_install():
        packages = [PDF_LIBRARIES[name] for name in missing] + [FONT_PACKAGE]
        apt_install(packages, "what the PDF builder, WeasyPrint, needs")
        missing = missing_pdf_libraries()
    if missing:
        packages = " ".join(PDF_LIBRARIES[name] for name in missing)
        fail(
            f"the PDF builder (WeasyPrint) needs system libraries that are missing ({', '.join(missing)}).\n"
            f"  Install them with: sudo apt-get install {packages}"
        )
    if not has_font():
        fail(f"no font is installed for the PDF builder: sudo apt-get install {FONT_PACKAGE}")


def ensure_speech_tools() -> None:
    """espeak-ng speaks the guides on the server (fr, en, nl, ar, uk, es); lame compresses what it says."""
    missing = [tool for tool in SPEECH_TOOLS if shutil.which(tool) is None]
    if missing and can_apt_install():
        apt_install([SPEECH_TOOLS[tool] for tool in missing], "the guides read aloud")
        missing = [tool for tool in SPEECH_TOOLS if shutil.which(tool) is None]
    if missing:
        packages = " ".join(SPEECH_TOOLS[tool] for tool in missing)
        fail(f"the guides read aloud need {', '.join(missing)}: run `sudo apt-get install {packages}` (Debian/Ubuntu).")


def ensure_poppler(tool: str) -> str:
    """A Poppler tool from poppler-utils: pdftoppm (the browser tests' PDF previews), pdfinfo (the tagged-PDF tests)."""
    path = shutil.which(tool)
    if path:
        return path
    if can_apt_install():
        apt_install(["poppler-utils"], f"{tool}, with which the tests read PDFs")
        path = shutil.which(tool)
        if path:
            return path
    fail(f"the tests read PDFs with {tool}: run `sudo apt-get install poppler-utils` (Debian/Ubuntu).")


def vnu_jar() -> Path:
    return TOOLS / f"vnu-{VNU_VERSION}.jar"


def ensure_vnu() -> Path:
    """The Nu HTML checker's jar, downloaded once from the npm registry and verified; Java runs it."""
    jar = vnu_jar()
    if not shutil.which("java"):
        if can_apt_install():
            apt_install(["default-jre-headless"], "the HTML checker")
        if not shutil.which("java"):
            fail("the HTML checker needs Java: run `sudo apt-get install default-jre-headless` (Debian/Ubuntu).")
    if jar.exists():
        return jar
    url = f"{NPM_REGISTRY}/vnu-jar/-/vnu-jar-{VNU_VERSION}.tgz"
    print(f"system check: downloading the HTML checker (vnu-jar {VNU_VERSION})…", flush=True)
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - a fixed https address
        tarball = response.read()
    algorithm, _, expected = VNU_INTEGRITY.partition("-")
    if base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode() != expected:
        fail(f"the HTML checker's tarball from {url} does not match its pinned {algorithm}: not installed.")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile("package/build/dist/vnu.jar")
        if member is None:
            fail(f"the vnu-jar {VNU_VERSION} tarball holds no build/dist/vnu.jar.")
        data = member.read()
    TOOLS.mkdir(parents=True, exist_ok=True)
    partial = jar.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(jar)
    return jar


if __name__ == "__main__":
    check_python()
    check_pdf_libraries()
    ensure_speech_tools()
    if "--browser" in sys.argv:
        ensure_chromium()
        ensure_poppler("pdftoppm")
        ensure_poppler("pdfinfo")
        ensure_vnu()
