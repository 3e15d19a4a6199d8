"""Settings shared by every environment; everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str
from .files import file_storages

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("INTERLAB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "interlab.core.views.csrf_failure"

INSTALLED_APPS = [
    "interlab.core",
    "interlab.crm",
    "interlab.mentoring",
    "interlab.tierslieu",
    "interlab.dossiers",
    "interlab.impact",
    "cms",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_htmx",
    "csp",
    "ninja",  # serves Swagger UI from our static files (the CDN version runs an inline script the CSP refuses)
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Two-factor for staff (interlab/core/two_factor.py): allauth.mfa's authenticators, forms and checks; it needs
    # allauth.account underneath, whose own login and sign-up views are not mounted.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "interlab.core.csp.InterLabCSPMiddleware",
    "interlab.core.middleware.RejectNulMiddleware",
    "interlab.core.middleware.ApiErrorShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "interlab.core.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "interlab.urls"
WSGI_APPLICATION = "interlab.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interlab.core.context_processors.notifications",
                "interlab.core.context_processors.two_factor",
                "interlab.crm.context_processors.my_tasks",
            ],
        },
    },
]

# Database: a SQLite file in var/ for a first run, PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "interlab.sqlite3"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE takes the write lock at BEGIN, so check-then-write services stay race-free; WAL lets the
    # web process and the worker read while one of them writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read from Redis and written through to the database (kept if Redis restarts empty): one
    # query less on every page.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "interlab_cache"}}

Q_CLUSTER = {
    "name": "interlab",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 3,
    "catch_up": False,
    "label": "Tâches de fond",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "interlab.core.auth.NotDemoPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("nl", "Nederlands"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("es", "Español"),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page created in one language appears in the others as an alias until an editor translates it.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Development and tests serve the files from the apps' folders (staticfiles' finders); production collects them
# into STATIC_ROOT and serves them through WhiteNoise (settings/production.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Personal documents never live under MEDIA_ROOT: they have no public URL at all.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# Local folders by default; an S3-compatible bucket when S3_BUCKET is set (see settings/files.py).
STORAGES = {
    **file_storages(private_root=PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where `make backup` writes (manage.py backup / restore, see interlab/core/backup.py).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))

UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)
# A compressed upload (an XLSX import) is refused before anything unpacks it beyond these bounds
# (interlab.core.uploads.check_archive): a 5000-row workbook of people unpacks to a few megabytes.
ARCHIVE_MAX_MEMBERS = env_int("ARCHIVE_MAX_MEMBERS", 500)
ARCHIVE_MAX_MEMBER_BYTES = env_int("ARCHIVE_MAX_MEMBER_BYTES", 20 * 1024 * 1024)
ARCHIVE_MAX_UNPACKED_BYTES = env_int("ARCHIVE_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
ARCHIVE_MAX_RATIO = env_int("ARCHIVE_MAX_RATIO", 100)
ARCHIVE_RATIO_FROM_BYTES = env_int("ARCHIVE_RATIO_FROM_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Failed logins (web form and API token endpoint together) before a lock: per account, and per client address
# whatever accounts it tries (a password spray). Both last LOGIN_LOCKOUT_MINUTES.
LOGIN_LOCKOUT_FAILURES = env_int("LOGIN_LOCKOUT_FAILURES", 5)
LOGIN_LOCKOUT_ADDRESS_FAILURES = env_int("LOGIN_LOCKOUT_ADDRESS_FAILURES", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# How long an API token (POST /api/v1/auth/token) opens the API; a password change revokes them all sooner.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 30)
# How long an invitation's code (or a new-password code a coach hands over) can be used; a new one kills the old.
INVITATION_LIFETIME_DAYS = env_int("INVITATION_LIFETIME_DAYS", 7)
# How long the link of a password reset by e-mail works (Django's own setting, in seconds).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 24 * 3600)
# How many reverse proxies in front of the app append to X-Forwarded-For. 0: the header is ignored (it can be
# forged) and REMOTE_ADDR is the client. See interlab.core.net.client_ip, which every security check uses.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Refuses the demo password outside DEBUG, on every login path (see interlab.core.auth).
AUTHENTICATION_BACKENDS = ["interlab.core.auth.InterLabModelBackend"]
# The Wagtail admin's login page counts failures and locks out like every other login.
WAGTAILADMIN_USER_LOGIN_FORM = "interlab.core.forms.LockoutWagtailLoginForm"

# Content-Security-Policy on every response, in every environment (so the browser tests catch a violation):
# scripts and styles only from our own files, never inline, never eval. Extra origins for images and media
# (an S3 bucket serving public images) come from CSP_MEDIA_ORIGINS.
_CSP_MEDIA = ["'self'", "data:", *env_list("CSP_MEDIA_ORIGINS", [])]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _CSP_MEDIA,
        "media-src": _CSP_MEDIA,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Videos editors embed in the public pages' rich text (Wagtail embeds); nothing else is framed.
        "frame-src": env_list(
            "CSP_FRAME_ORIGINS",
            ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        ),
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # Browsers post what the policy blocked here; it is logged (interlab.core.csp.csp_report).
        "report-uri": ["/csp-report/"],
    }
}
# Third-party screens that still need inline scripts or styles, relaxed by path prefix only (see
# interlab.core.csp): the Wagtail admin (its page editor and previews in frames of its own), the Django admin,
# and the API's Swagger page. Each directive listed replaces the strict one for that prefix.
_CSP_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": [*_CSP_MEDIA, "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CSP_PATH_RELAXATIONS = {
    "/cms-admin/": _CSP_ADMIN,
    "/django-admin/": _CSP_ADMIN,
    "/api/v1/docs": {"style-src": ["'self'", "'unsafe-inline'"]},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "InterLab <noreply@interlab.local>")
# The one address of the site, for every absolute link sent out (e-mails, SMS, calendar feeds) and the domain of
# the e-mails' Message-ID. Development: the port `make run` serves on (PORT), so links work out of the box.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")
# Text messages: the dotted path of a provider's back end (interlab.core.sms); empty, no SMS is sent.
SMS_BACKEND = env_str("SMS_BACKEND", "")
# The country (ISO 3166 code) of phone numbers written without their international prefix.
SMS_DEFAULT_REGION = env_str("SMS_DEFAULT_REGION", "BE")
# Notifications are delivered (e-mail, SMS) by the background worker; tests deliver them in-process.
NOTIFICATIONS_SYNC = env_bool("NOTIFICATIONS_SYNC", False)

WAGTAIL_SITE_NAME = "InterLab"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No Gravatar: admins' e-mail hashes are not sent to a third party, and the admin's images stay on our origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call home from the admin's dashboard to releases.wagtail.org (the CSP's connect-src would refuse it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# How many cards each board column shows; the column header always carries the full count.
BOARD_CARDS_PER_COLUMN = env_int("BOARD_CARDS_PER_COLUMN", 25)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Two-factor (interlab/core/two_factor.py): an account with an authenticator gives its code after its password,
# on every login path. When MFA_REQUIRED_FOR_ADMINS is on, an admin without one is sent to set one up first.
MFA_REQUIRED_FOR_ADMINS = env_bool("MFA_REQUIRED_FOR_ADMINS", False)
# An authenticator app (TOTP), passkeys (WebAuthn, as a second step after the password; passwordless login is
# not offered), and the recovery codes made with the first of them. A passkey alone meets the admins' rule.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "InterLab")
# The relying party of a passkey is the host the browser is on (allauth's default, from the request, which
# ALLOWED_HOSTS vouches for); InterLabMFAAdapter names it after the site. MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays
# off everywhere: fido2 already accepts http://localhost (a secure context for browsers, as are the browser tests'
# live server and `make run` opened on localhost), and the flag would only switch the origin check off.
MFA_ADAPTER = "interlab.core.two_factor.InterLabMFAAdapter"
# Recovery codes are shown once, when made; a lost sheet is replaced by new codes, which asks the password.
MFA_RECOVERY_CODES_SHOW_ONCE = True
# allauth would ask the password again (its own reauthentication page, not mounted) before an authenticator is
# added. InterLab's setup page is reached only from a session that passed its second step, and adding one needs the
# new app's code or the new passkey itself. What weakens the account (removing an authenticator, new recovery
# codes) asks the password or a current code on InterLab's own confirmation page (views_two_factor._confirmation).
MFA_REAUTHENTICATION_REQUIRED = False
