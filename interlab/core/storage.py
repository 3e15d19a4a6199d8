"""Storage for personal files: on disk outside MEDIA_ROOT, or in a bucket (core.s3), and with no URL at all.

Code that touches stored files goes through the storage API (open, save, delete, exists, size), never a
filesystem path, so the same code runs on local folders and on S3-compatible storage.
"""

import logging

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

NO_URL = "Private files have no public URL; serve them through an authorised view."

logger = logging.getLogger(__name__)


def delete_after_commit(storage, name: str) -> None:
    """Delete a stored file once the transaction that forgets it commits (a rollback keeps both).

    The rows are already gone by then: a storage that fails (a bucket away) must not turn the committed
    erasure into an error page. The failure is logged with the object's key for an operator to remove it.
    """

    def delete() -> None:
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 - any storage error: the data change is committed and stays
            logger.error("storage: could not delete %s; remove it by hand", name, exc_info=True)

    transaction.on_commit(delete)


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
