"""Storage for personal files: on disk outside MEDIA_ROOT, and with no URL at all."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files are served only by authorised views that stream them; asking for a URL is a bug."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through an authorised view.")
