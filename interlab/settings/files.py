"""Where files live: local folders by default, an S3-compatible bucket when `S3_BUCKET` is set.

Two stores: "default" holds public media (Wagtail images and documents), "private" holds personal files
(uploads, dossier PDFs) that have no URL at all and are streamed by authorised views.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

SERVER_SIDE_ENCRYPTION = {"", "AES256", "aws:kms"}
ADDRESSING_STYLES = {"auto", "path", "virtual"}


def _prefix(name: str, default: str) -> str:
    return env_str(name, default).strip().strip("/")


def file_storages(*, private_root: Path) -> dict:
    """The STORAGES entries for public media and private files, read from the environment."""
    bucket = env_str("S3_BUCKET").strip()
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "interlab.core.storage.PrivateStorage", "OPTIONS": {"location": private_root}},
        }
    endpoint = env_str("S3_ENDPOINT_URL").strip() or None
    style = env_str("S3_ADDRESSING_STYLE", "path" if endpoint else "auto").strip()
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(f"S3_ADDRESSING_STYLE must be one of {sorted(ADDRESSING_STYLES)}, not {style!r}")
    encryption = env_str("S3_SERVER_SIDE_ENCRYPTION").strip()
    if encryption not in SERVER_SIDE_ENCRYPTION:
        raise ImproperlyConfigured(f"S3_SERVER_SIDE_ENCRYPTION must be AES256, aws:kms or empty, not {encryption!r}")
    private_bucket = env_str("S3_PRIVATE_BUCKET").strip() or bucket
    media_prefix = _prefix("S3_MEDIA_PREFIX", "media")
    private_prefix = _prefix("S3_PRIVATE_PREFIX", "private")
    if private_bucket == bucket and (
        not media_prefix
        or not private_prefix
        or media_prefix == private_prefix
        or media_prefix.startswith(private_prefix + "/")
        or private_prefix.startswith(media_prefix + "/")
    ):
        # Public media and personal files must never share a key space: a listing or a bucket policy
        # meant for one would reach the other.
        raise ImproperlyConfigured(
            "S3_MEDIA_PREFIX and S3_PRIVATE_PREFIX must be distinct, non-empty and not nested "
            "when public media and private files share one bucket (or set S3_PRIVATE_BUCKET)."
        )
    common = {
        "endpoint_url": endpoint,
        "region_name": env_str("S3_REGION").strip() or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": None if style == "auto" else style,
        "object_parameters": {"ServerSideEncryption": encryption} if encryption else {},
    }
    return {
        "default": {
            "BACKEND": "interlab.core.s3.MediaS3Storage",
            "OPTIONS": {**common, "bucket_name": bucket, "location": media_prefix},
        },
        "private": {
            "BACKEND": "interlab.core.s3.PrivateS3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "location": private_prefix,
                "default_acl": env_str("S3_PRIVATE_ACL", "private").strip() or None,
            },
        },
    }
