"""One learner's server CPU, in process (run with `make bench`; nothing asserts a time).

The same walk as the load test (tests/load/locustfile.py): join the class at /join/,
read the wallet, walk the whole issuance flow, loading what each page loads and
polling what each page polls, at the pace the server sets. Here the requests go
through Django's handler in this process (the test client), so the figure is the
application's own CPU: no HTTP server, no network. Think time is not slept but
counted: while the learner "thinks" THINK_SECONDS, every poll the page runs fires as
often as its pace allows, so polls weigh as they do in a class.

Printed: requests, queries and CPU per learner (``time.process_time`` around each
request), by kind of request, and the floor measured in the same run (the CPU of
one static file through the same handler), so CPU ÷ floor compares across machines.
``BENCH_PROFILE=1`` adds where the CPU goes by package (cProfile);
``BENCH_PROFILE=/tmp/learner.prof`` also saves the profile.
"""

import cProfile
import io
import json
import os
import pstats
import re
import statistics
import time
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "6"))
THINK_SECONDS = 3.5  # the load test's mean think time (2–5 s)
HTMX = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}  # a step's form or link (hx-boost)
PASSWORD = "Practice#2026"


def qr_in_sight(html: str) -> bool:
    """The pairing QR code loads with the page, unless it waits in a closed <details>
    (loading="lazy"), opened by the few learners who pair a real smartphone."""
    return '<details class="phone-qr"' not in html


def one(pattern: str, html: str, what: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match, f"{what} not found on the page"
    return match.group(1)


class Browser:
    """A browser in process: each request's CPU and queries counted by its name."""

    def __init__(self):
        self.client = Client()
        self.cpu = defaultdict(float)
        self.requests = Counter()
        self.queries = 0
        self.pollers = {}  # name -> [url, pace (s), seconds owed]
        self.phone_key = ""
        self.phone_pace = 2.0

    def _count_query(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def send(self, method, url, name, data=None, headers=None, expect=(200,)):
        with connection.execute_wrapper(self._count_query):
            started = time.process_time()
            if method == "GET":
                response = self.client.get(url, headers=headers or {})
            else:
                response = self.client.post(url, data or {}, headers=headers or {})
            self.cpu[name] += time.process_time() - started
        self.requests[name] += 1
        assert response.status_code in expect, f"{name}: {response.status_code}"
        return response

    def get(self, url, name, headers=None, expect=(200,)):
        return self.send("GET", url, name, headers=headers, expect=expect)

    def boost_headers(self) -> dict:
        """A step's form or link: boosted where the site boosts them."""
        return BOOSTED if getattr(self, "site_boosts", False) else {}

    def post(self, url, data, name, expect=(302,), headers=None):
        headers = self.boost_headers() if headers is None else headers
        return self.send("POST", url, name, data=data, headers=headers, expect=expect)

    def text(self, response) -> str:
        return response.content.decode() if hasattr(response, "content") else ""

    # --- time: thinking lets the page's polls run at their pace --------------------

    def poll_every(self, name, url, pace):
        self.pollers[name] = [url, pace, 0.0]

    def stop_polling(self, name):
        self.pollers.pop(name, None)

    def think(self, seconds=THINK_SECONDS):
        for name in list(self.pollers):
            if name not in self.pollers:
                continue
            poller = self.pollers[name]
            poller[2] += seconds
            while name in self.pollers and poller[2] >= poller[1]:
                poller[2] -= poller[1]
                self.poll(name)

    def poll(self, name):
        url = self.pollers[name][0]
        phone = name == "poll:phone" and self.phone_key
        shown = {"X-Phone-Screen": self.phone_key} if phone else {}
        response = self.get(url, name, headers={**HTMX, **shown}, expect=(200, 204, 286))
        body = self.text(response)
        moved = response.headers.get("HX-Location") or response.headers.get("HX-Redirect")
        if response.status_code == 286 or moved:
            self.stop_polling(name)
            return response
        if name == "poll:phone" and response.status_code == 200:
            self.phone_saw(body)
        pace = re.search(r'hx-trigger="every (\d+(?:\.\d+)?)(m?s)"', body)
        if pace:
            value = float(pace.group(1))
            self.pollers[name][1] = value / 1000 if pace.group(2) == "ms" else value
        return response

    def phone_saw(self, html):
        """The screen the phone shows, which its polls say (X-Phone-Screen), and the
        pace its poller was given (a 204 keeps both)."""
        key = re.search(r'"X-Phone-Screen": "([^"]+)"', html)
        self.phone_key = key.group(1) if key else ""
        pace = re.search(r'id="phone-screen"[^>]*hx-trigger="every (\d+)s"', html)
        if pace:
            self.phone_pace = float(pace.group(1))
            if "poll:phone" in self.pollers:
                self.pollers["poll:phone"][1] = self.phone_pace

    def wait_for_redirect(self, name, url, pace):
        """Poll (sleeping the pace for real: the server's clock matters) until it moves on;
        then the next page comes in place (HX-Location) or as a whole page (HX-Redirect)."""
        for _ in range(240):
            response = self.get(url, name, headers=HTMX)
            if response.headers.get("HX-Location"):
                self.next_in_place = True
                return
            if response.headers.get("HX-Redirect"):
                self.next_in_place = False
                return
            time.sleep(pace)
        raise AssertionError(f"{name}: the page never moved on")


class Learner(Browser):
    """tests/load/locustfile.py's Learner, step for step."""

    def __init__(self, code):
        super().__init__()
        self.code = code
        self.phone_shown = False
        self.site_boosts = False  # seen on the first step page
        self.next_in_place = True

    def step_page(self, url, name, boosted=True):
        """As the load test's: where the pages are boosted (hx-boost), the phone's frame is
        loaded when it first appears, then kept from step to step (hx-preserve); where
        they are not (today's main, measured side by side), every page loads it again."""
        boosted = boosted and self.site_boosts and self.next_in_place
        self.next_in_place = True
        html = self.text(self.get(url, name, headers=BOOSTED if boosted else None))
        self.site_boosts = self.site_boosts or 'hx-boost="true"' in html
        has_phone = "phone-frame" in html
        if has_phone and not (boosted and self.phone_shown):
            self.phone_saw(self.text(self.get("/phone/", "page:phone frame")))
        if has_phone and qr_in_sight(html):
            qr = re.search(r'src="(/phone/pairing/[^"]+\.svg)"', html)
            if qr and "qr" not in self.__dict__:
                self.qr = qr.group(1)  # the browser keeps it (Cache-Control: max-age)
                self.get(qr.group(1), "phone:pairing qr")
        self.phone_shown = has_phone
        return html

    def join(self):
        self.get(f"/join/?code={self.code}", "page:join")
        self.post("/join/", {"code": self.code, "display_name": "학습자"}, "secret:join",
                  headers={})  # fmt: skip
        self.get("/join/welcome/", "page:welcome")
        wallet = self.text(self.get("/join/wallet/", "page:wallet"))
        self.user_id = one(r'data-wallet="user_id">([^<]+)<', wallet, "user ID")
        self.rrn = one(r'data-wallet="rrn">([^<]+)<', wallet, "주민등록번호")
        self.account_pin = one(r'data-wallet="account_pin">(\d{4})<', wallet, "account PIN")
        self.app_pin = one(r'data-wallet="app_pin">(\d{6})<', wallet, "app PIN")
        grid = one(r'data-wallet="security_card">(.*?)</table>', wallet, "보안카드")
        self.card = re.findall(r'<td class="wallet-mono">(\d{4})</td>', grid)

    def walk(self):
        self.step_page("/cert/issue/", "page:prerequisites", boosted=False)
        self.think()
        base = self.post("/cert/issue/", {}, "step:start")["Location"].rsplit("/", 2)[0]
        self.step_page(f"{base}/install/", "page:install")
        self.think()
        self.post(f"{base}/install/", {"full": "1"}, "step:install")
        html = self.text(self.get(f"{base}/install/", "page:install", headers=self.boost_headers()))
        wait = re.search(r'data-wait-ms="(\d+)"', html)  # the bar fills, then asks once
        time.sleep(int(wait.group(1)) / 1000 if wait else 0.5)
        self.wait_for_redirect("poll:install", f"{base}/install/progress/", 0.5)

        self.step_page(f"{base}/identify/", "page:identify")
        self.think()
        front, back = self.rrn.split("-")
        data = {"user_id": self.user_id, "rrn_front": front, "rrn_back": back}
        self.post(f"{base}/identify/", data, "step:identify")
        self.poll_every("poll:phone", "/phone/screen/", self.phone_pace)

        self.step_page(f"{base}/terms/", "page:terms")
        self.think()
        terms = ("electronic_finance", "certificate_service", "personal_info", "unique_id")
        self.post(
            f"{base}/terms/", {**dict.fromkeys(terms, "on"), "cert_type": "bank"}, "step:terms"
        )

        html = self.step_page(f"{base}/ars/", "page:ars")
        phone = one(r'name="phone" value="(\d+)"', html, "phone choice")
        self.think()
        self.post(f"{base}/ars/", {"phone": phone}, "step:ars call")
        html = self.step_page(f"{base}/ars/", "page:ars")
        code = one(r'class="ars-code">.*?</span>\s*(\d{2})</p>', html, "ARS code")
        self.poll_every("poll:ars status", f"{base}/ars/status/", 2)
        self.think()
        self.post("/phone/ars/", {"digits": code}, "step:ars answer (phone)", expect=(200,),
                  headers=HTMX)  # fmt: skip
        self.wait_for_redirect("poll:ars status", f"{base}/ars/status/", 2)
        self.stop_polling("poll:ars status")

        html = self.step_page(f"{base}/medium/", "page:medium")
        account = one(r'<option value="(\d+)"', html, "account")
        slot_a = int(one(r"보안카드 \[(\d+)\]번 앞 2자리", html, "slot A"))
        slot_b = int(one(r"보안카드 \[(\d+)\]번 뒤 2자리", html, "slot B"))
        self.think()
        data = {
            "account": account,
            "pin": self.account_pin,
            "card_first_two": self.card[slot_a - 1][:2],
            "card_last_two": self.card[slot_b - 1][2:],
        }
        self.post(f"{base}/medium/", data, "secret:medium (PIN + 보안카드)")

        self.step_page(f"{base}/push/", "page:push")
        self.poll_every("poll:push status", f"{base}/push/status/", 2)
        self.think()
        self.post("/phone/push/approve/", {"pin": self.app_pin}, "secret:push approve (phone)",
                  expect=(200,), headers=HTMX)  # fmt: skip
        self.wait_for_redirect("poll:push status", f"{base}/push/status/", 2)
        self.stop_polling("poll:push status")

        self.step_page(f"{base}/storage/", "page:storage")
        self.think()
        data = {"medium": "hdd", "password": PASSWORD, "password_confirm": PASSWORD}
        self.post(f"{base}/storage/", data, "secret:storage (issue: RSA key + key file)")
        self.step_page(f"{base}/done/", "page:done")
        self.think()


def floor_cpu_ms(runs=300) -> float:
    """The CPU of one static file through the same handler (WhiteNoise), the median."""
    client = Client()
    samples = []
    for _ in range(runs):
        started = time.thread_time()
        response = client.get("/static/css/portal.css")
        b"".join(response.streaming_content) if response.streaming else response.content
        samples.append((time.thread_time() - started) * 1000)
    return statistics.median(samples)


PACKAGES = [
    ("argon2", "Argon2"),
    ("cryptography", "cryptography (RSA, signing)"),
    ("generate_private_key", "cryptography (RSA, signing)"),
    ("django/db/", "ORM and driver"),
    ("psycopg", "ORM and driver"),
    ("sqlite3", "ORM and driver"),
    ("django/template/", "templates"),
    ("crispy", "templates"),
    ("django/utils/translation", "gettext"),
    ("django/contrib/sessions", "sessions"),
    ("django/middleware", "middleware"),
    ("django/core/handlers", "middleware"),
    ("django/test/", "test client"),
    ("django/urls", "URL routing"),
    ("django/forms", "forms"),
    ("/issuance/", "the project"),
    ("/accounts/", "the project"),
    ("/classroom/", "the project"),
    ("/portal/", "the project"),
]


def by_package(profile: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(profile)
    spent = defaultdict(float)
    for (path, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        if "time.sleep" in name:
            continue  # the walk waits for the server's clocks (install, ARS, push)
        where = f"{path}:{name}"  # a C function has no path ("~"), only its name
        bucket = next((label for part, label in PACKAGES if part in where), "other")
        spent[bucket] += tottime
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def test_one_learners_cpu_in_process(settings):
    settings.DEBUG = False
    call_command("init_ca", verbosity=0)
    call_command("seed_personas", verbosity=0)
    call_command("demo_trainer", verbosity=0)
    created = io.StringIO()
    call_command("classroom_create", "--name", "성능 측정반", "--trainer", "trainer", "--json",
                 stdout=created)  # fmt: skip
    code = json.loads(created.getvalue())["code"]
    floor = floor_cpu_ms()
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    per_learner, queries, requests = [], [], []
    cpu_by_name = defaultdict(float)
    count_by_name = Counter()
    for index in range(LEARNERS):
        learner = Learner(code)
        if profile and index:
            profile.enable()
        learner.join()
        learner.walk()
        if profile:
            profile.disable()
        if index == 0:
            continue  # the first learner warms the process (imports, template caches)
        per_learner.append(sum(learner.cpu.values()) * 1000)
        queries.append(learner.queries)
        requests.append(sum(learner.requests.values()))
        for name, spent in learner.cpu.items():
            cpu_by_name[name] += spent * 1000
            count_by_name[name] += learner.requests[name]
    measured = len(per_learner)
    cpu = statistics.mean(per_learner)
    print(
        f"\none learner in process ({measured} measured, {connection.vendor}): "
        f"CPU {cpu:.0f} ms (min {min(per_learner):.0f}, max {max(per_learner):.0f}); "
        f"{statistics.mean(requests):.0f} requests, {statistics.mean(queries):.0f} queries; "
        f"floor (one static file) {floor:.2f} ms; CPU ÷ floor {cpu / floor:.0f}"
    )
    print(f"{'request':<34}{'per learner':>12}{'ms each':>9}{'ms/learner':>11}")
    for name, spent in sorted(cpu_by_name.items(), key=lambda item: -item[1]):
        count = count_by_name[name]
        print(f"{name:<34}{count / measured:>12.1f}{spent / count:>9.1f}{spent / measured:>11.1f}")
    if profile:
        if os.environ["BENCH_PROFILE"].endswith(".prof"):
            profile.dump_stats(os.environ["BENCH_PROFILE"])  # for pstats / snakeviz
        spent = by_package(profile)
        total = sum(spent.values()) or 1
        print("where the CPU goes (cProfile, own time by package):")
        for label, seconds in spent.items():
            print(f"  {label:<30}{seconds / total:>6.0%}")
