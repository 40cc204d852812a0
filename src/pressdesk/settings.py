"""The one settings module. Every knob is an environment variable (see README)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from pressdesk.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = env_path("PRESSDESK_VAR_DIR", BASE_DIR / "var")

DEBUG = env_bool("PRESSDESK_DEBUG", False)
SECRET_KEY = env_secret("PRESSDESK_SECRET_KEY", VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("PRESSDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("PRESSDESK_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("PRESSDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Demo mode prints demo second-factor secrets; never on in production.
DEMO_MODE = env_bool("PRESSDESK_DEMO", False)

INSTALLED_APPS = [
    "pressdesk.core",
    "pressdesk.directory",
    "pressdesk.inquiries",
    "pressdesk.publications",
    "pressdesk.events",
    "pressdesk.distribution",
    "pressdesk.accreditation",
    "pressdesk.monitoring",
    "pressdesk.planning",
    "pressdesk.reports",
    "pressdesk.api",
    "pressdesk.portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pressdesk.core.middleware.SessionTimeoutMiddleware",
    "pressdesk.core.middleware.PrivateByDefaultMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pressdesk.urls"
WSGI_APPLICATION = "pressdesk.wsgi.application"

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
                "pressdesk.core.context.shell",
            ],
            "builtins": ["pressdesk.core.templatetags.l10n_kk", "pressdesk.core.templatetags.permissions"],
        },
    }
]

DATABASES = {"default": database_from_url("DATABASE_URL", VAR_DIR / "pressdesk.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # The database cache is shared by every web and worker process, so rate
    # limits hold across processes without a cache server.
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pressdesk_cache"}
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:signin"
LOGIN_REDIRECT_URL = "core:dashboard"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sessions: idle and absolute limits, checked by SessionTimeoutMiddleware.
SESSION_IDLE_SECONDS = env_int("PRESSDESK_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env_int("PRESSDESK_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60, minimum=300)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("PRESSDESK_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "pressdesk.core.views.errors.csrf_failure"

# Lock-out (django-axes): per account, so one attacker cannot lock a whole office.
AXES_FAILURE_LIMIT = env_int("PRESSDESK_LOCKOUT_FAILURES", 5, minimum=2)
AXES_COOLOFF_TIME = env_int("PRESSDESK_LOCKOUT_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # we call authenticate(username=email)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pressdesk.core.signin.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

OTP_TOTP_ISSUER = env_str("PRESSDESK_OTP_ISSUER", "pressdesk")
OTP_TOTP_THROTTLE_FACTOR = 1

# Content Security Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# Languages: Kazakh first. Public paths always carry the prefix.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Қазақша")), ("ru", _("Русский")), ("en", _("English"))]
# Our strings, then Kazakh for Django's own user-facing strings that Django's kk
# catalogue leaves untranslated (form errors, password rules).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]
FORMAT_MODULE_PATH = ["pressdesk.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
LANGUAGE_COOKIE_NAME = "pressdesk_language"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("PRESSDESK_MEDIA_DIR", VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Mail
EMAIL_BACKEND = env_str("PRESSDESK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Used only with the file backend: `make run` keeps the demo's letters there instead of needing a mail server.
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("PRESSDESK_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = env_int("PRESSDESK_SMTP_PORT", 1025, minimum=1)
EMAIL_HOST_USER = env_str("PRESSDESK_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("PRESSDESK_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PRESSDESK_SMTP_STARTTLS", False)
EMAIL_USE_SSL = env_bool("PRESSDESK_SMTP_SSL", False)
EMAIL_TIMEOUT = env_int("PRESSDESK_SMTP_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("PRESSDESK_MAIL_FROM", "pressdesk <press@pressdesk.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database is the queue.
TASKS = {"default": {"BACKEND": env_str("PRESSDESK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
WORKER_HEARTBEAT_MAX_AGE = env_int("PRESSDESK_WORKER_HEARTBEAT_MAX_AGE", 120, minimum=5)
IMPORT_MAX_MB = env_int("PRESSDESK_IMPORT_MAX_MB", 50, minimum=1)
# The legal clock of media inquiries (Law "On Mass Media" 2024, Art. 36): defaults are the law's terms.
INQUIRY_ANSWER_WORKING_DAYS = env_int("PRESSDESK_INQUIRY_ANSWER_WORKING_DAYS", 5, minimum=1)
INQUIRY_EXTENSION_CALENDAR_DAYS = env_int("PRESSDESK_INQUIRY_EXTENSION_CALENDAR_DAYS", 15, minimum=0)
INQUIRY_EXTENSION_NOTICE_WORKING_DAYS = env_int("PRESSDESK_INQUIRY_EXTENSION_NOTICE_WORKING_DAYS", 2, minimum=1)
# Materials: the media library's upload limits, and how long shared caches may keep a newsroom page.
MEDIA_UPLOAD_MAX_MB = env_int("PRESSDESK_MEDIA_UPLOAD_MAX_MB", 20, minimum=1)
MEDIA_IMAGE_MAX_PIXELS = env_int("PRESSDESK_MEDIA_IMAGE_MAX_PIXELS", 60_000_000, minimum=1_000_000)
NEWSROOM_CACHE_SECONDS = env_int("PRESSDESK_NEWSROOM_CACHE_SECONDS", 60, minimum=0)
# Wrong API tokens allowed per minute from one address before the API answers 429.
API_TOKEN_FAILURES_PER_MINUTE = env_int("PRESSDESK_API_TOKEN_FAILURES_PER_MINUTE", 10, minimum=1)

# Portal (journalists): sign-up and sign-in rate limits per client address.
PORTAL_SIGNUP_PER_HOUR = env_int("PRESSDESK_PORTAL_SIGNUPS_PER_HOUR", 10, minimum=1)
PORTAL_SIGNIN_PER_MINUTE = env_int("PRESSDESK_PORTAL_SIGNINS_PER_MINUTE", 20, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PRESSDESK_LOG_LEVEL", "WARNING")},
}

SILENCED_SYSTEM_CHECKS = [
    "auth.W004",  # email is unique case-insensitively through a functional constraint (core_user_email_ci_unique)
    "axes.W006",  # lock-out is per account on purpose; addresses are rate-limited separately (core/ratelimit.py)
    "models.W040",  # an index's included columns serve PostgreSQL's index-only reads; SQLite gets the index without
]

# Mailings (distribution): letters per minute through the mail server (0: as fast as it takes them),
# the largest letter with its files, and how long a silent runner keeps a mailing before another takes over.
DISTRIBUTION_RATE_PER_MINUTE = env_int("PRESSDESK_MAIL_RATE_PER_MINUTE", 600, minimum=0)
DISTRIBUTION_MAX_MESSAGE_MB = env_int("PRESSDESK_MAIL_MAX_MB", 10, minimum=1)
DISTRIBUTION_RUNNER_LEASE_SECONDS = env_int("PRESSDESK_MAIL_RUNNER_LEASE_SECONDS", 120, minimum=1)

# Accreditation: how long a standing accreditation lasts, working days to review an application, the largest
# editor's letter and photo, and where the pass-signing keys live (back this folder up with the database:
# without its keys no printed pass verifies).
ACCREDITATION_STANDING_DAYS = env_int("PRESSDESK_ACCREDITATION_STANDING_DAYS", 365, minimum=1)
ACCREDITATION_REVIEW_WORKING_DAYS = env_int("PRESSDESK_ACCREDITATION_REVIEW_WORKING_DAYS", 5, minimum=1)
ACCREDITATION_LETTER_MAX_MB = env_int("PRESSDESK_ACCREDITATION_LETTER_MAX_MB", 10, minimum=1)
ACCREDITATION_PHOTO_MAX_MB = env_int("PRESSDESK_ACCREDITATION_PHOTO_MAX_MB", 10, minimum=1)
ACCREDITATION_KEY_DIR = env_path("PRESSDESK_ACCREDITATION_KEY_DIR", VAR_DIR / "pass-keys")

# Monitoring: which mentions alert the press secretary at once (negative ones always; any from an outlet of at
# least this reach), how many alert letters a unit gets an hour (the rest in one letter after the hour), how old an
# item may be and still alert (a backfill floods nobody), whether topics alert too, and the digest's hour (Almaty).
MONITORING_ALERT_REACH = env_int("PRESSDESK_MONITORING_ALERT_REACH", 100_000, minimum=0)
MONITORING_ALERT_LETTERS_PER_HOUR = env_int("PRESSDESK_MONITORING_ALERT_LETTERS_PER_HOUR", 10, minimum=1)
MONITORING_ALERT_MAX_AGE_HOURS = env_int("PRESSDESK_MONITORING_ALERT_MAX_AGE_HOURS", 48, minimum=1)
MONITORING_ALERT_TOPICS = env_bool("PRESSDESK_MONITORING_ALERT_TOPICS", False)
MONITORING_DIGEST_HOUR = env_int("PRESSDESK_MONITORING_DIGEST_HOUR", 8, minimum=0)
# The hour (Almaty) from which scheduled weekly and monthly reports go out.
REPORTS_SEND_HOUR = env_int("PRESSDESK_REPORTS_SEND_HOUR", 7, minimum=0)
# The largest scan or clip of a broadcast or print item an analyst attaches.
MONITORING_ATTACHMENT_MAX_MB = env_int("PRESSDESK_MONITORING_ATTACHMENT_MAX_MB", 100, minimum=1)
ACCREDITATION_SCAN_MAX_AGE_DAYS = env_int("PRESSDESK_ACCREDITATION_SCAN_MAX_AGE_DAYS", 2, minimum=1)
