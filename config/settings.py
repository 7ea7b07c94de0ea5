"""The one settings file of interfirm, driven by the environment.

Every value a deployment changes is read from an environment variable with a typed helper from
``interfirm.lib.env``; a bad value stops start-up with a message naming the variable. With nothing set,
the site runs in development mode on SQLite under ``var/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from interfirm.lib.env import EnvError, env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("INTERFIRM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# The test suite sets INTERFIRM_TESTING (the Makefile and conftest.py do); pytest also implies it.
TESTING = env_bool("INTERFIRM_TESTING", default=False) or "pytest" in sys.modules

_DEV_SECRET = "django-insecure-development-key-only-for-a-local-checkout-never-in-production"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise EnvError("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The name of this installation: carried with every object it publishes to the network.
INSTALLATION_ID = env_str("INTERFIRM_INSTALLATION_ID", "local")
INSTALLATION_NAME = env_str("INTERFIRM_INSTALLATION_NAME", "interfirm")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "interfirm.accounts.admin_site.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "interfirm.lib",
    "interfirm.audit",
    "interfirm.geo",
    "interfirm.sectors",
    "interfirm.accounts",
    "interfirm.firms",
    "interfirm.intermediaries",
    "interfirm.opportunities",
    "interfirm.introductions",
    "interfirm.notifications",
    "interfirm.search",
    "interfirm.transfer",
    "interfirm.readiness",
    "interfirm.instruments",
    "interfirm.partnerships",
    "interfirm.cases",
    "interfirm.insights",
    "interfirm.matching",
    "interfirm.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "interfirm.accounts.middleware.ActiveOrganisationMiddleware",
    "interfirm.lib.middleware.NulCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "interfirm.lib.middleware.ApiMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interfirm.accounts.context_processors.organisation",
                "interfirm.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite under var/ by default (WAL mode, set on each connection); PostgreSQL when DATABASE_URL says so.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "interfirm.sqlite3"),
            # Kept open between requests of a thread: opening one and setting its pragmas on every page
            # costs more than most pages' queries.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
# Shared between processes (login throttling relies on it): the database by default, so that no
# extra service is needed; a Redis URL in CACHE_URL for larger installations.
CACHE_URL = env_str("CACHE_URL", "")
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "interfirm_cache"}
    }

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["interfirm.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 stays the production hasher; tests hash thousands of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# Login throttling: after this many failures for one e-mail address or one client address within the
# window, further attempts are refused until the window has passed.
LOGIN_THROTTLE_FAILURES = env_int("LOGIN_THROTTLE_FAILURES", 5)
LOGIN_THROTTLE_WINDOW_SECONDS = env_int("LOGIN_THROTTLE_WINDOW_SECONDS", 15 * 60)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# --- E-mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "interfirm <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING or env_bool("TASKS_IMMEDIATE", default=False)
        else "django_tasks_db.DatabaseBackend"
    }
}

# --- Notifications ------------------------------------------------------------------------------
# The class that hands an SMS to a gateway (dotted path, see interfirm/notifications/channels.py).
# The default records each message in the SMS outbox that operators read in the admin.
SMS_BACKEND = env_str("SMS_BACKEND", "interfirm.notifications.channels.RecordingSmsBackend")
# A delivery that failed is retried after RETRY_BASE_SECONDS, then twice as long each time, and
# given up after MAX_ATTEMPTS attempts (then only an operator's "retry now" sends it again).
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 6)
NOTIFICATION_RETRY_BASE_SECONDS = env_int("NOTIFICATION_RETRY_BASE_SECONDS", 300)

# --- Reference data -----------------------------------------------------------------------------
# Which grouping of economies defines North and South for corridors: the UN's (developed / developing /
# transition, the default and the language of the source report) or the World Bank's income groups
# (high income = North).
CORRIDOR_GROUPING = env_choice("INTERFIRM_CORRIDOR_GROUPING", ("un", "world_bank"), "un")

# --- Opportunities ------------------------------------------------------------------------------
# Review thresholds, each of the four criteria scored 0-5: any criterion below REJECT_BELOW rejects;
# all criteria at PUBLISH_MIN or more publish; anything between puts the opportunity on hold.
OPPORTUNITY_REVIEW_PUBLISH_MIN = env_int("OPPORTUNITY_REVIEW_PUBLISH_MIN", 3)
OPPORTUNITY_REVIEW_REJECT_BELOW = env_int("OPPORTUNITY_REVIEW_REJECT_BELOW", 1)
# The owner is reminded this many days before the deadline (once for each number).
try:
    _reminder_days = {int(day) for day in env_list("OPPORTUNITY_REMINDER_DAYS", ["14", "2"])}
    OPPORTUNITY_REMINDER_DAYS = sorted(_reminder_days, reverse=True)
except ValueError as error:
    raise EnvError("OPPORTUNITY_REMINDER_DAYS must be whole numbers separated by commas: 14,2") from error
# The deadline offered for a new opportunity, and the latest allowed, in months from today.
OPPORTUNITY_DEFAULT_DEADLINE_MONTHS = env_int("OPPORTUNITY_DEFAULT_DEADLINE_MONTHS", 6)
OPPORTUNITY_MAX_DEADLINE_MONTHS = env_int("OPPORTUNITY_MAX_DEADLINE_MONTHS", 24)

# --- Introductions ------------------------------------------------------------------------------
# At most this many expressions of interest a firm may have waiting for an answer at once, and the
# days after which an unanswered one expires.
EOI_MAX_OPEN_PER_FIRM = env_int("EOI_MAX_OPEN_PER_FIRM", 5)
EOI_EXPIRY_DAYS = env_int("EOI_EXPIRY_DAYS", 30)

# --- Readiness ------------------------------------------------------------------------------------
# The lowest readiness level a firm needs before its opportunities can be published: not_ready,
# emerging, ready or experienced; empty (the default) turns the gate off.
READINESS_MIN_LEVEL_TO_PUBLISH = env_choice(
    "READINESS_MIN_LEVEL_TO_PUBLISH", ("", "not_ready", "emerging", "ready", "experienced"), ""
)

# --- Partnerships ---------------------------------------------------------------------------------
# Months between two check-ins of a partnership, counted from the signed agreement.
PARTNERSHIP_CHECKIN_MONTHS = env_int("PARTNERSHIP_CHECKIN_MONTHS", 3)

# --- Matching -------------------------------------------------------------------------------------
# Weights of the matching features, overriding the algorithm's own, as "feature=weight,…"
# (e.g. "size_complementarity=0.5,readiness=1.5"); empty keeps the algorithm's weights.
try:
    MATCHING_WEIGHTS = {
        name.strip(): float(weight)
        for name, weight in (item.split("=", 1) for item in env_list("MATCHING_WEIGHTS", []))
    }
except ValueError as error:
    raise EnvError("MATCHING_WEIGHTS must read feature=weight,feature=weight") from error
# How long a viewer's stored suggestions of an older index version (every publication stamps a new
# one) are still shown while a background task computes them again; older ones are computed while the
# page waits. 0 always computes while the page waits (an installation without a task worker).
MATCHING_STALE_SECONDS = env_int("MATCHING_STALE_SECONDS", 900)

# --- Transfer (bulk import and export) ------------------------------------------------------------
# The largest file accepted for import, the most rows in one file, and how long a file uploaded for a
# dry run is kept for the import that follows.
TRANSFER_MAX_UPLOAD_BYTES = env_int("TRANSFER_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
TRANSFER_MAX_ROWS = env_int("TRANSFER_MAX_ROWS", 10_000)
TRANSFER_UPLOAD_KEEP_HOURS = env_int("TRANSFER_UPLOAD_KEEP_HOURS", 24)

# --- Search -------------------------------------------------------------------------------------
# How long facet counts of one search stay cached (seconds; 0 = never). The cache is keyed by the
# index's version, so a change of the index is seen at once; this only bounds a rare race.
SEARCH_FACET_CACHE_SECONDS = env_int("SEARCH_FACET_CACHE_SECONDS", 0 if TESTING else 120)

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_HTTPS = env_bool("HTTPS", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS and env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not _HTTPS else ["security.W021"]

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
