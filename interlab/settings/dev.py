"""Local development: DEBUG on unless the environment says otherwise, a fixed development key."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-for-anything-real-0123456789")
# Text messages are printed on the console unless a provider is configured.
SMS_BACKEND = env_str("SMS_BACKEND", "interlab.core.sms.ConsoleBackend")
