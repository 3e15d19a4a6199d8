"""The right of access as one ZIP: data.json with every app's section, the person's own files, nothing of others."""

import hashlib
import io
import json
import logging
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from interlab.core import export
from interlab.core.models import Role, SensitiveRead
from interlab.crm import services as crm_services
from interlab.crm.models import Document, SensitiveProfile
from interlab.dossiers import services as dossier_services
from interlab.tierslieu import services as tierslieu
from tests.dossiers.factories import make_dossier, pdf_bytes, png_bytes, upload
from tests.factories import EntrepreneurFactory, UserFactory, room_open_all_day

pytestmark = pytest.mark.django_db

ROLES = [Role.ADMIN, Role.COACH, Role.ENTREPRENEUR, Role.MENTOR, Role.FUNDER, Role.PARTNER]


@pytest.fixture(autouse=True)
def _private_builds(tmp_path, monkeypatch, settings):
    """Dossier PDFs in the test's folder (documents already are, see tests/conftest.py); tasks run at once."""
    from interlab.core.storage import PrivateStorage
    from interlab.dossiers.models import DossierBuild

    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", PrivateStorage(location=tmp_path / "private"))
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


@pytest.fixture
def room():
    return room_open_all_day()


def document(person, by, data: bytes, title: str, name: str = "scan.pdf", content_type="application/pdf", **kw):
    return crm_services.document_upload(
        entrepreneur=person, by=by, uploaded=upload(data, name, content_type), title=title, **kw
    )


def unzip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def data_of(archive: zipfile.ZipFile) -> dict:
    return json.loads(archive.read("data.json"))


@pytest.fixture
def world(person, project, coach, room, entrepreneur_user):
    """Amina with a shared document, a private coach note file, a dossier with an annex and a PDF, a booking."""
    SensitiveProfile.objects.create(
        entrepreneur=person, residence_situation="refugee", residence_valid_until=timezone.localdate()
    )
    cv = document(person, coach, pdf_bytes(1, text="CV Amina"), "CV")
    internal = document(person, coach, pdf_bytes(2, text="interne"), "Note interne", is_shared=False)
    dossier = make_dossier(project=project, by=entrepreneur_user)
    dossier_services.dossier_update(dossier=dossier, by=coach, project_summary="Traiteur guinéen à Liège")
    annex = dossier_services.annex_add(
        dossier=dossier, by=entrepreneur_user, uploaded=upload(png_bytes(), "id.png", "image/png"), title="Carte"
    )
    build = dossier_services.pdf_request(dossier=dossier, by=coach)
    build.refresh_from_db()
    assert build.state == "done", build.error
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    tierslieu.book(
        by=coach, user=entrepreneur_user, space=room, start=start, end=start + timedelta(hours=1), title="RDV"
    )
    tierslieu.card_for(user=entrepreneur_user)
    return {"cv": cv, "internal": internal, "dossier": dossier, "annex": annex, "build": build}


@pytest.fixture
def stranger(coach):
    """Another entrepreneur with a login, a document and a dossier annex of their own."""
    user = UserFactory(username="bilal", role=Role.ENTREPRENEUR)
    other = EntrepreneurFactory(user=user, first_name="Bilal")
    doc = document(other, coach, pdf_bytes(3, text="Bilal"), "CV")
    return {"user": user, "person": other, "document": doc}


def test_the_zip_holds_every_app_section_and_the_persons_own_file_bytes(client, entrepreneur_user, world, stranger):
    client.force_login(entrepreneur_user)
    archive = unzip(client.get("/api/v1/me/export?format=zip"))
    names = archive.namelist()
    assert {"README.txt", "data.json"} <= set(names)
    data = data_of(archive)
    for section in ("user", "account", "entrepreneur", "projects", "consents", "mentoring", "tiers_lieu", "dossiers"):
        assert section in data, section
    assert data["entrepreneur"]["first_name"] == "Amina"
    assert data["tiers_lieu"]["bookings"][0]["title"] == "RDV"
    (dossier,) = data["dossiers"]["dossiers"]
    assert dossier["project_summary"] == "Traiteur guinéen à Liège"
    assert dossier["annexes"][0]["title"] == "Carte" and dossier["checklist"]
    assert dossier["pdf_builds"][0]["sha256"] == world["build"].sha256

    by_path = {f["path"]: f for f in data["files"] if f["state"] == "included"}
    cv = world["cv"]
    assert archive.read("files/crm/CV.pdf") == cv.file.storage.open(cv.file.name).read()
    assert hashlib.sha256(archive.read("files/crm/CV.pdf")).hexdigest() == cv.sha256
    pdf = [p for p in names if p.startswith("files/dossiers/") and p.endswith(".pdf")]
    assert len(pdf) == 1
    assert hashlib.sha256(archive.read(pdf[0])).hexdigest() == world["build"].sha256
    annex_doc = world["annex"].document
    annex_paths = [p for p, f in by_path.items() if f.get("sha256") == annex_doc.sha256]
    assert len(annex_paths) == 1  # listed by the CRM and by the dossier, copied once
    assert archive.read(annex_paths[0]) == png_bytes()
    assert sum(1 for f in data["files"] if f.get("sha256") == annex_doc.sha256) == 2
    card = [p for p in names if p.startswith("files/tierslieu/")]
    assert len(card) == 1 and archive.read(card[0]).startswith(b"%PDF")


def test_another_persons_files_and_internal_documents_never_appear(client, entrepreneur_user, world, stranger):
    client.force_login(entrepreneur_user)
    archive = unzip(client.get("/api/v1/me/export?format=zip"))
    blobs = [archive.read(n) for n in archive.namelist()]
    theirs = stranger["document"].file.storage.open(stranger["document"].file.name).read()
    internal = world["internal"].file.storage.open(world["internal"].file.name).read()
    assert theirs not in blobs
    assert internal not in blobs
    text = archive.read("data.json").decode()
    assert "Bilal" not in text and "Note interne" not in text


def test_the_stranger_gets_only_their_own(client, world, stranger):
    client.force_login(stranger["user"])
    archive = unzip(client.get("/api/v1/me/export?format=zip"))
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert files == ["files/crm/CV.pdf"]
    assert hashlib.sha256(archive.read(files[0])).hexdigest() == stranger["document"].sha256
    assert data_of(archive)["dossiers"]["dossiers"] == []


def test_names_are_sanitised_and_never_collide(client, person, coach, entrepreneur_user):
    for title in ("../../etc/passwd", "CV", "cv", "CV.pdf", "a\\b:c*?\x01d", "CON", ".hidden", "   ", "é" * 300):
        document(person, coach, pdf_bytes(1, text=title[:20]), title)
    client.force_login(entrepreneur_user)
    archive = unzip(client.get("/api/v1/me/export?format=zip"))
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(files) == len({f.casefold() for f in files}) == 9
    for name in files:
        app, _, base = name.removeprefix("files/").partition("/")
        assert app == "crm" and "/" not in base and "\\" not in base and ".." not in base and "\x01" not in base
        assert not base.startswith(".") and base.endswith(".pdf") and len(base) <= 100
    assert {"files/crm/CV.pdf", "files/crm/cv (2).pdf", "files/crm/CV (3).pdf"} <= set(files)
    assert "files/crm/etc_passwd.pdf" in files
    assert "files/crm/file_CON.pdf" in files
    assert "files/crm/file.pdf" in files


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../x", "x.pdf"),
        ("a/b\\c", "a_b_c.pdf"),
        ("rapport.PDF", "rapport.pdf"),
        ("", "file.pdf"),
        ("nul.txt", "file_nul.txt.pdf"),
        ("تقرير", "تقرير.pdf"),
    ],
)
def test_safe_name(title, expected):
    assert export.safe_name(title, "application/pdf") == expected


def test_a_file_missing_from_storage_is_reported_not_a_server_error(client, entrepreneur_user, world):
    cv = world["cv"]
    cv.file.storage.delete(cv.file.name)
    client.force_login(entrepreneur_user)
    archive = unzip(client.get("/api/v1/me/export?format=zip"))
    listed = [f for f in data_of(archive)["files"] if f.get("document") == cv.pk]
    assert listed == [{**listed[0], "state": "missing", "path": None}]
    assert "files/crm/CV.pdf" not in archive.namelist()
    assert any(f["state"] == "included" for f in data_of(archive)["files"])  # the others are still there


def test_the_json_stays_the_default_and_holds_the_dossiers(client, entrepreneur_user, world):
    client.force_login(entrepreneur_user)
    response = client.get("/api/v1/me/export")
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["dossiers"]["dossiers"][0]["id"] == world["dossier"].pk
    assert data["dossiers"]["residence_valid_until"] == timezone.localdate().isoformat()
    assert SensitiveRead.objects.filter(user=entrepreneur_user, fields=["residence_valid_until"]).exists()


def test_an_unknown_format_is_a_422(client, entrepreneur_user):
    client.force_login(entrepreneur_user)
    assert client.get("/api/v1/me/export?format=tar").status_code == 422


def test_anonymous_gets_401_and_the_page_sends_to_login(client):
    assert client.get("/api/v1/me/export?format=zip").status_code == 401
    response = client.get("/app/me/data/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    for fmt in ("zip", "json"):
        response = client.get(f"/app/me/data/download.{fmt}")
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_the_page_and_its_downloads_work_for_every_role(client, role):
    from django.utils import translation

    user = UserFactory(username=f"user-{role}", role=role)
    client.force_login(user)
    with translation.override("en"):
        page = client.get("/app/me/data/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/app/me/data/download.zip"' in html and 'href="/app/me/data/download.json"' in html
    assert 'href="/app/me/data/"' in html  # the menu link, on every page
    archive = unzip(client.get("/app/me/data/download.zip"))
    assert data_of(archive)["user"]["username"] == user.username
    response = client.get("/app/me/data/download.json")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["user"]["role"] == role
    assert client.get("/app/me/data/download.exe").status_code == 404


def test_each_export_is_logged_with_who(client, entrepreneur_user, caplog):
    client.force_login(entrepreneur_user)
    with caplog.at_level(logging.INFO, logger="interlab.audit"):
        client.get("/api/v1/me/export?format=zip")
        client.get("/api/v1/me/export")
    lines = [r.getMessage() for r in caplog.records if "personal data export" in r.getMessage()]
    assert lines == [
        lines[0],
        f"personal data export: user={entrepreneur_user.pk} format=json ",
    ]
    assert f"user={entrepreneur_user.pk} format=zip files=" in lines[0]


def test_a_large_file_is_copied_in_chunks_and_the_archive_spills_to_disk(entrepreneur_user, person, coach, monkeypatch):
    monkeypatch.setattr(export, "IN_MEMORY_UP_TO", 1024)
    big = pdf_bytes(1) + b"\n" + bytes(range(256)) * 4096  # 1 MB of incompressible-ish bytes after a valid PDF
    doc = Document.objects.create(
        entrepreneur=person, title="Gros scan", content_type="application/pdf", size=len(big), sha256="x"
    )
    from django.core.files.base import ContentFile

    doc.file.save("big", ContentFile(big))
    reads = []
    real_open = doc.file.storage.__class__.open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            reads.append(size)
            return self.handle.read(size)

        def close(self):
            self.handle.close()

    def spy(storage, name, mode="rb"):
        return Spy(real_open(storage, name, mode))

    monkeypatch.setattr(doc.file.storage.__class__, "open", spy)
    archive, summary = export.build_zip(entrepreneur_user)
    assert summary["files"] == 1 and summary["bytes"] == len(big)
    assert all(0 < size <= export.CHUNK for size in reads)  # never read whole
    assert archive._rolled  # on disk, not in memory
    assert zipfile.ZipFile(archive).read("files/crm/Gros scan.pdf") == big


def test_files_on_s3_are_read_through_the_storage_and_a_missing_object_is_reported(
    client, person, coach, entrepreneur_user, monkeypatch
):
    """The same export with the documents on S3-compatible storage (moto, in process): no filesystem path used."""
    import boto3
    from moto import mock_aws
    from storages.backends.s3 import S3Storage

    with mock_aws():
        boto3.client("s3", region_name="eu-west-1").create_bucket(
            Bucket="interlab-private", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        storage = S3Storage(
            bucket_name="interlab-private", region_name="eu-west-1", access_key="test", secret_key="test"
        )
        monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
        kept = document(person, coach, pdf_bytes(1, text="garde"), "Garde")
        gone = document(person, coach, pdf_bytes(2, text="parti"), "Parti")
        storage.delete(gone.file.name)
        client.force_login(entrepreneur_user)
        archive = unzip(client.get("/api/v1/me/export?format=zip"))
    files = {f["title"]: f for f in data_of(archive)["files"]}
    assert files["Parti"]["state"] == "missing"
    assert files["Garde"]["state"] == "included"
    assert hashlib.sha256(archive.read(files["Garde"]["path"])).hexdigest() == kept.sha256


def test_event_registrations_of_the_person_are_in_the_export_and_nobody_elses(client, person, entrepreneur_user):
    from cms.models import EventRegistration
    from tests.cms.factories import event

    workshop = event()
    EventRegistration.objects.create(event=workshop, first_name="Amina", email="autre@example.org", entrepreneur=person)
    EventRegistration.objects.create(event=workshop, first_name="Amina D.", email=person.email.upper())
    EventRegistration.objects.create(event=workshop, first_name="Chloé", email="chloe@example.org")
    client.force_login(entrepreneur_user)
    rows = client.get("/api/v1/me/export").json()["event_registrations"]
    assert sorted(r["first_name"] for r in rows) == ["Amina"]  # only the one linked to the file
