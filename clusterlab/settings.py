"""Cluster Lab settings: one module, driven by environment variables (see README)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CLUSTERLAB_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

TESTING = "pytest" in sys.modules or os.environ.get("CLUSTERLAB_TESTING") == "1"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING or os.environ.get("CLUSTERLAB_DEV") == "1":
        SECRET_KEY = "insecure-dev-key-only-for-local-use-" + "x" * 30
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# The site's address for links in e-mails sent by the worker (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "huey.contrib.djhuey",
    "clusterlab.core",
    "clusterlab.accounts",
    "clusterlab.registry",
    "clusterlab.matchmaking",
    "clusterlab.events",
    "clusterlab.surveys",
    "clusterlab.pilots",
    "clusterlab.training",
    "clusterlab.coaching",
    "clusterlab.toolbox",
    "clusterlab.greenbook",
    "clusterlab.network",
    "clusterlab.mapping",
    "clusterlab.excellence",
    "clusterlab.analytics",
]

MIDDLEWARE = [
    "clusterlab.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "clusterlab.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clusterlab.urls"
WSGI_APPLICATION = "clusterlab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "clusterlab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clusterlab.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite by default (embedded); WAL + IMMEDIATE transactions + a 20 s busy timeout, measured to
# remove "database is locked" under concurrent writers (shared/RELIABILITY.md).
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", VAR_DIR / "clusterlab.sqlite3"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    # One test database per test process, so parallel runs on one server don't collide.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_DATABASE_NAME")
        or f"test_{DATABASES['default']['NAME']}_{os.getpid()}"
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: 5 failures per user name and address lock out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

# Idle sessions expire after two hours.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pl", "Polski"),
    ("ca", "Català"),
]
# The working languages content may be written in (same list as the interface).
CONTENT_LANGUAGES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "clusterlab" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media files (all local: the platform works offline) -----------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve from the app folders directly in development and tests; production runs collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "clusterlab" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))

# --- E-mail: console by default, or a file folder, or SMTP in production ------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cluster Lab <noreply@clusterlab.local>")

# --- Cache: local memory by default, Redis when REDIS_URL is set ---------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Task queue: huey on SQLite (embedded, no server) or on Redis in production -----------
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=TESTING)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "clusterlab",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "clusterlab",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }

# The recommendation index: built by the worker, read by every web process.
MATCHMAKING_INDEX_PATH = Path(
    os.environ.get("MATCHMAKING_INDEX_PATH", VAR_DIR / "matchmaking" / "index.pickle")
)

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "clusterlab.core.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "100000/min" if TESTING else "600/min"),
        "user": os.environ.get("API_THROTTLE_USER", "100000/min" if TESTING else "3000/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster Lab API",
    "DESCRIPTION": "The network registry of Cluster Lab: clusters, organisations, memberships, "
    "contacts, services. Same permissions as the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc assets from the installed sidecar package, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "clusterlab.registry.enums.OrganisationKind",
        "ClusterKindEnum": "clusterlab.registry.enums.ClusterKind",
        "ServiceKindEnum": "clusterlab.registry.enums.ServiceKind",
        "LanguageEnum": "clusterlab.settings.LANGUAGES",
        "MeetingRequestSourceEnum": "clusterlab.events.enums.RequestSource",
        "MeasurementMethodEnum": "clusterlab.pilots.enums.MeasurementMethod",
        "ToolboxEntryKindEnum": "clusterlab.toolbox.models.EntryKind",
        "ToolboxEntryStatusEnum": "clusterlab.toolbox.models.EntryStatus",
        "TrainingProgrammeStatusEnum": "clusterlab.training.enums.ProgrammeStatus",
        "TrainingEnrolmentStatusEnum": "clusterlab.training.enums.EnrolmentStatus",
        "GreenbookEditionStatusEnum": "clusterlab.greenbook.enums.EditionStatus",
        "GreenbookRenderStatusEnum": "clusterlab.greenbook.enums.RenderStatus",
        "ExcellenceAssessmentStatusEnum": "clusterlab.excellence.models.AssessmentStatus",
    },
}

# --- Security (production values when DEBUG is off) ---------------------------------------
SECURE = not DEBUG and not TESTING and env_bool("HTTPS", default=True)
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Trust X-Forwarded-Proto only behind a proxy that sets it (set TRUST_PROXY_HTTPS=1 there).
if env_bool("TRUST_PROXY_HTTPS", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
AXES_LOCKOUT_CALLABLE = "clusterlab.accounts.views.locked_out"
