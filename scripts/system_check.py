"""Check what InterLab needs from the machine itself, and say exactly what to install when it is missing.

Always: the system libraries WeasyPrint needs to build PDFs (Pango, HarfBuzz, fontconfig, GLib) and at least
one font. When one is missing and the check runs as root on Debian/Ubuntu, it installs the packages with
apt-get; otherwise it names the packages to install (`sudo apt-get install …`) and fails.

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


def ensure_pdftoppm() -> None:
    if shutil.which("pdftoppm"):
        return
    if can_apt_install():
        apt_install(["poppler-utils"], "the browser tests' PDF previews")
        if shutil.which("pdftoppm"):
            return
    fail("the browser tests render PDF pages with pdftoppm: run `sudo apt-get install poppler-utils` (Debian/Ubuntu).")


if __name__ == "__main__":
    check_python()
    check_pdf_libraries()
    if "--browser" in sys.argv:
        ensure_chromium()
        ensure_pdftoppm()
