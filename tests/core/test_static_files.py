"""Production serves its own static files: collectstatic writes hashed names with gzip and brotli copies, and
WhiteNoise answers /static/ with the copy the browser accepts and a long cache lifetime for hashed names.

The production settings run in subprocesses (settings are read once per process), with a var/ folder of this
module's own: the files are collected into its STATIC_ROOT once, as a release does, then one process sends
every request of the module through Django's test client, the whole middleware stack included.
"""

import base64
import gzip
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "interlab.example.org"
CSS = "css/interlab.css"
ONE_YEAR = 365 * 24 * 3600

# Sent by one `manage.py shell` of the production settings; prints one JSON list, an answer per request.
CLIENT_SCRIPT = """
import base64, json
from django.test import Client
answers = []
for path, headers, secure in json.loads({requests!r}):
    response = Client().get(path, secure=secure, headers={{"host": "{host}", **headers}})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    answers.append({{"status": response.status_code, "headers": dict(response.headers),
                    "body": base64.b64encode(body).decode()}})
print(json.dumps(answers))
"""


def production(var: Path, *args: str) -> subprocess.CompletedProcess:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"} and not key.startswith(("S3_", "DJANGO_"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "interlab.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": HOST,
        "INTERLAB_VAR_DIR": str(var),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    var = tmp_path_factory.mktemp("production-var")
    collected = production(var, "collectstatic", "--noinput", "--verbosity", "0")
    assert collected.returncode == 0, collected.stdout + collected.stderr
    return var / "static"


@pytest.fixture(scope="module")
def hashed_css(static_root) -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"][CSS]


@pytest.fixture(scope="module")
def answers(static_root, hashed_css):
    """Every request of this module, answered by one process of the production settings."""
    requests = {
        "br": (f"/static/{hashed_css}", {"accept-encoding": "gzip, deflate, br"}, True),
        "gzip": (f"/static/{hashed_css}", {"accept-encoding": "gzip"}, True),
        "plain": (f"/static/{hashed_css}", {}, True),
        "unhashed": (f"/static/{CSS}", {"accept-encoding": "br"}, True),
        "over_http": (f"/static/{hashed_css}", {}, False),
        "login": ("/login/", {}, True),
    }
    script = CLIENT_SCRIPT.format(requests=json.dumps(list(requests.values())), host=HOST)
    result = production(static_root.parent, "shell", "-c", script)
    assert result.returncode == 0, result.stdout + result.stderr
    answered = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        name: {**answer, "body": base64.b64decode(answer["body"])}
        for name, answer in zip(requests, answered, strict=True)
    }


def max_age(answer) -> int:
    match = re.search(r"max-age=(\d+)", answer["headers"].get("Cache-Control", ""))
    assert match, answer["headers"]
    return int(match[1])


def test_collectstatic_writes_hashed_names_with_gzip_and_brotli_copies(static_root, hashed_css):
    assert hashed_css != CSS and re.fullmatch(r"css/interlab\.[0-9a-f]{12}\.css", hashed_css)
    original = (static_root / CSS).read_bytes()
    assert (static_root / hashed_css).read_bytes() == original
    assert gzip.decompress((static_root / f"{hashed_css}.gz").read_bytes()) == original
    assert brotli.decompress((static_root / f"{hashed_css}.br").read_bytes()) == original


def test_a_hashed_file_is_sent_in_brotli_and_kept_by_browsers_for_good(answers, static_root, hashed_css):
    answer = answers["br"]
    assert answer["status"] == 200
    assert answer["headers"]["Content-Type"].startswith("text/css")
    assert answer["headers"]["Content-Encoding"] == "br"
    assert "Accept-Encoding" in answer["headers"]["Vary"]
    assert brotli.decompress(answer["body"]) == (static_root / CSS).read_bytes()
    assert max_age(answer) >= ONE_YEAR and "immutable" in answer["headers"]["Cache-Control"]


def test_a_browser_without_brotli_gets_gzip_and_one_without_either_the_plain_file(answers, static_root):
    original = (static_root / CSS).read_bytes()
    assert answers["gzip"]["headers"]["Content-Encoding"] == "gzip"
    assert gzip.decompress(answers["gzip"]["body"]) == original
    assert "Content-Encoding" not in answers["plain"]["headers"]
    assert answers["plain"]["body"] == original
    assert max_age(answers["plain"]) >= ONE_YEAR


def test_an_unhashed_name_is_served_but_only_briefly_cached(answers, static_root):
    answer = answers["unhashed"]
    assert answer["status"] == 200 and brotli.decompress(answer["body"]) == (static_root / CSS).read_bytes()
    assert max_age(answer) < 3600 and "immutable" not in answer["headers"]["Cache-Control"]


def test_static_files_go_through_the_https_redirect_and_get_the_security_headers(answers):
    assert answers["over_http"]["status"] == 301
    assert answers["over_http"]["headers"]["Location"].startswith(f"https://{HOST}/static/")
    assert answers["br"]["headers"]["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in answers["br"]["headers"]["Strict-Transport-Security"]


def test_pages_link_the_hashed_names(answers, hashed_css):
    page = answers["login"]["body"].decode()
    assert f'href="/static/{hashed_css}"' in page
    assert f'"/static/{CSS}"' not in page


def test_production_sends_the_strict_policy_and_upgrades_insecure_requests(answers):
    answer = answers["login"]
    assert answer["status"] == 200
    csp = answer["headers"]["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "upgrade-insecure-requests" in csp and "unsafe-inline" not in csp
    assert "max-age=31536000" in answer["headers"]["Strict-Transport-Security"]
    assert "includeSubDomains" in answer["headers"]["Strict-Transport-Security"]
