"""Check what InterLab needs from the machine itself, and say exactly what to install when it is missing.

Always: the system libraries WeasyPrint needs to build PDFs (Pango, HarfBuzz, fontconfig, GLib) and at least
one font; when one is missing, the Debian packages to install are named and the check fails.

`--browser` also makes sure Debian's Chromium is there for the browser tests, installing it with apt-get
when running as root (never a browser downloaded by a test tool), and poppler-utils (pdftoppm), with which
the browser tests render PDF pages to PNG artefacts.
"""

import ctypes.util
import os
import shutil
import subprocess
import sys

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


def fail(message: str) -> None:
    print(f"system check: {message}", file=sys.stderr)
    sys.exit(1)


def check_python() -> None:
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 - this script runs before the venv exists
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")


def ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("system check: installing Debian's chromium for the browser tests…", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, stdout=subprocess.DEVNULL)
        if os.path.exists(CHROMIUM):
            return
    fail(f"the browser tests need Chromium at {CHROMIUM}: run `sudo apt-get install chromium` (Debian/Ubuntu).")


def missing_pdf_libraries() -> list[str]:
    return [name for name in PDF_LIBRARIES if ctypes.util.find_library(name) is None]


def check_pdf_libraries() -> None:
    """WeasyPrint (the dossiers' PDFs) loads Pango and friends at import: say which packages are missing."""
    missing = missing_pdf_libraries()
    if missing:
        packages = " ".join(PDF_LIBRARIES[name] for name in missing)
        fail(
            f"the PDF builder (WeasyPrint) needs system libraries that are missing ({', '.join(missing)}).\n"
            f"  Install them with: sudo apt-get install {packages}"
        )
    fc_list = shutil.which("fc-list")
    if fc_list:
        fonts = subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout.strip()
        if not fonts:
            fail(f"no font is installed for the PDF builder: sudo apt-get install {FONT_PACKAGE}")


def ensure_pdftoppm() -> None:
    if shutil.which("pdftoppm"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("system check: installing poppler-utils (pdftoppm) for the browser tests' PDF previews…", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "poppler-utils"], check=True, env=env, stdout=subprocess.DEVNULL
        )
        if shutil.which("pdftoppm"):
            return
    fail("the browser tests render PDF pages with pdftoppm: run `sudo apt-get install poppler-utils` (Debian/Ubuntu).")


if __name__ == "__main__":
    check_python()
    check_pdf_libraries()
    if "--browser" in sys.argv:
        ensure_chromium()
        ensure_pdftoppm()
