"""Files on S3-compatible storage: the real flows against moto's S3 server, with STORAGES built from S3_* variables.

Uploads and downloads go through the pages and the API, the dossier PDF reads its annex from the bucket and
writes itself there, the erasure removes the objects, and nothing private can be read without credentials.
"""

import io
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from interlab.core.storage import private_storage
from interlab.crm.models import Document
from interlab.dossiers.models import BuildState, DossierBuild
from interlab.settings.files import file_storages
from tests.factories import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.moto]

PDF = pdf_bytes(1)
REGION = "eu-west-1"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    # Port 0: the server binds a free port itself and keeps it, so no other test process can take it meanwhile.
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    def __init__(self, endpoint: str, name: str):
        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
        )
        self.client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})

    def keys(self, prefix: str = "") -> set[str]:
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return {entry["Key"] for entry in listing.get("Contents", [])}

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def anonymous_get(self, key: str) -> int:
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{self.name}/{key}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as refused:
            return refused.code


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A fresh bucket, and STORAGES built from the S3_* variables as production would read them."""
    store = Bucket(s3_endpoint, f"interlab-{uuid.uuid4().hex[:12]}")
    for name, value in {
        "S3_BUCKET": store.name,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "S3_SERVER_SIDE_ENCRYPTION": "AES256",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, **file_storages(private_root=tmp_path / "unused")}
    # The shared fixtures pinned the file fields to a local folder; give them back the proxy that follows STORAGES.
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", private_storage)
    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", private_storage)
    yield store
    assert not (tmp_path / "unused").exists(), "nothing may fall back to the local folder"


@pytest.fixture
def sync_tasks(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


def test_the_settings_pick_the_bucket_only_when_s3_bucket_is_set(bucket):
    assert type(storages["private"]).__name__ == "PrivateS3Storage"
    assert type(storages["default"]).__name__ == "MediaS3Storage"
    assert Document._meta.get_field("file").storage.bucket_name == bucket.name


def test_an_uploaded_document_is_a_private_encrypted_object_and_downloads_back(client, bucket, person):
    client.force_login(person.user)
    response = client.post(f"/app/entrepreneurs/{person.pk}/documents/new/", {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    document = Document.objects.get()
    key = f"private/{document.file.name}"
    assert bucket.keys() == {key}
    assert bucket.body(key) == PDF
    head = bucket.client.head_object(Bucket=bucket.name, Key=key)
    assert head["ServerSideEncryption"] == "AES256"
    download = client.get(f"/app/documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "private, no-store"


def test_a_private_object_is_not_readable_without_credentials_and_has_no_url(bucket, person, coach):
    from interlab.crm import services

    document = services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("a.pdf", PDF))
    key = f"private/{document.file.name}"
    assert bucket.anonymous_get(key) == 403
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    with pytest.raises(ValueError):
        _ = document.file.url


def test_the_same_file_uploaded_twice_keeps_two_objects(bucket, person, coach):
    """On disk a taken name gets a suffix; the bucket must do the same, or one deletion would take both files."""
    from interlab.crm import services

    first = services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("a.pdf", PDF))
    second = services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("b.pdf", PDF))
    assert first.file.name != second.file.name
    assert len(bucket.keys("private/")) == 2


def test_a_dossier_pdf_reads_its_annex_from_the_bucket_and_is_stored_there(bucket, sync_tasks, project, coach):
    from interlab.dossiers import services
    from tests.dossiers.factories import filled_dossier, text_pdf_bytes, upload

    dossier = filled_dossier(project=project, coach=coach)
    services.annex_add(dossier=dossier, by=coach, uploaded=upload(text_pdf_bytes("ANNEXE-S3", 1)), title="Passeport")
    services.pdf_request(dossier=dossier, by=coach)
    build = DossierBuild.objects.get(dossier=dossier)
    assert build.state == BuildState.DONE, build.error
    key = f"private/{build.file.name}"
    assert key in bucket.keys("private/dossiers/")
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(bucket.body(key))).pages)
    assert "ANNEXE-S3" in text
    assert bucket.anonymous_get(key) == 403


def test_the_dossier_pdf_downloads_through_the_api(api, bucket, sync_tasks, project, coach):
    from tests.dossiers.factories import filled_dossier

    dossier = filled_dossier(project=project, coach=coach)
    assert api.post(f"/api/v1/dossiers/{dossier.pk}/pdf").status_code == 202
    response = api.get(f"/api/v1/dossiers/{dossier.pk}/pdf")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    build = DossierBuild.objects.get(dossier=dossier)
    assert data.startswith(b"%PDF") and data == bucket.body(f"private/{build.file.name}")


def test_an_annex_gone_from_the_bucket_fails_the_build_with_a_reason(bucket, sync_tasks, project, coach):
    from interlab.dossiers import services
    from tests.dossiers.factories import filled_dossier, text_pdf_bytes, upload

    dossier = filled_dossier(project=project, coach=coach)
    annex = services.annex_add(dossier=dossier, by=coach, uploaded=upload(text_pdf_bytes("X", 1)), title="Passeport")
    bucket.client.delete_object(Bucket=bucket.name, Key=f"private/{annex.document.file.name}")
    services.pdf_request(dossier=dossier, by=coach)
    build = DossierBuild.objects.get(dossier=dossier)
    assert build.state == BuildState.FAILED and "Passeport" in build.error
    assert bucket.keys("private/dossiers/") == set()


def test_the_member_card_is_printed_on_request_and_never_stored(client, bucket, entrepreneur_user):
    client.force_login(entrepreneur_user)
    response = client.get(reverse("tierslieu:member_card_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert bucket.keys() == set()


def test_the_erasure_deletes_the_objects_from_the_bucket(
    client, admin_user, bucket, sync_tasks, person, project, coach, django_capture_on_commit_callbacks
):
    from interlab.crm import services as crm_services
    from interlab.dossiers import services
    from tests.dossiers.factories import filled_dossier, text_pdf_bytes, upload

    crm_services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("a.pdf", PDF))
    dossier = filled_dossier(project=project, coach=coach)
    services.annex_add(dossier=dossier, by=coach, uploaded=upload(text_pdf_bytes("Y", 1)), title="Passeport")
    services.pdf_request(dossier=dossier, by=coach)
    assert len(bucket.keys("private/documents/")) == 2 and len(bucket.keys("private/dossiers/")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(admin_user)
        response = client.post(f"/api/v1/entrepreneurs/{person.pk}/erase")
    assert response.status_code in (200, 204), response.content
    assert bucket.keys("private/") == set()


def test_public_media_go_under_their_own_prefix_with_signed_urls(bucket):
    name = default_storage.save("images/probe.txt", ContentFile(b"public"))
    assert f"media/{name}" in bucket.keys("media/")
    url = default_storage.url(name)
    assert url.startswith(bucket.endpoint) and "Signature" in url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"public"


@pytest.mark.parametrize(
    "variables",
    [
        {"S3_MEDIA_PREFIX": "files", "S3_PRIVATE_PREFIX": "files"},
        {"S3_MEDIA_PREFIX": "files", "S3_PRIVATE_PREFIX": "files/private"},
        {"S3_PRIVATE_PREFIX": ""},
        {"S3_SERVER_SIDE_ENCRYPTION": "rot13"},
        {"S3_ADDRESSING_STYLE": "sideways"},
    ],
)
def test_settings_that_would_mix_or_misconfigure_the_stores_fail_at_start_up(monkeypatch, tmp_path, variables):
    monkeypatch.setenv("S3_BUCKET", "interlab-files")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured):
        file_storages(private_root=tmp_path)


def test_a_separate_private_bucket_may_use_any_prefix(monkeypatch, tmp_path):
    monkeypatch.setenv("S3_BUCKET", "interlab-media")
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "interlab-private")
    monkeypatch.setenv("S3_PRIVATE_PREFIX", "")
    monkeypatch.setenv("S3_PRIVATE_ACL", "")
    private = file_storages(private_root=tmp_path)["private"]["OPTIONS"]
    assert private["bucket_name"] == "interlab-private" and private["location"] == ""
    assert private["default_acl"] is None


def test_local_folders_stay_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    stores = file_storages(private_root=tmp_path)
    assert stores["private"] == {"BACKEND": "interlab.core.storage.PrivateStorage", "OPTIONS": {"location": tmp_path}}
    assert stores["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_backup_copies_the_objects_and_a_restore_puts_them_back(bucket, person, coach, tmp_path):
    from interlab.core.backup import _dump_files, _restore_files
    from interlab.crm import services

    document = services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("a.pdf", PDF))
    key = f"private/{document.file.name}"
    assert _dump_files(storages["private"], tmp_path / "private.tar")["count"] == 1
    bucket.client.delete_object(Bucket=bucket.name, Key=key)
    assert _restore_files(storages["private"], tmp_path / "private.tar") == 1
    assert bucket.keys() == {key} and bucket.body(key) == PDF
    assert bucket.client.head_object(Bucket=bucket.name, Key=key)["ServerSideEncryption"] == "AES256"
    assert bucket.anonymous_get(key) == 403
