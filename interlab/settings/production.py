"""Production: DEBUG off, secrets and hosts from the environment, every secure default on."""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, MIDDLEWARE, SECRET_KEY, STORAGES
from .env import env_bool, env_int

DEBUG = False
# The key only ever comes from the environment; the placeholders of the dev and test settings are refused too.
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer checks the nodes over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# An admin reaches nothing before setting up a second factor (interlab/core/two_factor.py).
MFA_REQUIRED_FOR_ADMINS = env_bool("MFA_REQUIRED_FOR_ADMINS", True)
if SECURE_SSL_REDIRECT:
    # Served over HTTPS: any http:// address left in content (a pasted image link) is fetched over HTTPS.
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
    }

# Static files: served by the app itself through WhiteNoise, with or without a proxy in front. collectstatic
# writes each file under a name carrying a hash of its content, plus gzip and brotli copies; WhiteNoise sends
# the copy the browser accepts, and lets browsers and proxies keep a hashed file for good (a new content gets a
# new name). Right after SecurityMiddleware: the HTTPS redirect and the security headers still apply to them.
_AFTER_SECURITY = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_AFTER_SECURITY],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_AFTER_SECURITY:],
]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
# Source maps are fetched by developer tools only; compressing them took a third of collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
