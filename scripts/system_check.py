"""Check what InterLab needs from the machine itself, and say exactly what to install when it is missing.

`--browser` also makes sure Debian's Chromium is there for the browser tests, installing it with apt-get
when running as root (never a browser downloaded by a test tool).
"""

import os
import shutil
import subprocess
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


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


if __name__ == "__main__":
    check_python()
    if "--browser" in sys.argv:
        ensure_chromium()
