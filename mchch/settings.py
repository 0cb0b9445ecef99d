"""Settings from the environment (DESIGN §6): DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG,
ALLOWED_HOSTS, SITE_URL, EMAIL_URL. With none of them set the app runs embedded (SQLite, eager or
filesystem Celery, console e-mail)."""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from apps.core.logs import logging_config
from mchch import storage_config
from mchch.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
_DEV_KEY = "dev-only-insecure-key-mchch"
SECRET_KEY = env("SECRET_KEY", default=_DEV_KEY)
# Production always sets SECRET_KEY; without one we are on a developer's machine.
DEBUG = env.bool("DEBUG", default=SECRET_KEY == _DEV_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "import_export",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "apps.core",
    "apps.accounts",
    "apps.geo",
    "apps.registry",
    "apps.development",
    "apps.evaluation",
    "apps.certification",
    "apps.reporting",
    "apps.paperwork",
    "apps.notifications",
    "apps.public",
    "apps.workspace",
]

MIDDLEWARE = [
    "apps.core.middleware.RequestIdMiddleware",
    "apps.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come compressed already), above the page cache (which keeps plain bodies).
    "apps.core.middleware.CompressTextMiddleware",
    "apps.public.middleware.AnonymousPageCacheMiddleware",
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.core.middleware.ThaiFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.core.middleware.StorageErrorMiddleware",
    "apps.core.middleware.QueryGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "apps.core.middleware.RequestContextMiddleware",
    "apps.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "mchch.urls"
WSGI_APPLICATION = "mchch.wsgi.application"

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
                "apps.core.context_processors.shell",
            ],
            "builtins": ["apps.core.templatetags.thaidate"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves requests while the worker writes: every transaction takes the write lock at
    # BEGIN (a read upgraded to a write later would fail at once with "database is locked" instead of waiting),
    # and WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters sent apart from the SQL, and a statement a connection runs often (5 times) prepared: no request
    # spends Python time quoting values into SQL text, and PostgreSQL plans the queries of every request
    # (session, user, roles, inbox) once per connection — under load 29 % of statements skipped planning; the
    # many-join evaluation queries keep custom plans. Off behind a transaction-pooling proxy (pgbouncer in
    # transaction mode does not keep prepared statements).
    if env.bool("DB_SERVER_SIDE_BINDING", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "apps.core.rediscache.SharedRedisCache",
            # every node shares it: page cache, rate limits, locks. Database 1 of the Redis server by default;
            # CACHE_REDIS_URL names another Redis or database (e.g. a benchmark's own).
            "LOCATION": env("CACHE_REDIS_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/1"),
            "KEY_PREFIX": "mchch",
        }
    }
else:
    # A file cache is shared by the web process and the worker on one machine.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/app/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Per-IP limits of the public directory search and certificate check, per minute (apps.public); on by default,
# raised from the environment for a load test (benchmarks/directory_search.py).
SEARCH_RATE_LIMIT = env.int("SEARCH_RATE_LIMIT", default=60)
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "มชช."
# DESIGN §7: MFA is required for provincial staff and admins when DEBUG is off.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEBUG)

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploads and generated files: the local folder, or one S3-compatible bucket that every node shares when
# STORAGE_URL or AWS_STORAGE_BUCKET_NAME is set (mchch/storage_config.py, docs/operations.md "Shared storage").
STORAGE_URL = env("STORAGE_URL", default="")
STORAGES = storage_config.storages(
    STORAGE_URL,
    os.environ,
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage",
)
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=15 * 1024 * 1024)
# A photo straight from a phone may be large (25 MB and more): it is accepted up to this size and kept downscaled
# to at most 2000 px (apps/registry/images.py), never refused for its size alone below the limit.
MAX_PHOTO_UPLOAD_SIZE = env.int("MAX_PHOTO_UPLOAD_SIZE", default=40 * 1024 * 1024)
# The photos of one stage of one unit (or of the district's own work) that a district's report and the
# province's annual summary print at most (guideline 2.7.3); the district chooses which.
REPORT_PHOTOS_PER_STAGE = env.int("REPORT_PHOTOS_PER_STAGE", default=4)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="มชช. <no-reply@mchch.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("admin", a) for a in env.list("ADMIN_EMAILS", default=[])]

# Celery: REDIS_URL → Redis; CELERY_BROKER_URL=filesystem:// → a real worker without Redis;
# neither → tasks run eagerly in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=REDIS_URL.rsplit("/", 1)[0] + "/2" if REDIS_URL else None
)
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# A node that dies holding a task (acks_late): on Redis another worker takes the message back after this many
# seconds (kombu's default, an hour). Keep it above the longest countdown a task waits for, or a waiting retry is
# handed out twice (the tasks are idempotent, docs/operations.md "Several nodes").
# Each worker looks for such messages every 10 s (kombu scans only every 10th look by default: 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": 60,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = VAR_DIR / "celery-queue"
    for _sub in ("out", "processed", "control"):
        (_queue / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "out"),
        "data_folder_out": str(_queue / "out"),
        "processed_folder": str(_queue / "processed"),
        "store_processed": False,
        "control_folder": str(_queue / "control"),
    }
REMINDER_HOUR = env.int("REMINDER_HOUR", default=7)
# A one-time scoring link e-mailed to a committee member expires after this many days (apps/evaluation/links.py).
SCORING_LINK_DAYS = env.int("SCORING_LINK_DAYS", default=14)
# LINE (docs/line.md): optional. With LINE_CHANNEL_TOKEN and LINE_CHANNEL_SECRET of the office's Messaging API
# channel set, officers may link their LINE account and receive reminders and notices there; unset, the option is
# absent. LINE_API_BASE points the client elsewhere (the tests' fake server); LINE_ADD_FRIEND_URL is the Official
# Account's add-friend link shown as a QR code on the preferences page.
LINE_CHANNEL_TOKEN = env("LINE_CHANNEL_TOKEN", default="")
LINE_CHANNEL_SECRET = env("LINE_CHANNEL_SECRET", default="")
LINE_API_BASE = env("LINE_API_BASE", default="https://api.line.me").rstrip("/")
LINE_ADD_FRIEND_URL = env("LINE_ADD_FRIEND_URL", default="")
LINE_ACCOUNT_LINK_URL = env("LINE_ACCOUNT_LINK_URL", default="https://access.line.me/dialog/bot/accountLink")
LINE_TIMEOUT = env.float("LINE_TIMEOUT", default=10.0)
# Backups (docs/operations.md): the archive is encrypted under a key derived from BACKUP_KEY, a passphrase kept
# outside the machine; without it backup_site refuses when DEBUG is off. Beat writes one a day into BACKUP_DIR.
BACKUP_KEY = env("BACKUP_KEY", default="")
# National IDs are sealed at rest (apps/core/fieldcrypt.py, docs/operations.md): "<id>:<base64 32 bytes>[,<old>…]",
# the first key seals, every one opens. Unset: a key derived from SECRET_KEY (the status page warns off DEBUG).
FIELD_KEY = env("FIELD_KEY", default="")
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
BACKUP_HOUR = env.int("BACKUP_HOUR", default=2)
BACKUP_MINUTE = env.int("BACKUP_MINUTE", default=30)
# Tables that migrations fill by themselves (geography): a restore does not count them as data of its own.
BACKUP_IGNORE_TABLES = ["geo_province", "geo_district", "geo_subdistrict"]
CELERY_BEAT_SCHEDULE = {
    "daily-reminders": {
        "task": "apps.notifications.tasks.send_due_reminders",
        "schedule": crontab(hour=REMINDER_HOUR, minute=0),
    },
    "expire-generated-files": {
        "task": "apps.core.tasks.expire_generated_files",
        "schedule": crontab(hour=3, minute=15),
    },
    "daily-retention-listing": {
        "task": "apps.registry.tasks.list_expired_personal_data",
        "schedule": crontab(hour=4, minute=30),
    },
    "daily-backup": {
        "task": "apps.core.tasks.backup_site",
        "schedule": crontab(hour=BACKUP_HOUR, minute=BACKUP_MINUTE),
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The language cookie is read by the server only (ThaiFirstMiddleware, the page cache's key): no script needs it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Probes and the metrics scraper talk to the app on the internal network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^metrics$"]

# Operations (DESIGN §8): JSON log lines with the request id (plain text in development), metrics for a scraper
# with METRICS_TOKEN, error reports to Sentry only when SENTRY_DSN is set. docs/operations.md.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = logging_config(LOG_FORMAT, env("LOG_LEVEL", default="INFO"))
# The worker logs through the same handlers (JSON, request id) instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
METRICS_TOKEN = env("METRICS_TOKEN", default="")
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production")
SENTRY_RELEASE = env("SENTRY_RELEASE", default="")
init_sentry(
    SENTRY_DSN,
    environment=SENTRY_ENVIRONMENT,
    release=SENTRY_RELEASE or None,
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

IMPORT_EXPORT_SKIP_ADMIN_LOG = True
PROGRAMME_NAME = env("PROGRAMME_NAME", default="ระบบมาตรฐานการพัฒนาชุมชน (มชช.)")
# SQLite cannot enforce NULLS NOT DISTINCT; the services check the same rule before writing.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
