"""읽어 주기 on every step page of the issuance: the button sits in the step's card and
reads that card (its own text, the same translated words the learner sees), so what
is spoken is the instruction on screen and never a second copy. The phone's screens
carry theirs too. (What is said, in which language and how fast: tests/e2e/test_voice.py.)"""

import re

import pytest
from django.urls import reverse

from issuance.flow.machine import Step
from tests.issuance.flow.support import text

pytestmark = pytest.mark.django_db
STEP_PAGES = (
    (Step.INSTALL, "install"),
    (Step.IDENTIFY, "identify"),
    (Step.TERMS, "terms"),
    (Step.ARS, "ars"),
    (Step.MEDIUM, "medium"),
    (Step.PUSH, "push"),
    (Step.STORAGE, "storage"),
    (Step.COMPLETED, "done"),
)
BUTTON = re.compile(r'<button[^>]*class="[^"]*btn-voice[^"]*"[^>]*data-speak="\.flow-card"')


def card(page: str) -> str:
    """The step's card: from its opening tag to the phone panel beside it."""
    start = page.index('<section class="flow-card"')
    end = page.find('id="phone-panel"', start)
    return page[start : end if end > 0 else len(page)]


def test_every_step_page_reads_its_own_card(learner):
    first = text(learner.client.get(reverse("flow:prerequisites")))
    assert BUTTON.search(card(first)) and "발급 전 확인" in card(first)
    for step, page_name in STEP_PAGES:
        learner.walk_to(step)
        page = text(learner.client.get(learner.url(page_name)))
        shown = card(page)
        assert BUTTON.search(shown), f"{step}: no 읽어 주기 in the step's card"
        assert 'id="step-heading"' in shown, f"{step}: the card has no heading to read"
        assert shown.count("data-speak=") == 1


def test_a_phone_screen_reads_itself_and_the_idle_one_has_nothing_to_read(learner):
    learner.walk_to(Step.IDENTIFY)
    idle = text(learner.client.get(reverse("phone:phone")))
    assert "data-speak=" not in idle
    learner.walk_to(Step.PUSH)  # the approval request waits on the phone
    phone = text(learner.client.get(reverse("phone:phone")))
    assert 'data-speak=".phone-app"' in phone and "읽어 주기" in phone
