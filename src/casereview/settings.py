"""One settings module, configured from the environment.

DATABASE_URL  unset: the embedded SQLite database (its path is printed by `runserver` and `demo`);
              postgres://user@host:port/name: PostgreSQL.
SECRET_KEY    required when DEBUG is off, at least 50 characters with some variety.
DEBUG         1/true/yes/on for development; off by default.
ALLOWED_HOSTS comma-separated host names; defaults to localhost names when DEBUG is on.
"""

import datetime as dt
import os
import sys
from pathlib import Path

import dj_database_url

from casereview.core.environment import (
    audit_key_problem,
    data_dir,
    documents_storage,
    env_bool,
    env_int,
    env_list,
    secret_key_problem,
    sqlite_default_path,
)

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    sys.exit(f"casereview: refusing to start with DEBUG off: {problem}")
if not SECRET_KEY:
    SECRET_KEY = "development-only-insecure-key-never-used-with-debug-off-0123456789"  # noqa: S105

# The audit trail's rows are sealed with this key (HMAC-SHA256), which is never in the
# database: someone who can write to the database cannot rewrite the trail and reseal it.
AUDIT_KEY = os.environ.get("AUDIT_KEY", "")
if not DEBUG and (problem := audit_key_problem(AUDIT_KEY, SECRET_KEY)):
    sys.exit(f"casereview: refusing to start with DEBUG off: {problem}")
if not AUDIT_KEY:
    AUDIT_KEY = "development-only-audit-key-never-used-with-debug-off"
# The newest sealed row, kept outside the database, so that rows removed from the end of the
# trail (or all of it) are found by `casereview audit verify`.
AUDIT_ANCHOR_PATH = os.environ.get("AUDIT_ANCHOR_PATH") or str(data_dir() / "audit-anchor.json")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (
    ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)

SQLITE_PATH = sqlite_default_path()
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions take the database lock at BEGIN, so the audit chain
    # is appended one writer at a time.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # The choices of a select are read in one statement, not through a cursor (DECLARE, FETCH,
    # CLOSE), and a transaction pooler such as PgBouncer can sit in front: nothing reads a table
    # through a server-side cursor (the audit trail's check reads it in batches by key).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "casereview.core",
    "casereview.accounts",
    "casereview.referrals",
    "casereview.themes",
    "casereview.learning",
    "casereview.reviews",
    "casereview.actionplans",
    "casereview.scrutiny",
    "casereview.documents",
    "casereview.search",
    "casereview.publication",
    "casereview.library",
    "casereview.reports",
    "casereview.exchange",
    "casereview.demo",
]

MIDDLEWARE = [
    "casereview.core.middleware.RequestIdMiddleware",
    "casereview.core.middleware.RequestLogMiddleware",
    # /health/ is answered here, above HTTPS redirects, the host check, sign-in and audit.
    "casereview.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "casereview.core.middleware.IdleExpirySessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casereview.accounts.middleware.SecondFactorRequiredMiddleware",
    "casereview.accounts.middleware.ActiveMembershipMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "casereview.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "casereview.urls"
WSGI_APPLICATION = "casereview.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casereview.accounts.context_processors.membership",
            ],
            "builtins": ["casereview.core.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "casereview.core.forms.GovUKFormRenderer"

# Security
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "casereview.accounts.passwords.GuessablePasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked username before its password
    # ModelBackend that reads the person with their memberships in one query.
    "casereview.accounts.backends.MemberBackend",
]
# Sign-in throttling (django-axes): five failures lock the username, whether or not it
# exists, for fifteen minutes; a success clears its count. The sign-in page says so in one
# message for everyone, and writes a "locked out" row to the audit trail.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "casereview.accounts.views.locked_out"
# Not by IP address: a partnership's staff often share one council or NHS address, and five
# mistyped passwords there would lock everyone out. Guessing one person's password is what
# the username lock stops; guessing many is slowed by Argon2 and seen by service admins.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# A second factor (an authenticator app's code) for every signed-in person. It may be turned
# off for development only.
MFA_REQUIRED = env_bool("MFA_REQUIRED", default=True)
if not DEBUG and not MFA_REQUIRED:
    sys.exit("casereview: refusing to start with DEBUG off: MFA_REQUIRED=0 is for development only")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Manage case reviews")

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

SESSION_COOKIE_AGE = 30 * 60  # idle expiry: renewed by requests, at most once a minute
# IdleExpirySessionMiddleware renews the session instead of a write on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

HTTPS = env_bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "casereview.core.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# Background work (reminders) runs in `casereview db_worker`: the queue is a database table,
# so nothing beyond the database need be installed.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "case-reviews@localhost")
SERVICE_URL = os.environ.get("SERVICE_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
# Where `collectstatic` gathers the static files (`casereview serve` sets it, under the data
# directory by default). Set, their names carry a hash of their contents and WhiteNoise tells
# browsers to keep them for ten years; unset (development, tests), they are served from the
# package as they are.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_ROOT
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # Reviews' documents (casereview.documents): a folder under the data directory, or an
    # S3-compatible bucket. Never served from a public path: each download goes through the
    # permission table and the audit trail.
    "documents": documents_storage(data_dir()),
}
# The largest file a document may have.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", default=25 * 1024 * 1024)
WHITENOISE_USE_FINDERS = not STATIC_ROOT
WHITENOISE_AUTOREFRESH = DEBUG

# One JSON line per request on stdout (core.middleware.RequestLogMiddleware); the rest of the
# service's messages on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "message",
        },
    },
    "loggers": {
        "casereview.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
