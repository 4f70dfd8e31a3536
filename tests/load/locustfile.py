"""A class under load: N learners join one class through /join/ and each walks the whole
issuance flow as a browser would, with the virtual phone polling beside the page; a
trainer's dashboard refreshes every 2 s. Run by tests/load/run.py (README: "Load test").

Every learner reads their persona from the wallet page, types it like a person
(with a few seconds of think time between steps), loads what each step page loads
(the phone frame and the pairing QR code), and polls what the page polls (the
install bar once, when it should be full, the ARS and push status every 2 s, the phone every 2 s).
Request names group the statistics by kind; "secret:" marks the requests that
verify or create a secret (Argon2, or the issuance's RSA key and its encrypted key
file), which have their own target.
"""

import json
import os
import random
import re
import time
from html import unescape

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

CLASS_CODE = os.environ.get("CLASS_CODE", "")
TRAINER_ID = os.environ.get("TRAINER_ID", "trainer")
TRAINER_PASSWORD = os.environ.get("TRAINER_PASSWORD", "")
LEARNERS = int(os.environ.get("LEARNERS", "0"))
THINK = (float(os.environ.get("THINK_MIN", "2")), float(os.environ.get("THINK_MAX", "5")))
HTMX = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}  # a step's form or link (hx-boost)

completed = {"flows": 0, "abandoned": 0}


def think():
    gevent.sleep(random.uniform(*THINK))


def qr_in_sight(html: str) -> bool:
    """The pairing QR code loads with the page, unless it waits in a closed <details>
    (loading="lazy"), opened by the few learners who pair a real smartphone."""
    return '<details class="phone-qr"' not in html


def one(pattern: str, html: str, what: str) -> str:
    match = re.search(pattern, html, re.S)
    if not match:
        raise AssertionError(f"{what} not found on the page")
    return match.group(1)


def keypad(html: str, name: str, typed: str) -> dict:
    """What a browser with the 보안 키패드 on (a class's default) posts for ``typed`` in
    the field ``name``: that render's token and the positions of the keys clicked, read
    from the page as the browser has them (docs/KEYPAD.md)."""
    token = one(rf'name="{name}_keypad" value="([^"]+)"', html, f"{name}'s keypad")
    start = html.index(f'data-secure-keypad="id_{name}"')
    pad = html[start : html.index("data-keypad-count", start)]
    keys = re.findall(r'data-pos="(\d+)">([^<]+)</button>', pad)
    where = {unescape(char): position for position, char in keys}
    return {f"{name}_keypad": token, f"{name}_keys": ".".join(where[c] for c in typed)}


class Browser(HttpUser):
    abstract = True

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, url: str, data: dict, name: str, expect=(302,), headers=BOOSTED):
        data = {"csrfmiddlewaretoken": self.csrf(), **data}
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True,
            headers={"X-CSRFToken": self.csrf(), **(headers or {})},
        ) as response:  # fmt: skip
            if response.status_code not in expect:
                response.failure(f"{response.status_code or response.error} (expected {expect})")
            return response

    def get(self, url: str, name: str, headers=None, expect=(200,)):
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True, headers=headers or {}
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code or response.error} (expected {expect})")
            return response


class Learner(Browser):
    """One learner: join, read the wallet, walk the flow once, then sit idle."""

    wait_time = between(30, 60)

    def on_start(self):
        self.phone_polling = None
        self.phone_shown = False
        self.phone_key = ""  # the screen the phone shows (X-Phone-Screen)
        self.phone_pace = 2.0
        self.flow_done = False
        self.cached = {}  # what this browser keeps (Cache-Control: max-age): url -> until
        try:
            self.join()
            self.walk()
            completed["flows"] += 1
        except (AssertionError, KeyError):
            # A learner who cannot go on (a page without what it needs: the failure is
            # already counted) leaves, as a person would, instead of joining again.
            completed["abandoned"] += 1
            self.flow_done = True
            raise StopUser() from None
        finally:
            if LEARNERS and completed["flows"] + completed["abandoned"] >= LEARNERS:
                gevent.spawn_later(1, self.environment.runner.quit)  # not from inside a user

    @task
    def idle(self):
        """The flow is done: the learner reads the done page (nothing polls any more)."""

    # --- the learner's steps ---------------------------------------------------------

    def join(self):
        self.get(f"/join/?code={CLASS_CODE}", "page:join")
        name = f"learner-{random.randrange(10**6)}"
        self.post("/join/", {"code": CLASS_CODE, "display_name": name}, "secret:join", headers={})
        self.get("/join/welcome/", "page:welcome")
        wallet = self.get("/join/wallet/", "page:wallet").text
        self.user_id = one(r'data-wallet="user_id">([^<]+)<', wallet, "user ID")
        self.rrn = one(r'data-wallet="rrn">([^<]+)<', wallet, "주민등록번호")
        self.account_pin = one(r'data-wallet="account_pin">(\d{4})<', wallet, "account PIN")
        self.app_pin = one(r'data-wallet="app_pin">(\d{6})<', wallet, "app PIN")
        grid = one(r'data-wallet="security_card">(.*?)</table>', wallet, "보안카드")
        self.card = re.findall(r'<td class="wallet-mono">(\d{4})</td>', grid)

    def step_page(self, url: str, name: str, boosted: bool = True) -> str:
        """A step page, and what it loads: the phone beside it and the pairing QR code.

        From one step to the next the page comes in place (hx-boost, or HX-Location after
        a poll): the phone's frame already beside it stays (hx-preserve), and is loaded
        only when it first appears."""
        html = self.get(url, name, headers=BOOSTED if boosted else None).text
        has_phone = "phone-frame" in html
        if has_phone and not (boosted and self.phone_shown):
            self.phone_saw(self.get("/phone/", "page:phone frame").text or "")
        if has_phone and qr_in_sight(html):
            qr = re.search(r'src="(/phone/pairing/[^"]+\.svg)"', html)
            if qr:
                self.get_cacheable(qr.group(1), "phone:pairing qr")
        self.phone_shown = has_phone
        return html

    def get_cacheable(self, url: str, name: str):
        """As a browser does: an image it was told to keep (max-age) is not asked again."""
        if self.cached.get(url, 0) > time.monotonic():
            return
        response = self.get(url, name)
        age = re.search(r"max-age=(\d+)", response.headers.get("Cache-Control", ""))
        if age:
            self.cached[url] = time.monotonic() + int(age.group(1))

    def install_wait(self, html: str):
        """The install bar fills by itself and asks once, when it should be full."""
        wait = re.search(r'data-wait-ms="(\d+)"', html)
        gevent.sleep(int(wait.group(1)) / 1000 if wait else 0.5)

    def poll_until_redirect(self, url: str, name: str, every: float, limit: int = 120):
        """Poll until the page moves on: HX-Location (the next step in place) or
        HX-Redirect (a whole page)."""
        for _ in range(limit):
            response = self.get(url, name, headers=HTMX)
            if response.headers.get("HX-Location"):
                return json.loads(response.headers["HX-Location"])["path"]
            if response.headers.get("HX-Redirect"):
                return response.headers["HX-Redirect"]
            gevent.sleep(every)
        raise AssertionError(f"{name}: the page never moved on")

    def phone_poll(self):
        """The phone beside the page polls at the pace the server sets (its hx-trigger),
        saying which screen it shows (X-Phone-Screen, where the server asks for it: an
        unchanged screen is 204), until it is told to stop (286) or the learner leaves
        the done page."""
        while not self.flow_done:
            shown = {"X-Phone-Screen": self.phone_key} if self.phone_key else {}
            response = self.get(
                "/phone/screen/", "poll:phone", headers={**HTMX, **shown}, expect=(200, 204, 286)
            )
            if response.status_code == 286:
                return
            if response.status_code == 200:
                self.phone_saw(response.text or "")
            gevent.sleep(self.phone_pace)

    def phone_saw(self, html: str):
        """The screen the phone shows (X-Phone-Screen) and the pace its poller was given
        (hx-trigger): a 204 keeps both."""
        key = re.search(r'"X-Phone-Screen": "([^"]+)"', html)
        self.phone_key = key.group(1) if key else ""
        pace = re.search(r'hx-trigger="every (\d+)s"', html)
        self.phone_pace = float(pace.group(1)) if pace else self.phone_pace

    def walk(self):
        self.step_page("/cert/issue/", "page:prerequisites", boosted=False)
        think()
        base = self.post("/cert/issue/", {}, "step:start").headers["Location"].rsplit("/", 2)[0]
        self.step_page(f"{base}/install/", "page:install")
        think()
        self.post(f"{base}/install/", {"full": "1"}, "step:install")
        self.install_wait(self.get(f"{base}/install/", "page:install", headers=BOOSTED).text)
        self.poll_until_redirect(f"{base}/install/progress/", "poll:install", 0.5)

        html = self.step_page(f"{base}/identify/", "page:identify")
        think()
        front, back = self.rrn.split("-")
        data = {"user_id": self.user_id, "rrn_front": front, **keypad(html, "rrn_back", back)}
        self.post(f"{base}/identify/", data, "step:identify")
        self.phone_polling = gevent.spawn(self.phone_poll)

        self.step_page(f"{base}/terms/", "page:terms")
        think()
        terms = ("electronic_finance", "certificate_service", "personal_info", "unique_id")
        self.post(
            f"{base}/terms/", {**dict.fromkeys(terms, "on"), "cert_type": "bank"}, "step:terms"
        )

        html = self.step_page(f"{base}/ars/", "page:ars")
        phone = one(r'name="phone" value="(\d+)"', html, "phone choice")
        think()
        self.post(f"{base}/ars/", {"phone": phone}, "step:ars call")
        html = self.step_page(f"{base}/ars/", "page:ars")
        code = one(r'class="ars-code">.*?</span>\s*(\d{2})</p>', html, "ARS code")
        waiting = gevent.spawn(
            self.poll_until_redirect, f"{base}/ars/status/", "poll:ars status", 2
        )
        think()
        self.post("/phone/ars/", {"digits": code}, "step:ars answer (phone)", expect=(200,),
                  headers=HTMX)  # fmt: skip
        waiting.get()

        html = self.step_page(f"{base}/medium/", "page:medium")
        account = one(r'<option value="(\d+)"', html, "account")
        slot_a = int(one(r"보안카드 \[(\d+)\]번 앞 2자리", html, "slot A"))
        slot_b = int(one(r"보안카드 \[(\d+)\]번 뒤 2자리", html, "slot B"))
        think()
        data = {
            "account": account,
            **keypad(html, "pin", self.account_pin),
            **keypad(html, "card_first_two", self.card[slot_a - 1][:2]),
            **keypad(html, "card_last_two", self.card[slot_b - 1][2:]),
        }
        self.post(f"{base}/medium/", data, "secret:medium (PIN + 보안카드)")

        self.step_page(f"{base}/push/", "page:push")
        waiting = gevent.spawn(
            self.poll_until_redirect, f"{base}/push/status/", "poll:push status", 2
        )
        think()
        self.post("/phone/push/approve/", {"pin": self.app_pin}, "secret:push approve (phone)",
                  expect=(200,), headers=HTMX)  # fmt: skip
        waiting.get()

        html = self.step_page(f"{base}/storage/", "page:storage")
        think()
        password = "Practice#2026"
        data = {
            "medium": "hdd",
            **keypad(html, "password", password),
            **keypad(html, "password_confirm", password),
        }
        self.post(f"{base}/storage/", data, "secret:storage (issue: RSA key + key file)")
        self.step_page(f"{base}/done/", "page:done")
        gevent.sleep(random.uniform(*THINK))  # reads the done page, then leaves
        self.flow_done = True
        if self.phone_polling is not None:
            self.phone_polling.join(timeout=15)


class Trainer(Browser):
    """The trainer's dashboard: the whole table every 2 s."""

    fixed_count = 1
    wait_time = between(2, 2)

    def on_start(self):
        self.get("/trainer/login/", "trainer:login page")
        data = {"user_id": TRAINER_ID, "password": TRAINER_PASSWORD}
        self.post("/trainer/login/", data, "secret:trainer login", headers={})
        self.get(f"/trainer/{CLASS_CODE}/", "trainer:dashboard")

    @task
    def rows(self):
        self.get(f"/trainer/{CLASS_CODE}/rows/", "poll:dashboard rows", headers=HTMX)


@events.test_stop.add_listener
def report(environment, **kwargs):
    print(f"\nflows completed: {completed['flows']} of {LEARNERS}"
          f" ({completed['abandoned']} abandoned)")  # fmt: skip


__all__ = ["Learner", "StopUser", "Trainer"]
