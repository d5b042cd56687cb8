"""Youthventure settings: one file, every machine-specific value from the environment.

See README.md ("Environment") for the variables. Without DATABASE_URL the portal
runs on an embedded SQLite file; without REDIS_URL Celery tasks run inline (in production
only when TASKS_INLINE=true says so). Values are checked here, at start: production refuses
to run without the variables it needs or with values that cannot be right (youthventure/env.py).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .env import (
    env_bool,
    env_fernet_keys,
    env_int,
    env_list,
    env_sms_templates,
    env_str,
    env_url,
    missing,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core ---
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise missing(
            "SECRET_KEY",
            "Django's signing key, 50+ random characters. (manage.py assumes DEBUG=true only on "
            "a machine with neither SECRET_KEY nor DATABASE_URL; for development against a "
            "DATABASE_URL set DEBUG=true.)",
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
# --- Personal data at rest (accounts/crypto.py) ---
# Fernet keys, newest first: the first encrypts, all decrypt. Generate one with
#   python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
FIELD_ENCRYPTION_KEYS = env_fernet_keys("FIELD_ENCRYPTION_KEYS")
FIELD_HASH_KEY = env_str("FIELD_HASH_KEY", min_length=32)
if not FIELD_ENCRYPTION_KEYS or not FIELD_HASH_KEY:
    if not DEBUG:
        if not FIELD_ENCRYPTION_KEYS:
            raise missing("FIELD_ENCRYPTION_KEYS", "comma-separated Fernet keys, newest first")
        raise missing("FIELD_HASH_KEY", "a random key of at least 32 characters")
    import base64
    import hashlib

    # Development only: keys derived from the development SECRET_KEY.
    _derived = hashlib.sha256(("fields:" + SECRET_KEY).encode()).digest()
    FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [base64.urlsafe_b64encode(_derived).decode()]
    FIELD_HASH_KEY = FIELD_HASH_KEY or hashlib.sha256(("hash:" + SECRET_KEY).encode()).hexdigest()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise missing("ALLOWED_HOSTS", "comma-separated host names, e.g. qc.example.gov.cn")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's own address: it goes into every link sent (e-mail, SMS, in-app), so production
# must say it; no trailing slash (env_url strips it), since links are SITE_URL + a path.
SITE_URL = env_url("SITE_URL")
if not SITE_URL:
    if not DEBUG:
        raise missing(
            "SITE_URL", "the absolute address of the site, e.g. https://qc.example.gov.cn"
        )
    SITE_URL = "http://127.0.0.1:8000"
elif not DEBUG and not validate_host(urlsplit(SITE_URL).hostname, ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r}: its host is not in ALLOWED_HOSTS, so every link sent would be "
        "refused; expected the site's own address"
    )
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "core",
    "accounts",
    "partners",
    "projects",
    "mentors",
    "internships",
    "jobs",
    "guidance",
    "facilities",
    "training",
    "loans",
    "notifications",
    "audit",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "youthventure.health.HealthzMiddleware",  # probes skip everything below
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "youthventure.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Kept anonymous pages are served from here (core/caching.py), with the headers the
    # middleware below gave them.
    "core.caching.AnonymousPageCacheMiddleware",
    # request.user loaded and unwrapped from its lazy proxy (youthventure/middleware.py).
    "youthventure.middleware.LoadedUserMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "audit.context.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.PrivatePagesMiddleware",
    # django-csp's, the site's policy written once per process (youthventure/middleware.py).
    "youthventure.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "youthventure.urls"
WSGI_APPLICATION = "youthventure.wsgi.application"

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
                "accounts.context_processors.navigation",
                "core.context_processors.menu",
                "notifications.context_processors.inbox",
            ],
            # {% url %} without arguments reversed once per process (core/links.py).
            "builtins": ["core.templatetags.cached_urls"],
        },
    },
]

# --- Database ---
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60, minimum=0)  # 0: a connection per request
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    # Dashboards and exports read here (core/db_router.py); tests use the primary.
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the user's roles with them (accounts/backends.py).
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PHONE_VERIFICATION_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's e-mails (templates/account/email/) start their subject with the portal's name.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "【青春创业】"
ACCOUNT_FORMS = {"signup": "accounts.forms.YouthSignupForm", "login": "accounts.forms.SignInForm"}
# Lockout: five failed sign-ins to one account refuse even the right password for 15
# minutes (a cool-off per account, so other people are not locked out), plus a per-address
# throttle. Counters live in the database cache, shared by every web process.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/15m/key",
    "signup": env_str("SIGNUP_RATE_LIMIT", "20/h/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Two-factor sign-in (TOTP) is required of staff, partners and superusers
# (accounts/middleware.py); their sessions also end after STAFF_IDLE_MINUTES idle.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "青春创业 Youthventure"
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30, minimum=1)
# Proxies in front of gunicorn that append to X-Forwarded-For (nginx: 1). The client's address
# for rate limits and the audit log is taken from there; 0 means REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# The version of the personal-data policy a young person consents to at sign-up.
PRIVACY_POLICY_VERSION = "2026-11"
# How to reach whoever answers for personal data at the district Youth League committee (an
# e-mail address or a telephone number), named in the personal-data notice.
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "")

# --- Cache ---
# The database: shared by all web processes (rate limits, lockouts) and independent of Redis,
# so a Redis outage never disables sign-in protection. `manage.py createcachetable` makes it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
    # In each process's memory, for what may be a little stale and is the same for everyone
    # who may see it: anonymous pages (by language) and the counts of long lists, for
    # seconds (core/caching.py). Never personal data, never a decision about access.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "youthventure-local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# --- Uploads ---
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000
AVATAR_SIZE = 512
# Files of background exports (dashboard/exports.py): outside MEDIA_ROOT and STATIC_ROOT, so
# nothing serves them but the view that checks the requester (docs/exports.md).
EXPORT_ROOT = Path(env_str("EXPORT_ROOT", str(BASE_DIR / "private" / "exports")))
# Exports of at most this many rows download at once; longer ones run in the background.
EXPORT_INLINE_ROWS = env_int("EXPORT_INLINE_ROWS", 2000, minimum=1)

# --- Static files ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Language ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Amounts and counts group thousands with a comma in both languages (youthventure/formats/),
# but only where a template asks (``intcomma``): ids, years and form values stay plain digits.
FORMAT_MODULE_PATH = ["youthventure.formats"]
USE_THOUSAND_SEPARATOR = False

# --- Forms ---
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
else:
    # No mail server: messages are printed on the console that runs the portal. Production
    # must say so explicitly (EMAIL_BACKEND), or links would end up in the server's logs.
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    if not DEBUG and "EMAIL_BACKEND" not in os.environ:
        raise ImproperlyConfigured("Set EMAIL_HOST (SMTP) or EMAIL_BACKEND in production")
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Youthventure <noreply@youthventure.local>")

# --- Notifications ---
# The SMS gateway is a dotted path; the default writes to the log (and SMS_LOG_FILE if set).
SMS_GATEWAY = env_str("SMS_GATEWAY", "notifications.gateways.LoggingSmsGateway")
SMS_LOG_FILE = env_str("SMS_LOG_FILE")
# A worker claims messages for NOTIFICATIONS_CLAIM_SECONDS and starts no send that could end
# after the claim: NOTIFICATIONS_SEND_TIMEOUT must exceed any gateway's own timeout.
NOTIFICATIONS_CLAIM_SECONDS = env_int("NOTIFICATIONS_CLAIM_SECONDS", 300, minimum=1)
NOTIFICATIONS_SEND_TIMEOUT = env_int("NOTIFICATIONS_SEND_TIMEOUT", 30, minimum=1)
if NOTIFICATIONS_SEND_TIMEOUT >= NOTIFICATIONS_CLAIM_SECONDS:
    raise ImproperlyConfigured(
        f"NOTIFICATIONS_SEND_TIMEOUT={NOTIFICATIONS_SEND_TIMEOUT}: expected fewer seconds than "
        f"NOTIFICATIONS_CLAIM_SECONDS={NOTIFICATIONS_CLAIM_SECONDS}"
    )
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5, minimum=1)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 60, minimum=1)
# Alibaba Cloud SMS (SMS_GATEWAY=notifications.aliyun.AliyunSmsGateway): each text goes out as
# the approved template (SMS_TEMPLATES, per kind) whose text it fits, the outbox key as OutId.
SMS_TEMPLATES = env_sms_templates("SMS_TEMPLATES")
ALIYUN_SMS_ACCESS_KEY_ID = env_str("ALIYUN_SMS_ACCESS_KEY_ID")
ALIYUN_SMS_ACCESS_KEY_SECRET = env_str("ALIYUN_SMS_ACCESS_KEY_SECRET")
ALIYUN_SMS_SIGN_NAME = env_str("ALIYUN_SMS_SIGN_NAME")
ALIYUN_SMS_ENDPOINT = env_url("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com")
ALIYUN_SMS_TIMEOUT = env_int("ALIYUN_SMS_TIMEOUT", 5, minimum=1)
# Before a retry the gateway looks the message up (at most this many requests), then sends.
ALIYUN_SMS_LOOKUP_REQUESTS = 3
if SMS_GATEWAY == "notifications.aliyun.AliyunSmsGateway":
    for _name, _expected in (
        ("ALIYUN_SMS_ACCESS_KEY_ID", "the AccessKey ID of a RAM user allowed to send SMS"),
        ("ALIYUN_SMS_ACCESS_KEY_SECRET", "that AccessKey's secret"),
        ("ALIYUN_SMS_SIGN_NAME", "the approved sign name (签名), e.g. 青春创业"),
        ("SMS_TEMPLATES", 'the approved templates per kind, e.g. {"accounts.welcome": {...}}'),
    ):
        if not globals()[_name]:
            raise missing(_name, _expected, when="SMS_GATEWAY is the Aliyun gateway")
    if (ALIYUN_SMS_LOOKUP_REQUESTS + 1) * ALIYUN_SMS_TIMEOUT >= NOTIFICATIONS_SEND_TIMEOUT:
        raise ImproperlyConfigured(
            f"ALIYUN_SMS_TIMEOUT={ALIYUN_SMS_TIMEOUT}: a retry may make "
            f"{ALIYUN_SMS_LOOKUP_REQUESTS + 1} requests, which must end within "
            f"NOTIFICATIONS_SEND_TIMEOUT={NOTIFICATIONS_SEND_TIMEOUT}; expected at most "
            f"{(NOTIFICATIONS_SEND_TIMEOUT - 1) // (ALIYUN_SMS_LOOKUP_REQUESTS + 1)} seconds"
        )

# --- Celery ---
REDIS_URL = env_str("REDIS_URL")
# Tasks run inline, inside the request: by default in development without Redis (make run,
# unit tests); production must ask for it (TASKS_INLINE=true) or name its Redis, so a
# forgotten REDIS_URL does not silently put every send inside a web request.
TASKS_INLINE = env_bool("TASKS_INLINE", DEBUG and not REDIS_URL)
if not REDIS_URL and not TASKS_INLINE:
    raise missing(
        "REDIS_URL",
        "Celery's broker, e.g. redis://127.0.0.1:6379/0; or set TASKS_INLINE=true to run "
        "tasks inside the request, with no worker",
        when="DEBUG is off" if not DEBUG else "TASKS_INLINE is false",
    )
CELERY_BROKER_URL = REDIS_URL or "memory://localhost//"
CELERY_TASK_ALWAYS_EAGER = TASKS_INLINE
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A frozen Redis must not hold a request: every socket operation gives up within a second,
# and publishing is not retried (the outbox sweep is the retry).
_REDIS_TIMEOUT = 1.0
CELERY_BROKER_CONNECTION_TIMEOUT = _REDIS_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": _REDIS_TIMEOUT,
    "socket_connect_timeout": _REDIS_TIMEOUT,
    # Connecting to publish is not retried either: kombu's default sleeps 2 s before it gives
    # up on a Redis that refuses connections. (Workers reconnect by their own retry policy.)
    "max_retries": 0,
}
CELERY_TASK_PUBLISH_RETRY = False
# Time limits well below the visibility timeout, so Redis never re-delivers a running task.
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {"task": "notifications.tasks.sweep_outbox", "schedule": 60.0},
    "notifications-reminders": {
        "task": "notifications.tasks.send_reminders",
        "schedule": 3600.0,
    },
    # The staff home's summary table (dashboard/refresh.py; the page says how often).
    "dashboard-figures": {"task": "dashboard.tasks.refresh_figures", "schedule": 600.0},
    # Exports whose queueing failed are queued again; expired export files are deleted.
    "dashboard-exports-sweep": {"task": "dashboard.tasks.sweep_exports", "schedule": 60.0},
    "dashboard-exports-expire": {"task": "dashboard.tasks.expire_exports", "schedule": 3600.0},
    # The log of table writes that kept pages are versioned by, folded into totals.
    "core-fold-changes": {"task": "core.tasks.fold_changes", "schedule": 60.0},
}

# --- Security ---
# Django's database sessions, read with a query compiled once (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Behind a TLS-terminating load balancer (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# No inline scripts or styles anywhere: every script and stylesheet is a file in static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],  # Bootstrap draws its icons as data: SVG
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}

# --- Logging ---
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# Every line passes core.redaction.SecretsFilter: secret tokens in paths (e-mail confirmation
# and password-reset keys, invitation links) are replaced, and a refused request (403, 404) is
# one line without a traceback. Django's own loggers (requests; runserver's request lines) are
# named here so that they use these handlers instead of Django's defaults.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secrets": {"()": "core.redaction.SecretsFilter"}},
    "formatters": {
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["secrets"]},
        "server": {"class": "logging.StreamHandler", "filters": ["secrets"], "formatter": "server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["server"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
