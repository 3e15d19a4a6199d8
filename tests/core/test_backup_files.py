"""The file part of backups: every stored file is found through the storage API, and a tar cannot write outside."""

import io
import tarfile

import pytest
from django.core.files.base import ContentFile

from interlab.core.backup import BackupError, _dump_files, _restore_files, stored_names
from interlab.core.storage import PrivateStorage


def test_every_file_of_nested_folders_is_found(tmp_path):
    storage = PrivateStorage(location=tmp_path / "store")
    for name in ("a.pdf", "documents/1/b.pdf", "documents/2/c/d.png"):
        storage.save(name, ContentFile(name.encode()))
    assert list(stored_names(storage)) == ["a.pdf", "documents/1/b.pdf", "documents/2/c/d.png"]
    assert list(stored_names(PrivateStorage(location=tmp_path / "never-made"))) == []


def test_files_come_back_byte_for_byte_under_their_names(tmp_path):
    source = PrivateStorage(location=tmp_path / "source")
    source.save("documents/1/b.pdf", ContentFile(b"%PDF one"))
    source.save("dossiers/3/x.pdf", ContentFile(b"%PDF two"))
    summary = _dump_files(source, tmp_path / "files.tar")
    assert summary["count"] == 2 and summary["bytes"] == 16
    target = PrivateStorage(location=tmp_path / "target")
    target.save("documents/1/b.pdf", ContentFile(b"older bytes"))
    assert _restore_files(target, tmp_path / "files.tar") == 2
    assert target.open("documents/1/b.pdf").read() == b"%PDF one"
    assert target.open("dossiers/3/x.pdf").read() == b"%PDF two"


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/escape.txt", "documents/../../escape.txt"])
def test_a_tar_member_outside_the_store_is_refused(tmp_path, name):
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo(name)
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    with pytest.raises(BackupError):
        _restore_files(PrivateStorage(location=tmp_path / "store"), archive)
    assert not (tmp_path / "escape.txt").exists()
