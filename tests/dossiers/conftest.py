"""Dossier fixtures: builds stored in the test's folder, django-q2 tasks run synchronously, a filled dossier."""

import pytest

from tests.dossiers.factories import filled_dossier, make_dossier


@pytest.fixture(autouse=True)
def _private_builds(settings, tmp_path, monkeypatch):
    from interlab.core.storage import PrivateStorage
    from interlab.dossiers.models import DossierBuild

    storage = PrivateStorage(location=tmp_path / "private")
    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", storage)


@pytest.fixture(autouse=True)
def _sync_tasks(settings):
    """django-q2 runs each queued task at once, in this process (read at call time by services.pdf_request)."""
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


@pytest.fixture
def dossier(project, entrepreneur_user):
    return make_dossier(project=project, by=entrepreneur_user)


@pytest.fixture
def full_dossier(project, coach):
    return filled_dossier(project=project, coach=coach)


@pytest.fixture
def english():
    """Messages in the source language, for tests that read their wording (the default language is French)."""
    from django.utils import translation

    with translation.override("en"):
        yield
