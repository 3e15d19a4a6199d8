"""Storage for personal files: on disk outside MEDIA_ROOT, or in a bucket (core.s3), and with no URL at all.

Code that touches stored files goes through the storage API (open, save, delete, exists, size), never a
filesystem path, so the same code runs on local folders and on S3-compatible storage.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

NO_URL = "Private files have no public URL; serve them through an authorised view."


class PrivateStorage(FileSystemStorage):
    """Files are served only by authorised views that stream them; asking for a URL is a bug."""

    def url(self, name):
        raise ValueError(NO_URL)


class _PrivateStorageProxy(LazyObject):
    """storages["private"], looked up again whenever the STORAGES setting changes (as default_storage is)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorageProxy()


@receiver(setting_changed)
def _private_storage_changed(*, setting, **kwargs):
    # Model fields hold this proxy: a test overriding STORAGES (or a reload) must reach them too.
    if setting == "STORAGES":
        private_storage._wrapped = empty
