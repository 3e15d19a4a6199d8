"""Storage classes for S3-compatible buckets, used when S3_BUCKET is set (kept apart: boto3 is slow to import)."""

from storages.backends.s3 import S3Storage

from interlab.core.storage import NO_URL


class PrivateS3Storage(S3Storage):
    """Personal files in a bucket: private ACL, no URL (not even a signed one), never overwritten.

    A name already taken gets a suffix, as on disk: two rows must never share one object, or deleting
    one would take the other's file.
    """

    default_acl = "private"
    file_overwrite = False
    querystring_auth = True

    def url(self, name, *args, **kwargs):
        raise ValueError(NO_URL)


class MediaS3Storage(S3Storage):
    """Public media (Wagtail images and documents) in a bucket, served by short-lived signed URLs."""

    file_overwrite = False
    querystring_auth = True
