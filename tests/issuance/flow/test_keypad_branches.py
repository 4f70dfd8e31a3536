"""The flow's wrong and locked branches typed on the 보안 키패드 behave exactly as typed
on the keyboard: the page's own keys (read from the HTML, as the browser has them) are
posted as positions; a wrong PIN counts N/5, five lock, the right one goes on; a list
replayed from an earlier page is refused beside the field and counts nothing."""

import re

from issuance.flow.machine import Step
from tests.issuance.flow.support import text

PIN = "1357"


def keys_on(html: str, name: str, typed: str) -> dict:
    """What the browser posts for ``typed`` on the field ``name``'s keypad of this page."""
    token = re.search(rf'name="{name}_keypad" value="([^"]+)"', html).group(1)
    pad = html[html.index(f'data-secure-keypad="id_{name}"') :]
    pad = pad[: pad.index("data-keypad-count")]
    where = {char: pos for pos, char in re.findall(r'data-pos="(\d+)">([^<]+)</button>', pad)}
    return {f"{name}_keypad": token, f"{name}_keys": ".".join(where[c] for c in typed)}


def medium_on_keypad(learner, pin: str, replay: dict | None = None):
    from tests.fixtures.flow import card_answer

    html = text(learner.client.get(learner.url("medium")))
    session = learner.session
    first, last = card_answer(session.card_slot_a, session.card_slot_b)
    data = {
        "account": session.customer.accounts.first().pk,
        **(replay or keys_on(html, "pin", pin)),
        **keys_on(html, "card_first_two", first),
        **keys_on(html, "card_last_two", last),
    }
    return learner.client.post(learner.url("medium"), data), data


def test_a_wrong_pin_on_the_keypad_counts_and_five_lock(learner):
    learner.walk_to(Step.MEDIUM)
    for attempt in range(1, 5):
        response, _data = medium_on_keypad(learner, "0000")
        assert f"계좌비밀번호가 올바르지 않습니다 ({attempt}/5회)" in text(response)
    response, _data = medium_on_keypad(learner, "0000")
    assert "잠겼습니다" in text(response)
    response, _data = medium_on_keypad(learner, PIN)
    assert "잠겼습니다" in text(response)  # locked: even the right PIN is refused


def test_the_right_pin_on_the_keypad_goes_on(learner):
    learner.walk_to(Step.MEDIUM)
    response, _data = medium_on_keypad(learner, PIN)
    assert response.status_code == 302
    assert learner.session.status == Step.PUSH


def test_a_replayed_list_is_refused_beside_the_field_and_counts_nothing(learner):
    learner.walk_to(Step.MEDIUM)
    _response, sent = medium_on_keypad(learner, "0000")  # 1/5
    replayed = {key: sent[key] for key in ("pin_keypad", "pin_keys")}
    response, _data = medium_on_keypad(learner, PIN, replay=replayed)
    page = text(response)
    assert "보안 키패드의 입력 시간이 지났습니다. 키패드로 다시 입력해 주세요." in page
    assert "(2/5회)" not in page
    account = learner.session.customer.accounts.first()
    account.refresh_from_db()
    assert account.failure_count == 1
