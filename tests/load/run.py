"""A class under load, end to end, on this machine (never in the normal suite).

    .venv/bin/python tests/load/run.py --learners 30 \
        --database postgres://postgres@127.0.0.1:5432/bankportal_load \
        --redis redis://127.0.0.1:6379/14

1. starts the site as a trainer would (`make classroom`, gunicorn threads) on
   127.0.0.1 (BIND) with a fresh database (the PostgreSQL database is dropped and made
   again; without --database: SQLite under var/load/) and a cache of its own (a
   CACHE_KEY_PREFIX for this run, whose keys are deleted at the end; nothing else in
   the Redis database given is touched);
2. creates a class (`manage.py classroom_create --json`) for the demo trainer;
3. measures a floor in the same run: the median of a static file served by the
   same server, alone;
4. runs tests/load/locustfile.py headless: N learners join and walk the whole
   flow with their phones polling, and the trainer's dashboard refreshes;
5. prints p50 / p95 per request type, the failures, the server's CPU time per
   learner's flow in milliseconds and in floors (CPU ÷ floor, which compares across
   machines), and whether the targets hold (p95 < 250 ms; < 1 s for the requests
   that verify or create a secret).

Traffic goes to 127.0.0.1 only and every run is bounded in time.
"""

import argparse
import contextlib
import csv
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))
from portal.cpu_log import breakdown  # noqa: E402  (the project, for the CPU breakdown)

TARGET_MS, SECRET_TARGET_MS = 250, 1000


def fresh_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def forget_cache(url: str, prefix: str) -> None:
    """This run's keys, and only them, out of Redis (nothing else there is touched)."""
    import redis

    client = redis.Redis.from_url(url)
    for keys in itertools.batched(client.scan_iter(match=f"{prefix}:*", count=1000), 500):
        client.delete(*keys)


def wait_until_up(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - 127.0.0.1
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not come up at {url}")


def warm_up(base: str, code: str) -> None:
    """A fresh server's first page compiles its templates: the trainer opens the class's
    pages before the learners come, so the first learner does not pay for it."""
    for path in ("/", "/trainer/login/", f"/join/?code={code}", "/cert/", "/phone/"):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - 127.0.0.1


def floor_ms(base: str, path: str = "/static/css/portal.css", runs: int = 40) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cpu_seconds(root_pid: int) -> float:
    """utime + stime of the server's processes (gunicorn's master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root_pid in (pid, ppid) or _descends(ppid, root_pid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _descends(pid: int, root: int) -> bool:
    for _ in range(6):
        if pid in (0, 1):
            return False
        if pid == root:
            return True
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="learners joining per second")
    parser.add_argument("--database", default="", help="postgres://… (default: SQLite)")
    parser.add_argument("--redis", default="", help="redis://… (default: local memory)")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: make's)")
    parser.add_argument(
        "--cluster", action="store_true", help="two app servers behind HAProxy (make cluster)"
    )
    parser.add_argument("--think", default="2,5", help="think time between steps, seconds")
    parser.add_argument("--max-minutes", type=float, default=20)
    parser.add_argument(
        "--json", default="", help="where to save the report (default var/load/report-N.json)"
    )
    args = parser.parse_args()

    var = ROOT / "var" / "load"
    var.mkdir(parents=True, exist_ok=True)
    cpu_log = var / "cpu"
    for leftover in cpu_log.glob("cpu-*.tsv"):
        leftover.unlink()
    env = {
        **os.environ,
        "VAR_DIR": str(var),
        "DATABASE_URL": args.database,
        "REDIS_URL": args.redis,
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORT": str(args.port),
        "REQUEST_CPU_LOG": str(cpu_log),
        # A cache of its own for each run: nothing an earlier run cached (its CA, its
        # sessions) meets the new database, and nobody else's keys are touched.
        "CACHE_KEY_PREFIX": f"bankportal-load-{os.getpid()}-{int(time.time())}",
    }
    if args.database:
        fresh_postgres(args.database)
    else:
        for leftover in var.glob("db.sqlite3*"):
            leftover.unlink()
    make = ["make", "cluster" if args.cluster else "classroom", f"PORT={args.port}"]
    if not args.cluster:
        make.append("BIND=127.0.0.1")
    if args.workers:
        make.append(f"WORKERS={args.workers}")
    log = (var / "server.log").open("w")
    server = subprocess.Popen(
        make, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(base + "/join/", seconds=180)
        created = subprocess.run(
            [VENV / "python", "manage.py", "classroom_create", "--name", "부하 시험반",
             "--trainer", "trainer", "--json"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        code = json.loads(created.stdout)["code"]
        trainer_password = json.loads((var / "secrets.json").read_text())["DEMO_TRAINER_PASSWORD"]
        warm_up(base, code)
        floor = floor_ms(base)
        cpu_before = cpu_seconds(server.pid)
        think_min, think_max = args.think.split(",")
        started = time.monotonic()
        locust = subprocess.run(
            [VENV / "locust", "-f", ROOT / "tests/load/locustfile.py", "--headless",
             "-u", str(args.learners + 1), "-r", str(args.spawn_rate), "--host", base,
             "--run-time", f"{int(args.max_minutes * 60)}s", "--csv", var / "result",
             "--only-summary", "--stop-timeout", "10"],
            cwd=ROOT, capture_output=True, text=True, check=False,
            env={**env, "CLASS_CODE": code, "TRAINER_PASSWORD": trainer_password,
                 "LEARNERS": str(args.learners), "THINK_MIN": think_min,
                 "THINK_MAX": think_max},
        )  # fmt: skip
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        if args.redis:
            forget_cache(args.redis, env["CACHE_KEY_PREFIX"])
    return report(args, var, locust, floor, cpu, elapsed)


def report(args, var: Path, locust, floor: float, cpu: float, elapsed: float) -> int:
    completed = next(
        (line for line in locust.stdout.splitlines() if line.startswith("flows completed")), ""
    )
    with (var / "result_stats.csv").open() as stats:
        every = list(csv.DictReader(stats))
    rows = [row for row in every if row["Name"] != "Aggregated"]
    (total,) = [row for row in every if row["Name"] == "Aggregated"]
    failures = list(csv.DictReader((var / "result_failures.csv").open()))
    exceptions = list(csv.DictReader((var / "result_exceptions.csv").open()))
    print(f"\nclass of {args.learners} learners ({'PostgreSQL' if args.database else 'SQLite'}"
          f"{', two app servers behind HAProxy' if args.cluster else ''}"
          f"{' + Redis' if args.redis else ''}); {completed}; {elapsed:.0f} s")  # fmt: skip
    per_learner = 1000 * cpu / max(args.learners, 1)
    print(f"floor (a static file alone): {floor:.2f} ms")
    print(
        f"server CPU: {cpu:.1f} s in all, {per_learner:.0f} ms per learner"
        f" = {per_learner / floor:.0f} floors"
    )
    print(
        f"\n{'request':<34}{'count':>7}{'fail':>6}{'p50 ms':>8}{'p95 ms':>8}{'p95/floor':>10}  ok"
    )
    held = True
    for row in sorted(rows, key=lambda r: r["Name"]):
        p50, p95 = float(row["50%"] or 0), float(row["95%"] or 0)
        target = SECRET_TARGET_MS if row["Name"].startswith("secret:") else TARGET_MS
        ok = p95 < target and row["Failure Count"] == "0"
        held &= ok
        print(f"{row['Name']:<34}{row['Request Count']:>7}{row['Failure Count']:>6}{p50:>8.0f}"
              f"{p95:>8.0f}{p95 / floor:>10.1f}  {'yes' if ok else 'NO'}")  # fmt: skip
    print(f"{'all requests':<34}{total['Request Count']:>7}{total['Failure Count']:>6}"
          f"{float(total['50%']):>8.0f}{float(total['95%']):>8.0f}"
          f"{float(total['95%']) / floor:>10.1f}")  # fmt: skip
    for failure in failures:
        print(f"FAILURE {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")
    for exception in exceptions:
        print(f"EXCEPTION ×{exception['Count']}: {exception['Message']}")
    done = completed.startswith(f"flows completed: {args.learners} ")
    held &= done and not failures and not exceptions
    by_view = breakdown(var / "cpu", args.learners)
    measured = sum(row["ms_per_learner"] for row in by_view.values())
    print(f"\nserver CPU per learner by view ({measured:.0f} of "
          f"{1000 * cpu / max(args.learners, 1):.0f} ms measured inside the views; "
          f"the rest is gunicorn and HTTP outside them)")  # fmt: skip
    print(f"{'view':<40}{'requests':>9}{'ms/req':>8}{'ms/learner':>11}{'share':>7}")
    for name, row in list(by_view.items())[:15]:
        print(f"{name:<40}{row['requests']:>9}{row['ms_per_request']:>8.1f}"
              f"{row['ms_per_learner']:>11.1f}{row['share']:>7.0%}")  # fmt: skip
    save_json(args, var, rows, total, failures, floor, cpu, elapsed, completed, held, by_view)
    overall = float(total["95%"]) < TARGET_MS and not failures and not exceptions and done
    print(
        f"\nclass held: {'yes' if overall else 'NO'} (p95 over all requests "
        f"{float(total['95%']):.0f} ms < {TARGET_MS} ms, 0 errors, every flow completed)"
    )
    print(f"targets {'held' if held else 'NOT held'}: p95 < {TARGET_MS} ms for every kind "
          f"(secrets < {SECRET_TARGET_MS} ms), 0 errors, every flow completed")  # fmt: skip
    return 0 if held else 1


def save_json(args, var, rows, total, failures, floor, cpu, elapsed, completed, held, by_view):
    """The report as JSON, to compare runs (tests/load/plot.py draws the curve)."""

    def figures(row):
        return {
            "count": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"] or 0),
            "p95": float(row["95%"] or 0),
            "p99": float(row["99%"] or 0),
        }

    report = {
        "learners": args.learners,
        "database": "postgresql" if args.database else "sqlite",
        "redis": bool(args.redis),
        "workers": args.workers or None,
        "cluster": args.cluster,
        "completed": completed,
        "seconds": round(elapsed, 1),
        "floor_ms": round(floor, 2),
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_learner": round(1000 * cpu / max(args.learners, 1)),
        "cpu_floors_per_learner": round(1000 * cpu / max(args.learners, 1) / floor),
        "date": time.strftime("%Y-%m-%d"),
        "cpu_by_view": by_view,
        "all": figures(total),
        "requests": {row["Name"]: figures(row) for row in rows},
        "errors": [{"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])}
                   for f in failures],
        "targets_held": held,
    }  # fmt: skip
    name = f"report-{args.learners}{'-cluster' if args.cluster else ''}.json"
    path = Path(args.json) if args.json else var / name
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"report saved: {path}")


if __name__ == "__main__":
    sys.exit(main())
