"""A dossier PDF built by a real django-q2 worker (`manage.py qcluster` in its own process), progress seen on the page.

The worker runs with the test settings, so its private files live in PRIVATE_MEDIA_ROOT of those settings;
this test points the annexes and builds there too, and removes what it wrote.
"""

import io
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from interlab.core.models import Role
from interlab.core.storage import PrivateStorage
from interlab.crm.models import Document
from interlab.dossiers import services
from interlab.dossiers.models import BuildState, DossierBuild
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_worker import qcluster  # noqa: F401 - the real worker fixture
from tests.factories import EntrepreneurFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]

WAIT_SECONDS = 90


@pytest.fixture
def shared_storage(monkeypatch):
    """Where the worker process (interlab.settings.test) reads and writes private files."""
    import interlab.settings.test as test_settings

    location = Path(test_settings.PRIVATE_MEDIA_ROOT)
    storage = PrivateStorage(location=location)
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", storage)
    yield storage
    for document in Document.objects.all():
        storage.delete(document.file.name)
    for build in DossierBuild.objects.exclude(file=""):
        storage.delete(build.file.name)


def test_the_worker_builds_the_pdf_and_the_page_shows_its_progress(qcluster, shared_storage, client):  # noqa: F811
    from tests.dossiers.factories import filled_dossier

    coach = UserFactory(username="coach.worker", email="coach.worker@example.org", role=Role.COACH)
    owner = UserFactory(username="owner.worker", role=Role.ENTREPRENEUR)
    person = EntrepreneurFactory(user=owner, first_name="Emre", last_name="Tokgözlü")
    project = make_project(entrepreneur=person, coach=coach, title="Atelier de couture")
    dossier = filled_dossier(project=project, coach=coach, annexes=2)

    build = services.pdf_request(dossier=dossier, by=owner)
    assert build.task_id and build.state == BuildState.QUEUED

    client.force_login(owner)
    states = []
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        html = client.get(f"/app/dossiers/{dossier.pk}/pdf/status/").content.decode()
        state = html.split('data-pdf-state="', 1)[1].split('"', 1)[0]
        if not states or states[-1] != state:
            states.append(state)
        if state in ("done", "failed"):
            break
        assert 'data-hx-trigger="every 1s"' in html, "a waiting build polls for its progress"
        if qcluster.process.poll() is not None:
            pytest.fail(f"qcluster exited:\n{qcluster.log()}")
        time.sleep(0.2)
    else:
        pytest.fail(f"no PDF after {WAIT_SECONDS} s; states seen {states}\n{qcluster.log()}")

    build.refresh_from_db()
    assert build.state == BuildState.DONE, f"{build.error}\n{qcluster.log()}"
    assert states[0] in ("queued", "running") and states[-1] == "done"
    response = client.get(f"/api/v1/dossiers/{dossier.pk}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == build.pages
    assert "Emre" in reader.pages[0].extract_text()
