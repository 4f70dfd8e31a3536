"""Server CPU per view, for the load test's breakdown (on only when REQUEST_CPU_LOG is set).

Each request's CPU time on its own thread (``time.thread_time``: Argon2, template
rendering, the database driver; not the time spent waiting) is appended to
``<REQUEST_CPU_LOG>/cpu-<pid>.tsv`` as ``METHOD view_name<TAB>microseconds``.
``tests/load/run.py`` adds the files up into the report's ``cpu_by_view``.
View names only, never a path, a query string or a body: nothing a learner typed reaches the file.
"""

import os
import threading
import time
from pathlib import Path

from django.conf import settings

_lock = threading.Lock()
_files: dict[tuple[int, str], object] = {}


def _log_file():
    # One file per gunicorn worker, opened after the fork.
    key = (os.getpid(), settings.REQUEST_CPU_LOG)
    if key not in _files:
        directory = Path(settings.REQUEST_CPU_LOG)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"cpu-{key[0]}.tsv"
        _files[key] = path.open("a", buffering=1, encoding="utf-8")
    return _files[key]


def route(request) -> str:
    """``GET flow:ars_status``; static files and unknown paths by their kind."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        name = match.view_name
    elif request.path.startswith(settings.STATIC_URL):
        name = "static"
    else:
        name = "unresolved"
    return f"{request.method} {name}"


class RequestCpuLog:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.thread_time()
        response = self.get_response(request)
        spent = round((time.thread_time() - started) * 1_000_000)
        with _lock:
            _log_file().write(f"{route(request)}\t{spent}\n")
        return response


def breakdown(directory: Path, learners: int) -> dict[str, dict]:
    """The files added up, costliest first: requests, ms per request, ms per learner, share."""
    totals: dict[str, list[int]] = {}
    for path in sorted(Path(directory).glob("cpu-*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _tab, micros = line.rpartition("\t")
            if not name or not micros.isdigit():
                continue  # a line cut short when a worker stopped
            count_and_sum = totals.setdefault(name, [0, 0])
            count_and_sum[0] += 1
            count_and_sum[1] += int(micros)
    measured = sum(spent for _count, spent in totals.values()) or 1
    rows = sorted(totals.items(), key=lambda item: -item[1][1])
    return {
        name: {
            "requests": count,
            "ms_per_request": round(spent / count / 1000, 2),
            "ms_per_learner": round(spent / max(learners, 1) / 1000, 1),
            "share": round(spent / measured, 3),
        }
        for name, (count, spent) in rows
    }
