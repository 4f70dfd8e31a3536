"""What the Makefile's targets do, read from `make -n` (nothing is run or served)."""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dry_run(*args: str) -> list[str]:
    result = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def environment_of(line: str, name: str) -> str:
    """The value ``line`` gives ``name`` when a shell runs it (without it set beforehand)."""
    command = re.sub(r"\S*python\S* manage\.py .*$", f"printenv {name}", line)
    env = {k: v for k, v in os.environ.items() if k != name}
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def test_the_demo_writes_its_own_address_into_certificates():
    lines = dry_run("demo", "PORT=8101")
    issuing = [line for line in lines if "seed_personas" in line or "runserver" in line]
    assert len(issuing) == 2
    for line in issuing:
        assert environment_of(line, "PKI_BASE_URL") == "http://127.0.0.1:8101"
    assert any(line.endswith("runserver 127.0.0.1:8101") for line in issuing)


def run_cluster(**env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return subprocess.run(
        [ROOT / "scripts" / "cluster", "8190"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=60,
    )


def test_the_cluster_needs_one_shared_postgresql_and_redis():
    """Two servers with a database or a cache each would not be one site: it refuses."""
    no_redis = run_cluster(DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert no_redis.returncode != 0 and "REDIS_URL" in no_redis.stderr
    sqlite = run_cluster(DATABASE_URL="sqlite:///var/x.sqlite3", REDIS_URL="redis://127.0.0.1/0")
    assert sqlite.returncode == 2 and "PostgreSQL" in sqlite.stderr
    assert "cluster" in " ".join(dry_run("cluster"))


def test_the_classroom_serves_the_interface_bind_names():
    """0.0.0.0 (every network) unless BIND names one; an address with its port as it is."""

    def bind(*args: str) -> str:
        (line,) = [line for line in dry_run("classroom", *args) if "gunicorn" in line]
        return re.search(r'--bind "([^"]+)"', line).group(1)

    assert bind("PORT=8102") == "0.0.0.0:8102"
    assert bind("PORT=8102", "BIND=127.0.0.1") == "127.0.0.1:8102"
    assert bind("BIND=192.168.0.10:9000") == "192.168.0.10:9000"
