"""Settings shared by every environment: safe by default, configured from the environment.

dev.py only relaxes, test.py only speeds up, production.py only hardens and refuses to start
without what it needs. Optional services switch on when their environment variable is present.
"""

import os
from pathlib import Path

import dj_database_url

from site_home.cache_setup import caches
from site_home.frontend import BODY_CLASS_SCRIPT_HASH
from site_home.paths import ADMIN_PATH

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "site_home",
    "surveys",
    "consultations",
    "stories",
    "events",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail_modeladmin",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
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
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may answer early (the form-origin check, the page cache, a database
    # error in a middleware), so error and refusal pages carry the same headers as every page.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "site_home.middleware.ContentSecurityPolicyMiddleware",
    "site_home.middleware.PermissionsPolicyMiddleware",
    # Before anything reads request.POST (the form-origin and CSRF checks): too big a body is refused
    # from its Content-Length, unread.
    "site_home.request_limits.RequestBodyLimitMiddleware",
    # Early, so a cached page for an anonymous visitor skips sessions, auth and rendering; above
    # sessions, CSRF and messages, so it sees the cookies they set and keeps such pages private.
    "site_home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside PageCacheMiddleware, which must see the cookie it sets (site_home/people.py).
    "site_home.people.ParticipantCookieMiddleware",
    # The language comes from the URL alone (/cy/…, /gd/…, English without a prefix), never from a
    # cookie or Accept-Language, so a cached page is the same for everyone who asks for its URL.
    "site_home.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "site_home.security.SameOriginFormsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who must (or chose to) use a second factor verify it before anything else.
    "site_home.two_factor.TwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so a locked-out login attempt never reaches the view.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes' lockout check, plus a cap per address over all usernames (site_home/sign_in.py).
    "site_home.sign_in.LoginAddressBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "site_home.urls"
WSGI_APPLICATION = "site_home.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages and fragments in "default", rate limits in "limits" (site_home/cache_setup.py).
CACHES = caches(os.environ.get("REDIS_URL"), os.environ.get("LIMITS_REDIS_URL"))
RATELIMIT_USE_CACHE = "limits"
# With the cache server down, residents can still take part (the honeypot and moderation still
# hold floods back) rather than every form answering "too many requests".
RATELIMIT_FAIL_OPEN = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Welsh and Scottish Gaelic beside English: councils in Wales and Scotland publish in them by law.
# Django and Wagtail ship their own strings in both; ours are in locale/.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg"), ("gd", "Gàidhlig")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Let Django serve MEDIA_ROOT itself (`make serve` on one machine); real production uses S3 or nginx.
SERVE_MEDIA = env_bool("SERVE_MEDIA")

# What residents send that is not public (story submission photos) lives apart from MEDIA_ROOT, so
# no media server or bucket policy for public files can serve it; staff see it through admin views
# that check a permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "site_home.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "site_home.storage.StaticFilesStorage"},
}
MEDIA_ORIGINS = []  # where images load from when media is not on this site (added to the CSP)
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media (AWS, MinIO, ...). The keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are
    # read from the environment by boto3 itself, so they never sit in settings.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front of the bucket
    AWS_QUERYSTRING_AUTH = False
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGINS.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    AWS_DEFAULT_ACL = None
    # Private files: a bucket of their own that blocks public access (or, without one, the `private/`
    # prefix of the media bucket, which its policy must not make public). Links are signed and expire.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME") or AWS_STORAGE_BUCKET_NAME,
            "location": "" if os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME") else "private",
            "custom_domain": None,  # a CDN domain would turn signing off
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }

WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365  # hashed names make long caching safe

# Email: console by default in dev; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Community Voice <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Background work: emails and notifications leave the request path. The database backend
# needs `manage.py db_worker`; TASKS_IMMEDIATE=1 runs them in-process instead.
if env_bool("TASKS_IMMEDIATE"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security defaults that hold everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "site_home.views.csrf_failure"
CSRF_COOKIE_HTTPONLY = False  # the cookie is read by no script; Django's default kept explicit
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form fields other than files (Wagtail's page editor posts large StreamFields); checked on the
# declared length before the body is read. Files past FILE_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB)
# go to a temporary file, never to memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Residents' photos (stories/uploads.py): bytes, pixels, and the smallest useful width.
STORY_PHOTO_MAX_BYTES = 10 * 1024 * 1024
STORY_PHOTO_MAX_PIXELS = 40_000_000  # a 7300 x 5500 photo; Pillow's own bomb guard is at 89 million
# Whole request bodies, refused with 413 before they are read (site_home/request_limits.py): public
# forms carry at most one photo plus text; staff upload documents and images in the admin.
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", STORY_PHOTO_MAX_BYTES + 1024 * 1024))
ADMIN_REQUEST_BODY_MAX_BYTES = int(os.environ.get("ADMIN_REQUEST_BODY_MAX_BYTES", 32 * 1024 * 1024))

# Strict CSP: no inline script or style on public pages. The Wagtail admin ships inline
# scripts, so it is left out; it is behind login.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [ADMIN_PATH],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", BODY_CLASS_SCRIPT_HASH],  # site_home/frontend.py
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + MEDIA_ORIGINS + env_list("CSP_IMG_SRC"),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"]
        + env_list("CSP_FRAME_SRC", "https://www.youtube-nocookie.com,https://player.vimeo.com"),
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

# Brute-force protection for the admin login.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
# Username and address together: wrong passwords sent from elsewhere cannot lock a member of staff out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same reading of X-Forwarded-For (TRUSTED_PROXY_COUNT) as every other limit on the site.
AXES_CLIENT_IP_CALLABLE = "site_home.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "site_home.sign_in.login_lockout_response"
# Failed admin logins from one address, over all usernames, before it is refused for an hour.
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20"))
# Admin password reset emails asked for per hour, per address and per email address; past that the
# page says the same and nothing is sent.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "site_home.sign_in.ThrottledPasswordResetForm"
PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "5"))
PASSWORD_RESETS_PER_EMAIL = int(os.environ.get("PASSWORD_RESETS_PER_EMAIL", "3"))
# Wrong passwords for Wagtail's password-protected pages before refusing for an hour: per page and
# address, per address over all pages, and per page from all addresses together (a spread-out guess).
PAGE_PASSWORD_FAILURE_LIMIT = int(os.environ.get("PAGE_PASSWORD_FAILURE_LIMIT", "5"))
PAGE_PASSWORD_ADDRESS_FAILURE_LIMIT = int(os.environ.get("PAGE_PASSWORD_ADDRESS_FAILURE_LIMIT", "20"))
PAGE_PASSWORD_PAGE_FAILURE_LIMIT = int(os.environ.get("PAGE_PASSWORD_PAGE_FAILURE_LIMIT", "100"))

# Two-factor sign-in for the admin (site_home/two_factor.py): required for superusers and for staff
# who can see personal data; offered to everyone else.
ADMIN_TWO_FACTOR_REQUIRED = env_bool("ADMIN_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Community Voice")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Community Voice")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars: an uploaded photo or Wagtail's own default image. Gravatar would send a hash of each
# staff email to a third party on every admin page (and show a broken image where it is blocked).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False

if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
            "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
        }
    }
elif os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# Caching (site_home/page_cache.py). Whole pages for anonymous visitors are kept at most this long
# (seconds; 0 turns the page cache off), and their last copy this much longer, for when the database
# is down. After residents take part on one page, other pages may show it this many seconds late.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", str(60 * 60 * 24)))
ACTIVITY_SECONDS = int(os.environ.get("ACTIVITY_SECONDS", "30"))
# How long a CDN may keep a public page (s-maxage; browsers always revalidate). Wagtail's frontend
# cache app (WAGTAILFRONTENDCACHE above) purges a page when it is published or residents take part.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "30"))
# The query parameters some public page reads; others are dropped before the view sees them.
# A discussion thread's are "<thread>-sort", "<thread>-page" and "<thread>-status".
PAGE_CACHE_QUERY_PARAMETERS = set(
    [
        "q",
        "page",
        "status",
        "partner",
        "consultation",
        "place",
        "channel",
        "theme",
        "tag",
        "format",
        "date_from",
        "date_to",
        "return_to",
    ]
    # The events filter's dates as GOV.UK date inputs: a box each for day, month and year.
    + [f"{name}-{part}" for name in ("date_from", "date_to") for part in ("day", "month", "year")]
)
PAGE_CACHE_THREAD_PARAMETERS = {"sort", "page", "status"}

# Feedback engine knobs (read by surveys/ and the apps that use it).
# How many proxies we run in front of the app (load balancer, CDN): X-Forwarded-For is believed only
# that far, for rate limits. 0 (the default) means clients connect directly.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "10/m")
# Reports from this many different networks hide a comment until a moderator looks at it.
FEEDBACK_REPORTS_TO_HIDE = int(os.environ.get("FEEDBACK_REPORTS_TO_HIDE", "3"))
# New votes ("I agree", agree/disagree) one network may add to one item in an hour: above what a
# household or a library computer room needs, below what one person clearing cookies could add.
# Raise it for a drop-in event where everyone answers on one wifi. See site_home/people.py.
FEEDBACK_VOTES_PER_NETWORK_PER_HOUR = int(os.environ.get("FEEDBACK_VOTES_PER_NETWORK_PER_HOUR", "8"))
# Retention (site_home/retention.py, `manage.py apply_retention` daily): what residents said and who
# said it; bookings and interest after their event ends; finished background tasks and sign-in records.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "730"))
EVENT_PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("EVENT_PERSONAL_DATA_RETENTION_DAYS", "90"))
LOG_RETENTION_DAYS = int(os.environ.get("LOG_RETENTION_DAYS", "30"))
# Surveys asked one question per page: answers a resident saved for later are kept this long after
# they last touched them; the link is emailed at most this often to one address in a day; each
# client may post this many question pages.
SURVEY_DRAFT_DAYS = int(os.environ.get("SURVEY_DRAFT_DAYS", "30"))
SURVEY_DRAFT_EMAILS_PER_DAY = int(os.environ.get("SURVEY_DRAFT_EMAILS_PER_DAY", "3"))
SURVEY_PAGES_RATE_LIMIT = os.environ.get("SURVEY_PAGES_RATE_LIMIT", "60/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
