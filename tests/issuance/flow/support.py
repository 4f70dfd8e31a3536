"""A learner in the Django test client: one browser with the bank pages and, in the
same session, the virtual phone (the phone's URLs answer for this browser's flow)."""

import json
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.flow.machine import Step
from issuance.models import IssuanceSession
from tests.fixtures.flow import CERT_PASSWORD, card_answer

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def hx_location(response) -> str:
    """Where a poll sends the page (HX-Location: the next step swapped in place)."""
    return json.loads(response["HX-Location"])["path"]


class Learner:
    """One browser: the bank pages and, in the same session, the phone."""

    def __init__(self, client: Client):
        self.client = client
        self.session_id = None

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"flow:{name}", args=[self.session_id], **kwargs)

    @property
    def session(self) -> IssuanceSession:
        return IssuanceSession.objects.get(pk=self.session_id)

    def start(self):
        response = self.client.post(reverse("flow:prerequisites"))
        assert response.status_code == 302
        self.session_id = response["Location"].split("/")[3]
        return response

    def install(self):
        self.client.post(self.url("install"), {"full": "1"})
        with time_machine.travel(timezone.now() + timedelta(seconds=5)):
            response = self.client.get(self.url("install_progress"), **HTMX)
        assert hx_location(response) == self.url("identify")  # the next step in place

    def identify(self, user_id="hana", rrn=("850315", "1234567")):
        return self.client.post(
            self.url("identify"), {"user_id": user_id, "rrn_front": rrn[0], "rrn_back": rrn[1]}
        )

    def terms(self, cert_type="bank", **overrides):
        data = {
            "electronic_finance": "on",
            "certificate_service": "on",
            "personal_info": "on",
            "unique_id": "on",
            "cert_type": cert_type,
            **overrides,
        }
        return self.client.post(self.url("terms"), {k: v for k, v in data.items() if v})

    def ars(self, digits=None):
        phone = self.session.customer.phones.first()
        self.client.post(self.url("ars"), {"phone": phone.pk})
        page = text(self.client.get(self.url("ars")))
        code = self.session.ars_code
        assert code in page  # the bank page shows the number to type
        return self.client.post(reverse("phone:ars"), {"digits": digits or code})

    def medium(self, pin="1357", account=None, card=None):
        self.client.get(self.url("medium"))  # draws the challenge
        session = self.session
        first, last = card or card_answer(session.card_slot_a, session.card_slot_b)
        account = account or session.customer.accounts.first()
        return self.client.post(
            self.url("medium"),
            {"account": account.pk, "pin": pin, "card_first_two": first, "card_last_two": last},
        )

    def approve(self, pin="135790"):
        return self.client.post(reverse("phone:push_approve"), {"pin": pin})

    def storage(self, medium="hdd", password=CERT_PASSWORD, confirm=None):
        return self.client.post(
            self.url("storage"),
            {"medium": medium, "password": password, "password_confirm": confirm or password},
        )

    def walk_to(self, step: str, cert_type="bank"):
        actions = {
            Step.INSTALL: self.install,
            Step.IDENTIFY: self.identify,
            Step.TERMS: lambda: self.terms(cert_type),
            Step.ARS: self.ars,
            Step.MEDIUM: self.medium,
            Step.PUSH: self.approve,
            Step.STORAGE: self.storage,
        }
        if self.session_id is None:
            self.start()
        while self.session.status != step:
            actions[self.session.status]()
        return self
