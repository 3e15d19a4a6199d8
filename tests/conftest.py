"""Shared personas: one user per role, an entrepreneur with a login and a project, an outsider."""

import pytest

from interlab.core.models import Role
from tests.factories import PASSWORD, EntrepreneurFactory, UserFactory, make_project


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test`'s `--dist loadfile`: a module's tests on one worker, each worker in the collection order."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.parallel import ModuleRunScheduling

    return ModuleRunScheduling(config, log)


DB_FIXTURES = ("db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """Each test that touches the database starts with an empty cache.

    The default cache is a table that Django's flush between tests does not empty: without this, figures kept by
    one test (the dashboard's blocks of a closed period, say) would be read by the next one on the same worker.
    """
    if request.node.get_closest_marker("django_db") is None and not set(DB_FIXTURES) & set(request.fixturenames):
        return
    from django.core.cache import caches

    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        for cache in caches.all():
            cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path, monkeypatch):
    """Uploaded files go to a per-test folder, never to the developer's var/.

    The file field resolved its storage when the model loaded, so the field itself is pointed elsewhere.
    """
    from interlab.core.storage import PrivateStorage
    from interlab.crm.models import Document

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = PrivateStorage(location=tmp_path / "private")
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def coach(db):
    return UserFactory(username="coach", role=Role.COACH)


@pytest.fixture
def other_coach(db):
    return UserFactory(username="coach2", role=Role.COACH)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def funder(db):
    return UserFactory(username="funder", role=Role.FUNDER)


@pytest.fixture
def mentor(db):
    return UserFactory(username="mentor", role=Role.MENTOR)


@pytest.fixture
def partner_user(db):
    return UserFactory(username="partner", role=Role.PARTNER)


@pytest.fixture
def entrepreneur_user(db):
    return UserFactory(username="amina", role=Role.ENTREPRENEUR, first_name="Amina", last_name="Diallo")


@pytest.fixture
def person(entrepreneur_user):
    """The entrepreneur behind entrepreneur_user, with languages."""
    person = EntrepreneurFactory(user=entrepreneur_user, first_name="Amina", last_name="Diallo")
    person.spoken_languages.create(code="fr", level="C1")
    person.spoken_languages.create(code="ar", level="native")
    return person


@pytest.fixture
def project(person, coach):
    return make_project(entrepreneur=person, coach=coach, title="Traiteur", path=["idea"])


@pytest.fixture
def stranger_project(coach):
    """A project of another entrepreneur: outside entrepreneur_user's scope."""
    return make_project(coach=coach, title="Atelier vélo")


@pytest.fixture
def other_entrepreneur_user(db):
    return UserFactory(username="other", role=Role.ENTREPRENEUR)


@pytest.fixture
def api(client, coach):
    """The test client, logged in as a coach: the API's most common caller."""
    client.force_login(coach)
    return client
