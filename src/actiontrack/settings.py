"""ActionTrack's one settings module: every value comes from the environment.

Defaults are safe for local use: SQLite under ACTIONTRACK_DATA_DIR (var/),
debug off. `.env.example` lists every variable.
"""

from __future__ import annotations

import contextlib
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env_str(name: str, default: str = "") -> str:
    """Return an environment variable as text."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return an environment variable as a boolean ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return an environment variable as a whole number."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("ACTIONTRACK_DATA_DIR", str(PROJECT_DIR / "var"))).resolve()
# The database, key and stored files are for the service's own user only.
with contextlib.suppress(OSError):
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    DATA_DIR.chmod(0o700)
DEBUG = env_bool("ACTIONTRACK_DEBUG")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    # A per-installation key kept beside the database, so sessions survive restarts
    # without anyone having to invent a key for local use.
    _key_file = DATA_DIR / "secret_key"
    if _key_file.exists():
        SECRET_KEY = _key_file.read_text().strip()
    else:
        from django.core.management.utils import get_random_secret_key

        SECRET_KEY = get_random_secret_key()
        try:
            _key_file.write_text(SECRET_KEY)
            _key_file.chmod(0o600)
        except OSError:
            pass

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "actiontrack.accounts",
    "actiontrack.plans",
    "actiontrack.importer",
    "django_tasks",
    "django_tasks_db",
    "actiontrack.rounds",
    "actiontrack.dashboards",
    "actiontrack.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "actiontrack.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "actiontrack.headers.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "actiontrack.accounts.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "actiontrack.urls"
WSGI_APPLICATION = "actiontrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "actiontrack.sqlite3"),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # each role lands on what it needs: see dashboards.views.home
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out from one address after this many failed sign-ins in a row, for a while.
AXES_FAILURE_LIMIT = env_int("ACTIONTRACK_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ACTIONTRACK_LOCKOUT_MINUTES", 15))
# Username and address together, so someone guessing cannot lock a colleague out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful sign-in clears the count: a typo a day never adds up to a lockout.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "actiontrack.accounts.lockout.locked_out"
AXES_WHITELIST_CALLABLE = "actiontrack.accounts.lockout.is_not_a_password_attempt"
# No start-up banner in every command's output; lockouts are still logged.
AXES_VERBOSE = False
if env_bool("ACTIONTRACK_BEHIND_HTTPS_PROXY"):
    # Behind the proxy every request comes from it: count by the client's address it forwards.
    AXES_CLIENT_IP_CALLABLE = "actiontrack.accounts.lockout.forwarded_client_ip"

# Single sign-on by OpenID Connect (mozilla-django-oidc): on when a client ID is set.
OIDC_RP_CLIENT_ID = env_str("ACTIONTRACK_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("ACTIONTRACK_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("ACTIONTRACK_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("ACTIONTRACK_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("ACTIONTRACK_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("ACTIONTRACK_OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("ACTIONTRACK_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds; a provider that does not answer must not hang a worker
OIDC_CREATE_USER = env_bool("ACTIONTRACK_OIDC_CREATE_USERS")
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
SSO_NAME = env_str("ACTIONTRACK_OIDC_NAME", "your organisation")
if SSO_ENABLED:
    _sso_missing = [
        name
        for name, value in [
            ("ACTIONTRACK_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("ACTIONTRACK_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("ACTIONTRACK_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("ACTIONTRACK_OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            # Tokens signed with a shared secret (HS256) need no keys; RS256 and ES256 do.
            ("ACTIONTRACK_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT or OIDC_RP_SIGN_ALGO.startswith("HS")),
        ]
        if not value
    ]
    if _sso_missing:
        raise ImproperlyConfigured(f"ACTIONTRACK_OIDC_CLIENT_ID is set, so set {', '.join(_sso_missing)} too")
    AUTHENTICATION_BACKENDS.append("actiontrack.accounts.oidc.InvitedUserOIDCBackend")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
with contextlib.suppress(OSError):  # WhiteNoise expects it, even before collectstatic
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
ASSETS_DIR = Path(env_str("ACTIONTRACK_ASSETS_DIR", str(PROJECT_DIR / "node_modules"))).resolve()
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("govuk", ASSETS_DIR / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the finders when nobody has run collectstatic (tests, development).
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("ACTIONTRACK_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("ACTIONTRACK_SESSION_SECONDS", 8 * 60 * 60)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"
if env_bool("ACTIONTRACK_BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Secure cookies mean the site is served over HTTPS: then insist on it.
if SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = env_int("ACTIONTRACK_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ACTIONTRACK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("ACTIONTRACK_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain for months: the domain's owner decides, not the app.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_SSL_REDIRECT = env_bool("ACTIONTRACK_HTTPS_REDIRECT", True)
    # Load balancers check health over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Only what the pages load from ActionTrack itself: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the empty favicon in base.html
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

PAGE_SIZE = env_int("ACTIONTRACK_PAGE_SIZE", 25)

# Uploads larger than this go to a temporary file instead of memory; the importer's own
# limit (MAX_UPLOAD_BYTES) refuses anything too big to read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ACTIONTRACK_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every page it lays out at INFO; its warnings (a bad stylesheet or image) stay.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# Where the shared seed plans live: the demo loads them.
SHARED_DIR = Path(env_str("ACTIONTRACK_SHARED_DIR", str(PROJECT_DIR.parent / "shared"))).resolve()

# Links in e-mails and printed by commands start with this (no request to take the host from).
BASE_URL = env_str("ACTIONTRACK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long an invitation to set a password stays usable.
INVITATION_DAYS = env_int("ACTIONTRACK_INVITATION_DAYS", 7)

# E-mail: SMTP when EMAIL_HOST is set, else written to the console (the demo, local use).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ActionTrack <actiontrack@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Background tasks (e-mail) are queued in the database and run by `actiontrack worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Evidence files: private, under the data directory (never a public URL), or in S3-compatible
# storage through django-storages when ACTIONTRACK_S3_BUCKET is set.
EVIDENCE_MAX_BYTES = env_int("ACTIONTRACK_EVIDENCE_MAX_MB", 20) * 1024 * 1024
_s3_bucket = env_str("ACTIONTRACK_S3_BUCKET")
if _s3_bucket:
    _evidence_storage: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env_str("ACTIONTRACK_S3_ENDPOINT_URL") or None,
            "access_key": env_str("ACTIONTRACK_S3_ACCESS_KEY") or None,
            "secret_key": env_str("ACTIONTRACK_S3_SECRET_KEY") or None,
            "region_name": env_str("ACTIONTRACK_S3_REGION") or None,
            "location": "evidence",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _evidence_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # base_url None: these files have no URL; the access-checked view serves them.
        "OPTIONS": {"location": str(DATA_DIR / "evidence"), "base_url": None},
    }
STORAGES["evidence"] = _evidence_storage

# Import drafts waiting to be confirmed: how long they are kept, and how many one person may have.
IMPORT_DRAFT_DAYS = env_int("ACTIONTRACK_IMPORT_DRAFT_DAYS", 14)
IMPORT_DRAFT_QUOTA = env_int("ACTIONTRACK_IMPORT_DRAFT_QUOTA", 10)
