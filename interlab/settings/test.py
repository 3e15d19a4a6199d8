"""Test settings: fast hashing, mail kept in memory, a SQLite file the worker process can share."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, VAR_DIR
from .env import env_str

SECRET_KEY = env_str("SECRET_KEY", "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "interlab.core.sms.LocmemBackend"
SITE_URL = "https://interlab.test"
NOTIFICATIONS_SYNC = True
if env_str("INTERLAB_TEST_EMAIL_DIR"):
    # A worker process started by an end-to-end test writes its mail where the test can read it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("INTERLAB_TEST_EMAIL_DIR")
ALLOWED_HOSTS = ["*"]
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
if STORAGES["private"]["BACKEND"] == "interlab.core.storage.PrivateStorage":
    STORAGES = {**STORAGES, "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}}}
# One test database per test process, so two runs on one machine never trample each other.
_RUN = os.getpid()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: end-to-end tests start a real qcluster process on the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-interlab-{_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_interlab_{_RUN}"}
