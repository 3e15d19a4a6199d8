"""Settings come from the environment and fail loudly; production settings pass Django's deploy check."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured

from interlab.core.models import Role
from interlab.settings.env import env_bool, env_int, env_list
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_typed_readers_refuse_bad_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "perhaps")
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_list("X_LIST", []) == ["a.example", "b.example"]


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="interlab.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="interlab.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="interlab.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_demo_data_is_refused_without_debug(tmp_path):
    result = run_manage(
        "seed_demo", DJANGO_SETTINGS_MODULE="interlab.settings.dev", DEBUG="0", INTERLAB_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_the_placeholder_keys_of_the_dev_and_test_settings():
    from interlab.settings import dev, test

    for placeholder in (dev.SECRET_KEY, test.SECRET_KEY):
        result = run_manage("check", DJANGO_SETTINGS_MODULE="interlab.settings.production", SECRET_KEY=placeholder)
        assert result.returncode != 0 and "SECRET_KEY" in result.stderr


KEY_LIKE = re.compile(r"""(?:SECRET_KEY|PASSWORD|TOKEN|ACCESS_KEY)\w*\s*=\s*["']([^"']{16,})["']""")


def test_no_key_like_string_is_committed_in_the_settings():
    """Only the dev and test settings carry a key, and it says in its own words that it is not one."""
    for path in (ROOT / "interlab" / "settings").glob("*.py"):
        for match in KEY_LIKE.finditer(path.read_text()):
            assert match.group(1).startswith(("dev-only-insecure", "test-only-key-not-secret")), (path, match[0])
        assert "django-" + "insecure-" not in path.read_text()


# Written in pieces so that this file does not match its own patterns.
COMMITTED_SECRETS = re.compile("AKIA" + "[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE " + "KEY-----|django-" + "insecure-")


def test_no_private_key_or_cloud_credential_is_committed():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        found += [f"{name}: {m[0]}" for m in COMMITTED_SECRETS.finditer(text)]
    assert not found, found


# Demo accounts outside DEBUG


@pytest.fixture
def demo_coach(db):
    from interlab.core.demo import DEMO_PASSWORD

    return UserFactory(username="coach", role=Role.COACH, password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_the_demo_password_opens_nothing_without_debug(client, demo_coach, settings):
    from interlab.core.demo import DEMO_PASSWORD

    settings.DEBUG = False
    assert authenticate(username="coach", password=DEMO_PASSWORD) is None
    web = client.post("/login/", {"username": "coach", "password": DEMO_PASSWORD})
    assert not web.wsgi_request.user.is_authenticated
    api = client.post(
        "/api/v1/auth/token", {"username": "coach", "password": DEMO_PASSWORD}, content_type="application/json"
    )
    assert api.status_code == 401
    admin = client.post("/django-admin/login/", {"username": "coach", "password": DEMO_PASSWORD})
    assert not admin.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_the_demo_password_works_with_debug_on(client, demo_coach, settings):
    from interlab.core.demo import DEMO_PASSWORD

    settings.DEBUG = True
    assert authenticate(username="coach", password=DEMO_PASSWORD) == demo_coach
    api = client.post(
        "/api/v1/auth/token", {"username": "coach", "password": DEMO_PASSWORD}, content_type="application/json"
    )
    assert api.status_code == 200


@pytest.mark.django_db
def test_a_real_password_still_works_without_debug(client, coach, password, settings):
    settings.DEBUG = False
    assert authenticate(username="coach", password=password) == coach


# Content-Security-Policy


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/fr/", "/api/v1/openapi.json", "/app/board/"])
def test_every_response_carries_the_strict_policy(client, coach, url):
    client.force_login(coach)
    response = client.get(url, follow=True)
    directives = policy(response)
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/cms-admin/", "/django-admin/"])
def test_only_the_admin_screens_get_the_relaxed_policy(client, admin_user, url):
    client.force_login(admin_user)
    directives = policy(client.get(url))
    assert "'unsafe-inline'" in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_the_api_docs_are_served_from_our_own_static_files(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body and "cdn.jsdelivr" not in body


def test_no_page_template_holds_an_inline_script_or_handler():
    """Templates sent to browsers: no <script> without src, no on*= attribute, no style= (PDF templates aside)."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style_attr = re.compile(r"\sstyle\s*=", re.I)
    offenders = []
    for path in [*(ROOT / "interlab").rglob("templates/**/*.html"), *(ROOT / "cms").rglob("templates/**/*.html")]:
        if "pdf" in path.name or "/pdf/" in str(path) or "/email/" in str(path):
            continue
        text = path.read_text()
        for pattern in (inline_script, handler, style_attr):
            offenders += [f"{path.relative_to(ROOT)}: {m[0]}" for m in pattern.finditer(text)]
    assert not offenders, offenders


def test_nobody_can_choose_the_demo_password(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from interlab.core.demo import DEMO_PASSWORD

    with pytest.raises(ValidationError) as refused:
        validate_password(DEMO_PASSWORD)
    assert "demo_password" in [error.code for error in refused.value.error_list]
    validate_password("a long and private sentence 2026")
