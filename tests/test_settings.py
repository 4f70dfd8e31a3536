"""Settings tiers: production's secure settings pass ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "prod-" + "k3y-not-for-real-use-" * 3,
    "FIELD_ENCRYPTION_KEY": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=",
    "CA_KEY_PASSPHRASE": "a-passphrase-from-the-vault",
    "CLOUD_STORE_KEY": "a-cloud-key-from-the-vault",
    "ALLOWED_HOSTS": "bank.example.test",
}


def test_check_deploy_reports_nothing_in_production(tmp_path):
    collected = run_manage("collectstatic", "--noinput", VAR_DIR=str(tmp_path), **PRODUCTION_ENV)
    assert collected.returncode == 0, collected.stderr
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", VAR_DIR=str(tmp_path), **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_collected_static_files_refuses_to_start(tmp_path):
    """Not a 500 on every page: the check says what to run, and the server does not start."""
    result = run_manage("check", VAR_DIR=str(tmp_path), **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "portal.E001" in result.stderr and "collectstatic" in result.stderr
    env = {**os.environ, **PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    boot = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert boot.returncode != 0 and "collectstatic" in boot.stderr


def test_production_serves_pages_once_collected(tmp_path):
    env = {"VAR_DIR": str(tmp_path), **PRODUCTION_ENV, "ALLOWED_HOSTS": "testserver"}
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput")):
        assert run_manage(*command, **env).returncode == 0
    script = (
        "import django; django.setup(); import portal.wsgi; from django.test import Client; "
        "r = Client().get('/', secure=True); print(r.status_code); "
        "print('/static/css/portal.' in r.content.decode())"
    )
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    environment.pop("DATABASE_URL", None)
    environment.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.split() == ["200", "True"], result.stderr[-2000:]


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "FIELD_ENCRYPTION_KEY"}
    result = run_manage("check", VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr
    assert not (tmp_path / "secrets.json").exists()  # nothing generated in production


def test_demo_generates_its_secrets_once(tmp_path):
    env = {"VAR_DIR": str(tmp_path), "SECRET_KEY": "", "FIELD_ENCRYPTION_KEY": ""}
    assert run_manage("check", **env).returncode == 0
    first = (tmp_path / "secrets.json").read_text()
    assert oct((tmp_path / "secrets.json").stat().st_mode & 0o777) == "0o600"
    assert run_manage("check", **env).returncode == 0
    assert (tmp_path / "secrets.json").read_text() == first


def test_korean_first_in_seoul():
    assert settings.LANGUAGE_CODE == "ko-kr"
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert [code for code, _name in settings.LANGUAGES] == ["ko", "en", "vi", "zh-hans"]


def test_database_follows_database_url():
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"


def test_cache_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        from django.core.cache import cache

        assert backend.endswith("RedisCache")
        cache.set("ci-probe", "ok", 5)
        assert cache.get("ci-probe") == "ok"
    else:
        assert backend.endswith("LocMemCache")


def test_the_shared_cache_is_keyed_by_database(tmp_path):
    """Two sites (or a load test) on one Redis never read each other's CA or sessions:
    the cache's prefix names the database, never its password; CACHE_KEY_PREFIX wins."""
    show = ["shell", "-c", "from django.conf import settings; print(settings.CACHES)"]
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/9", "VAR_DIR": str(tmp_path)}
    first = run_manage(*show, DATABASE_URL="postgres://u:secret@127.0.0.1:5432/one", **redis)
    second = run_manage(*show, DATABASE_URL="postgres://u:secret@127.0.0.1:5432/two", **redis)
    assert first.returncode == 0, first.stderr
    assert "'KEY_PREFIX': 'bankportal:" in first.stdout
    assert first.stdout != second.stdout
    assert "secret" not in first.stdout
    named = run_manage(*show, CACHE_KEY_PREFIX="classA", **redis)
    assert "'KEY_PREFIX': 'classA'" in named.stdout


def test_each_test_worker_has_a_redis_database_of_its_own(tmp_path):
    """`make test` runs two pytest-xdist workers; one's cache.clear() (a whole database)
    must not empty the other's sessions, so each counts down from REDIS_URL's database."""
    show = ["shell", "-c", "from django.conf import settings; print(settings.CACHES)"]
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/15", "VAR_DIR": str(tmp_path)}
    first = run_manage(*show, PYTEST_XDIST_WORKER="gw0", **redis)
    second = run_manage(*show, PYTEST_XDIST_WORKER="gw1", **redis)
    assert "'LOCATION': 'redis://127.0.0.1:6379/15'" in first.stdout, first.stderr
    assert "'LOCATION': 'redis://127.0.0.1:6379/14'" in second.stdout, second.stderr
    alone = run_manage(*show, PYTEST_XDIST_WORKER="", **redis)
    assert "'LOCATION': 'redis://127.0.0.1:6379/15'" in alone.stdout, alone.stderr
