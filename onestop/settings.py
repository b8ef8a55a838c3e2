"""OneStop settings: one env-driven file (12-factor), in the style of Healthchecks.

SQLite and the database task queue work out of the box; DATABASE_URL switches to PostgreSQL,
REDIS_URL adds Redis, EMAIL_HOST turns on email and LINE_CHANNEL_SECRET turns on LINE.
DJANGO_ENV=production turns on the production hardening (see docs/deployment.md).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# pythainlp must never try to write ~/pythainlp-data (read-only deployments, CI).
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


def envstr(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = envstr("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"
# pytest imports this module itself; ONESTOP_TESTING lets other runners opt in.
TESTING = envbool("ONESTOP_TESTING", False) or "pytest" in sys.modules

DEBUG = envbool("DEBUG", not PRODUCTION and not TESTING)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) must be set when DJANGO_ENV=production")
    # Development only: a fixed, obviously unsafe key so sessions survive restarts.
    SECRET_KEY = "dev-insecure-onestop-key-do-not-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    # Two-factor sign-in: TOTP (an authenticator app) and one-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "onestop.core",
    "onestop.geo",
    "onestop.centers",
    "onestop.accounts",
    "onestop.audit",
    "onestop.directory",
    "onestop.notifications",
    "onestop.intake",
    "onestop.persons",
    "onestop.cases",
    "onestop.referrals",
    "onestop.welfare",
    "onestop.volunteers",
    "onestop.events",
    "onestop.giving",
    "onestop.opendata",
    "onestop.outcomes",
    "onestop.reports",
    "onestop.research",
    "onestop.privacy",
    "onestop.public",
    "onestop.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "onestop.core.middleware.RequestContextMiddleware",
    "onestop.core.middleware.NulRefusalMiddleware",
    "onestop.core.middleware.ApiSlashMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "onestop.core.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when the session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "onestop.api.middleware.ApiTokenMiddleware",
    "onestop.api.middleware.BodyLimitMiddleware",
    "onestop.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After the token middleware (a token request is not a session and is not gated here), the
    # messages (the time-limit notice) and the security headers (which their answers carry too).
    "onestop.accounts.middleware.SessionLimitMiddleware",
    "onestop.accounts.middleware.SecondFactorMiddleware",
    "onestop.accounts.middleware.CenterScopeMiddleware",
    # Axes last, as its documentation asks: it turns lockouts into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "onestop.urls"
WSGI_APPLICATION = "onestop.wsgi.application"

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
                "csp.context_processors.nonce",
                "onestop.core.context_processors.onestop",
            ],
            "builtins": ["onestop.core.templatetags.onestop"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'onestop.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the db_worker read and write at the same time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are short; PostgreSQL's JIT compiler spends 20+ ms compiling plans whose
    # estimated cost crosses jit_above_cost on a large table, more than the query itself.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # Django turns psycopg's prepared statements off (prepare_threshold None), which also
    # turns off an explicit execute(prepare=True). Django's own cursors bind client-side and
    # never prepare whatever this says; the one statement that asks to is the public
    # help-request insert (core.numbering.insert_numbered), parsed and planned once per
    # connection instead of on every report (0.45 against 1.05 ms of PostgreSQL's CPU). Set
    # DB_PREPARED_STATEMENTS=0 behind a transaction-mode pooler without prepared-statement
    # support (PgBouncer before 1.21).
    if envbool("DB_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured, else the database so several workers share it ------------
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "onestop_cache",
        }
    }

# --- Background tasks (django-tasks backport of django.tasks) ---------------------------------
# `manage.py worker` beats every WORKER_HEARTBEAT_SECONDS; a task claimed by a worker silent for
# WORKER_STALE_SECONDS is put back in the queue (onestop/core/workers.py). Keep the second well
# above the first, and above the longest pause a busy worker's heartbeat thread could have.
WORKER_HEARTBEAT_SECONDS = envint("WORKER_HEARTBEAT_SECONDS", 5)
WORKER_STALE_SECONDS = envint("WORKER_STALE_SECONDS", 60)
TASKS = {
    "default": {
        "BACKEND": envstr(
            "TASKS_BACKEND",
            # Tests run tasks inline; everything else queues them in the database for db_worker.
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is slow on purpose; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:staff_home"
LOGOUT_REDIRECT_URL = "core:home"

# Idle timeout: the session expires SESSION_IDLE_MINUTES after the last request.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute limits from sign-in, whatever the activity: SESSION_MAX_HOURS for everyone, and
# ADMIN_SESSION_MINUTES for accounts that administer users, the center or the deployment.
SESSION_MAX_AGE = envint("SESSION_MAX_HOURS", 12) * 3600
ADMIN_SESSION_MAX_AGE = envint("ADMIN_SESSION_MINUTES", 120) * 60

# Two-factor sign-in (accounts.two_factor). Required for the roles that see cases (and the
# audit and PDPA roles) in production and in the tests; in development only accounts that
# enrolled a device are asked, so the demo asks its demo users (seed_demo prints the secrets).
OTP_REQUIRED = envbool("OTP_REQUIRED", PRODUCTION or TESTING)
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "OneStop")
# Failures double the wait before the next try (django-otp's throttling), per device.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODE_COUNT = 10

# Failed logins: AXES_FAILURE_LIMIT failures per username, or per IP, lock out for the cool-off.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "onestop.core.net.axes_client_ip"
AXES_VERBOSE = False

# Behind a reverse proxy, only these addresses may tell us the client address (X-Forwarded-For).
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES")

# --- I18N: Thai first, English second, no language prefix in URLs ----------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", _("Thai")),
    ("en", _("English")),
    # The public help form and its privacy notice only, for migrant reporters.
    ("my", _("Burmese")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
]
STAFF_LANGUAGES = ["th", "en"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "onestop_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
# Leaflet's files come from the django-leaflet package, found without importing it (its app
# needs GDAL for GeoDjango, which we do not use): they are served as /static/leaflet/....
_LEAFLET_SPEC = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [BASE_DIR / "static"]
if _LEAFLET_SPEC and _LEAFLET_SPEC.origin:
    STATICFILES_DIRS.append(Path(_LEAFLET_SPEC.origin).parent / "static")
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Media (uploads) live outside the web root and are only served through access-checked views.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
# Outside production whitenoise serves straight from the app and static/ folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Bodies above this get 413 (API) or the 400 page; uploads get their own per-field limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("MAX_BODY_BYTES", 2_500_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers, CSP --------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS_ONLY=0 is for `make serve-prod` on loopback only, where there is no TLS terminator.
HTTPS_ONLY = PRODUCTION and envbool("HTTPS_ONLY", True)
if HTTPS_ONLY:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

# --- Email (off unless EMAIL_HOST is set) ------------------------------------------------------
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
elif not TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "OneStop <noreply@localhost>")
EMAIL_ENABLED = bool(EMAIL_HOST)

# --- LINE Messaging API (off unless configured) ------------------------------------------------
LINE_CHANNEL_SECRET = envstr("LINE_CHANNEL_SECRET")
LINE_CHANNEL_ACCESS_TOKEN = envstr("LINE_CHANNEL_ACCESS_TOKEN")

# --- Front door (public help requests) --------------------------------------------------------
# Which center gets requests from the public form and from LINE (a center code; else the first).
PUBLIC_CENTER_CODE = envstr("PUBLIC_CENTER_CODE")
LINE_CENTER_CODE = envstr("LINE_CENTER_CODE", PUBLIC_CENTER_CODE)
# Stored with every request: which privacy notice the reporter was shown.
INTAKE_RATE_PER_IP = envstr("INTAKE_RATE_PER_IP", "20/h")
INTAKE_RATE_PER_PHONE = envstr("INTAKE_RATE_PER_PHONE", "5/h")
INTAKE_STATUS_RATE_PER_IP = envstr("INTAKE_STATUS_RATE_PER_IP", "60/h")
# A partner's kiosk or a load test on loopback may be exempted (addresses or networks).
INTAKE_RATE_EXEMPT_IPS = envlist("INTAKE_RATE_EXEMPT_IPS")
INTAKE_QUEUE_POLL_SECONDS = envint("INTAKE_QUEUE_POLL_SECONDS", 15)

# --- Volunteers ---------------------------------------------------------------------------------
VOLUNTEER_APPLY_RATE_PER_IP = envstr("VOLUNTEER_APPLY_RATE_PER_IP", "10/h")
# Verifying a card is public: enough for a door check at an event, too few to sweep tokens.
CARD_VERIFY_RATE = envstr("CARD_VERIFY_RATE", "120/h")
# A check-in further than this from the visit's address is flagged for the worker (not blocked).
VISIT_CHECKIN_FLAG_KM = envint("VISIT_CHECKIN_FLAG_KM", 2)
# Erasure (PDPA s.33): a person is not anonymised while a case of theirs is open or closed less
# than this many years ago (the center's retention period), and a copy of what is erased is
# kept in private storage first when ERASURE_KEEP_COPY is on.
RETENTION_CLOSED_CASE_YEARS = envint("RETENTION_CLOSED_CASE_YEARS", 10)
ERASURE_KEEP_COPY = envbool("ERASURE_KEEP_COPY", True)
# `manage.py backup` and `restore`: a Fernet key (44 characters of URL-safe base64); keep it
# apart from the backups. BACKUP_KEY_FILE reads it from a file.
BACKUP_KEY = envstr("BACKUP_KEY")
# Map tiles for the coordinator's map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (mind
# the provider's usage policy). Empty: the map draws the visits on a blank background, and no
# request leaves the server or the browser.
MAP_TILE_URL = envstr("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = envstr("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
if MAP_TILE_URL:
    # The browser may load tiles from that host, and from nowhere else.
    _tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- API --------------------------------------------------------------------------------------
API_RATE_LIMIT = envstr("API_RATE_LIMIT", "600/m")
NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # Expected 4xx answers (bad input, 404 for other centers) are not operational errors.
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []

# Only `make bench-intake` turns this on: it routes /bench/insert, the bare comparison view.
BENCH_ENDPOINTS = envbool("BENCH_ENDPOINTS", False)
API_ANON_RATE_LIMIT = envstr("API_ANON_RATE_LIMIT", "120/m")
# The public eligibility check stores nothing but costs a screening per call.
ELIGIBILITY_RATE_LIMIT = envstr("ELIGIBILITY_RATE_LIMIT", "60/m")
# Per-endpoint body limits (bytes) under the global DATA_UPLOAD_MAX_MEMORY_SIZE.
API_BODY_LIMITS = {"/api/v1/eligibility/screen": 64 * 1024}
