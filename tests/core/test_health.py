"""GET /healthz: 200 when the database and the cache answer, 503 with the failing part named otherwise."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_without_login_and_without_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == body["database"] == body["cache"] == "ok"
    assert "workers" in body
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_cache_that_does_not_answer_is_a_503_naming_it(client, settings):
    # A Redis on a port where nothing listens: refused at once (the setting's change resets the caches).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error" and response.json()["database"] == "ok"


def test_a_database_that_does_not_answer_is_a_503_naming_it(client, monkeypatch):
    from interlab.core import health

    def broken():
        raise RuntimeError("the database is away")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_only_reads(client):
    assert client.post("/healthz").status_code == 405
