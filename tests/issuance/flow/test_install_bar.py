"""Step 2's install bar: it fills by itself and asks the server once, when it should be
full (not every 500 ms)."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from tests.issuance.flow.support import HTMX, hx_location, text


def test_the_install_bar_fills_by_itself_and_asks_once_when_full(learner, settings):
    """One request when the bar should be full, not one every 500 ms: the page says how
    long the bar still fills, and an early poll answers a bar with the time left."""
    settings.INSTALL_SECONDS = 3.0
    learner.start()
    moment = timezone.now()
    with time_machine.travel(moment, tick=False):
        learner.client.post(learner.url("install"), {"full": "1"})
        page = text(learner.client.get(learner.url("install")))
    assert 'hx-trigger="load delay:3000ms"' in page
    assert 'data-wait-ms="3000"' in page
    assert "every 500ms" not in page
    with time_machine.travel(moment + timedelta(seconds=2), tick=False):
        early = learner.client.get(learner.url("install_progress"), **HTMX)
    assert "HX-Location" not in early
    assert 'hx-trigger="load delay:1020ms"' in text(early)  # 66% done: a second left
    assert "<span data-percent-text>66</span>%" in text(early)
    with time_machine.travel(moment + timedelta(seconds=3), tick=False):
        full = learner.client.get(learner.url("install_progress"), **HTMX)
    assert hx_location(full) == learner.url("identify")
