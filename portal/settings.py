"""Settings, all from the environment (django-environ) with safe demo defaults.

Tiers (see README "Settings"):
- embedded default: SQLite (WAL) under var/, local-memory cache, secrets generated
  once into var/secrets.json;
- classroom / production: DATABASE_URL, REDIS_URL, and DJANGO_ENV=production, which
  requires every secret from the environment and turns on the secure settings.
"""

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from django.utils.csp import CSP

from portal.secrets import demo_secret

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))


def secret(name: str) -> str:
    """A secret from the environment; in production it must be there."""
    if PRODUCTION:
        return env.str(name)  # raises ImproperlyConfigured when missing
    return env.str(name, default="") or demo_secret(VAR_DIR, name)


SECRET_KEY = secret("SECRET_KEY")
# AES-GCM key (urlsafe base64 of 32 bytes) for 주민등록번호 and 보안카드 codes at rest;
# the HMAC look-up key is derived from it (accounts/crypto.py).
FIELD_ENCRYPTION_KEY = secret("FIELD_ENCRYPTION_KEY")

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates for the project's renderer (FORM_RENDERER)
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "portal",
    "accounts",
    "issuance",
    "lessons",
    "classroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.idle.IdleLogoutMiddleware",
    "classroom.middleware.SeatMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# The load test's CPU breakdown per view (tests/load/run.py sets it; off otherwise).
REQUEST_CPU_LOG = env.str("REQUEST_CPU_LOG", default="")
if REQUEST_CPU_LOG:
    MIDDLEWARE.insert(0, "portal.cpu_log.RequestCpuLog")

ROOT_URLCONF = "portal.urls"
# Widgets render through TEMPLATES, so a widget's template lives in templates/ like any
# other (templates/widgets/: portal.secret_fields).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.branding",
                "accounts.context_processors.idle_logout",
                "classroom.context_processors.learner",
                "classroom.context_processors.demo_reset",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the one writer work at once; IMMEDIATE takes the write
        # lock at BEGIN so two transactions never deadlock upgrading a read lock.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests get a file too, not Django's default in-memory database: its shared cache
    # answers "database table is locked" at once instead of waiting, which the browser
    # tests (a live server serving the page and the phone at once) met on a busy machine.
    # One per test run (its process), so two runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -----------------------------------------------------------


def _database_tag() -> str:
    """A short name of the database (engine, host, port, name), never its password."""
    db = DATABASES["default"]
    where = "|".join(str(db.get(key, "")) for key in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def _redis_of_test_worker(url: str) -> str:
    """Under pytest-xdist (`make test` runs two workers) each worker gets a Redis database
    of its own, counting down from the URL's (15, 14 …): a test's cache.clear() empties a
    whole database, and must not empty the other worker's sessions mid-test. The
    processes a test starts inherit the variable, so they find the same database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1 …
    if not url or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) - int(worker[2:])
    return urlunsplit(parts._replace(path=f"/{db % 16}"))


REDIS_URL = _redis_of_test_worker(env.str("REDIS_URL", default=""))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Keyed by database: two sites (or a load test) on one Redis never read each
            # other's CA or sessions. CACHE_KEY_PREFIX names it outright.
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=f"bankportal:{_database_tag()}"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Room for a class's 보안 키패드 layouts (portal/keypad.py): one per secret field drawn.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# The 인증서 선택창's 이동식디스크: the drives it offers; the learner's USB is the first.
REMOVABLE_DRIVES = env.list("REMOVABLE_DRIVES", default=["E:", "F:"])

# --- 보안 키패드 (portal/keypad.py, docs/KEYPAD.md) -------------------------------------
KEYPAD_DEFAULT_ON = env.bool("KEYPAD_DEFAULT_ON", default=True)  # a class may choose otherwise
KEYPAD_LAYOUT_SECONDS = env.int("KEYPAD_LAYOUT_SECONDS", default=600)  # one layout's life
KEYPAD_DIGIT_BLANKS = env.int("KEYPAD_DIGIT_BLANKS", default=2)  # blank keys among the digits
KEYPAD_ROW_GAPS = env.int("KEYPAD_ROW_GAPS", default=1)  # blanks in each row of letters

# --- Authentication -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Customer"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",  # login passwords: Django's default
    "accounts.hashers.PinArgon2Hasher",  # 4/6-digit PINs: OWASP's minimum, see the module
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PIN_HASHER = "argon2pin"  # accounts.hashers.PinArgon2Hasher
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Failures before a lock, per check (PRODUCT.md: default 5).
# Load balancers in front of the app servers (scripts/cluster): from these addresses the
# client's own is the last one in X-Forwarded-For. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
LOCK_THRESHOLDS = {
    "login": env.int("LOCK_THRESHOLD_LOGIN", default=5),
    "account_pin": env.int("LOCK_THRESHOLD_ACCOUNT_PIN", default=5),
    "security_card": env.int("LOCK_THRESHOLD_SECURITY_CARD", default=5),
    "mobile_pin": env.int("LOCK_THRESHOLD_MOBILE_PIN", default=5),
    "identify": env.int("LOCK_THRESHOLD_IDENTIFY", default=5),
    "ars": env.int("LOCK_THRESHOLD_ARS", default=5),
    "certificate_password": env.int("LOCK_THRESHOLD_CERTIFICATE_PASSWORD", default=5),
    "find_id": env.int("LOCK_THRESHOLD_FIND_ID", default=5),
    "copy_code": env.int("LOCK_THRESHOLD_COPY_CODE", default=5),
    "token_pin": env.int("LOCK_THRESHOLD_TOKEN_PIN", default=5),
    # 금융인증서: 5 wrong PINs and the only way on is 재발급; 5 wrong SMS codes stop a
    # cloud connection (issuance or a new device).
    "finance_pin": env.int("LOCK_THRESHOLD_FINANCE_PIN", default=5),
    "cloud_sms": env.int("LOCK_THRESHOLD_CLOUD_SMS", default=5),
    # Wrong class codes at /join/ per client: more than 5, a class mistypes; 22⁶ codes
    # still take millions of tries to find one.
    "join_code": env.int("LOCK_THRESHOLD_JOIN_CODE", default=10),
    # 집에서 이어 하기: wrong numbers on one card lock it; unknown card codes per client.
    "takehome": env.int("LOCK_THRESHOLD_TAKEHOME", default=5),
}
# 집에서 이어 하기: a learner's card brings their persona back for this many days, then
# the persona is removed (manage.py takehome_expire, daily).
TAKEHOME_DAYS = env.int("TAKEHOME_DAYS", default=14)
# A client that failed an attempt that belongs to no customer (an unknown user ID,
# 아이디 조회) as many times as the threshold waits this long (accounts/throttle.py).
THROTTLE_MINUTES = env.int("THROTTLE_MINUTES", default=30)
# 자동 로그아웃 after this many idle minutes (0: never), with a warning this long before;
# the classroom seat survives it (the learner sits down again with the class code).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_IDLE_WARNING_SECONDS = env.int("SESSION_IDLE_WARNING_SECONDS", default=120)
SESSION_IDLE_KEEP = ["classroom_seat"]
# The issuance flow's clocks (a scenario may override each).
ISSUANCE_SESSION_MINUTES = env.int("ISSUANCE_SESSION_MINUTES", default=20)
ARS_TIMEOUT_SECONDS = env.int("ARS_TIMEOUT_SECONDS", default=180)
PUSH_TIMEOUT_SECONDS = env.int("PUSH_TIMEOUT_SECONDS", default=180)
# 쉬운 화면 (고령자 지침, docs/EASY.md): a flow started in easy view gets its clocks (the
# session, ARS, push) this many times longer, and "시간 더 주기" may add
# FLOW_EXTEND_MINUTES to the session this many times (issuance/flow/clock.py).
EASY_VIEW_TIME_FACTOR = env.int("EASY_VIEW_TIME_FACTOR", default=2)
FLOW_EXTEND_MINUTES = env.int("FLOW_EXTEND_MINUTES", default=10)
FLOW_EXTEND_LIMIT = env.int("FLOW_EXTEND_LIMIT", default=3)
INSTALL_SECONDS = env.float("INSTALL_SECONDS", default=3.0)  # the progress bar's length
PHONE_PAIRING_SECONDS = env.int("PHONE_PAIRING_SECONDS", default=600)  # the QR code's life
UNIVERSAL_CERTIFICATE_FEE = 4_400  # 원, VAT included
# The banking app version the "store" offers; an installed version below it is outdated.
MOBILE_APP_CURRENT_VERSION = env.str("MOBILE_APP_CURRENT_VERSION", default="5.2.0")
# The version the "모바일 앱 구버전" scenario shows installed on a phone whose app is current
# (the fixed persona 정다섯 has it too); it must be below MOBILE_APP_CURRENT_VERSION.
MOBILE_APP_OUTDATED_VERSION = env.str("MOBILE_APP_OUTDATED_VERSION", default="4.8.1")

# --- Classroom ----------------------------------------------------------------------------
# A public demo without a trainer: `manage.py demo_reset` (from cron or a systemd timer)
# puts the demo personas back every this many minutes; pages show when. 0: off.
DEMO_RESET_MINUTES = env.int("DEMO_RESET_MINUTES", default=0)
# Seats in one class: a class of 1,000 on one small machine (README: "Scale"), and a
# bound on what a stranger's joins can create.
CLASS_MAX_SEATS = env.int("CLASS_MAX_SEATS", default=1200)

# --- The simulated CA (issuance/pki) ---------------------------------------------------
# Passphrase for the CA private keys stored (PKCS#8-encrypted) in the database.
CA_KEY_PASSPHRASE = secret("CA_KEY_PASSPHRASE")
# The 금융인증서 cloud's own key: it seals every cloud-held private key (AES-256-GCM,
# issuance/pki/cloud.py); a PIN never encrypts a key (six digits protect nothing offline).
CLOUD_STORE_KEY = secret("CLOUD_STORE_KEY")
# 금융인증서: the SMS reply's time limit, and 갱신 from this many days before expiry
# (sources say 30 to 90 days; docs/CERTIFICATES.md).
CLOUD_SMS_SECONDS = env.int("CLOUD_SMS_SECONDS", default=180)
FINANCE_RENEWAL_DAYS = env.int("FINANCE_RENEWAL_DAYS", default=90)
# 금융사기 예방 연습: the trainer's "at a random moment" launch comes within this many minutes.
DRILL_RANDOM_MINUTES = env.int("DRILL_RANDOM_MINUTES", default=5)
PKI_ROOT_CA_NAME = env.str("PKI_ROOT_CA_NAME", default="SIM Training RootCA")
PKI_ISSUING_CA_NAME = env.str("PKI_ISSUING_CA_NAME", default="yessignCA-SIM Class 3")
# The 금융인증서's issuing CA, under the same root (yessign's style; docs/NPKI.md).
PKI_FINANCE_CA_NAME = env.str("PKI_FINANCE_CA_NAME", default="yessignCA-SIM Cloud")
# Where learners reach this site (a class on a LAN: http://<laptop's address>:8000; set by
# `make classroom`). Empty: the address of each request. The join and pairing QR codes use it.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
# Written into every certificate's CRL DP and AIA (OCSP): where this site is reachable.
PKI_BASE_URL = env.str("PKI_BASE_URL", default=SITE_URL or "http://127.0.0.1:8000")
PKI_CRL_VALIDITY_HOURS = env.int("PKI_CRL_VALIDITY_HOURS", default=24)
PKI_OCSP_VALIDITY_MINUTES = env.int("PKI_OCSP_VALIDITY_MINUTES", default=60)
PKI_BRANCH_CODE = env.str("PKI_BRANCH_CODE", default="045")
# The 수료증's Korean font (a TrueType file, embedded in the PDF); when the file is missing,
# reportlab's built-in CID font HYGothic-Medium is used (lessons/completion/pdf.py).
CERTIFICATE_FONT = env.str(
    "CERTIFICATE_FONT", default="/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
)

# --- Branding (fictitious bank; the flow follows KB's) -----------------------------------
# The Korean name is a brand, shown beside BANK_NAME_EN; the templates choose which.
BANK_NAME = env.str("BANK_NAME", default="모의국민은행")  # i18n: a brand name
BANK_NAME_EN = env.str("BANK_NAME_EN", default="Mock Kookmin Bank")
BANK_SHORT_CODE = env.str("BANK_SHORT_CODE", default="KMB")
BANK_CODE = env.str("BANK_CODE", default="004")

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "ko-kr"
LANGUAGES = [
    ("ko", "한국어"),  # i18n: each language named in itself
    ("en", "English"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "中文"),
]
# Ours first; then Django's own strings its Vietnamese catalogue lacks (docs/I18N.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
FORMAT_MODULE_PATH = ["portal.formats"]  # dates in each language's own way
# The header's switch (set_language) and a class's default language: kept per browser.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Outside production static files come straight from the finders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Forms ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------------------
# Django's own CSP with nonces: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging: nothing personal is ever logged (see accounts/crypto.py) -----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

AUTHENTICATION_BACKENDS = ["accounts.backends.LockingModelBackend"]
