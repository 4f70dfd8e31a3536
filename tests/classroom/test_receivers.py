"""재배열 on the 보안 키패드 counts on the learner's seat (classroom/receivers.py), for
the trainer's dashboard; a browser with no seat counts nowhere."""

import re

import pytest
from django.urls import reverse

from classroom.models import Seat
from portal import keypad
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def joined(classroom):
    return join(classroom)


def test_a_learners_reshuffle_counts_on_their_seat_and_brings_new_keys(joined):
    client, seat = joined
    layout = keypad.layout_new(keypad.DIGITS, "pin")
    response = client.post(reverse("portal:keypad_shuffle"), {"token": layout.token})
    assert response.status_code == 200
    new_token = re.search(r'name="pin_keypad" value="([^"]+)"', response.content.decode())
    assert new_token and new_token.group(1) != layout.token
    assert Seat.objects.get(pk=seat.pk).keypad_shuffles == 1


def test_a_used_layout_cannot_be_shuffled_again_and_counts_nothing(joined):
    client, seat = joined
    layout = keypad.layout_new(keypad.DIGITS, "pin")
    client.post(reverse("portal:keypad_shuffle"), {"token": layout.token})
    again = client.post(reverse("portal:keypad_shuffle"), {"token": layout.token})
    assert again.status_code == 410
    assert Seat.objects.get(pk=seat.pk).keypad_shuffles == 1


def test_a_browser_with_no_seat_shuffles_without_counting_on_anyones(client, joined):
    _learner, seat = joined  # a learner in the class, who does not shuffle
    layout = keypad.layout_new(keypad.LETTERS, "password")
    response = client.post(reverse("portal:keypad_shuffle"), {"token": layout.token})
    assert response.status_code == 200 and 'name="password_keypad"' in response.content.decode()
    assert Seat.objects.get(pk=seat.pk).keypad_shuffles == 0


def shuffle(client, times: int) -> None:
    for _ in range(times):
        layout = keypad.layout_new(keypad.DIGITS, "pin")
        client.post(reverse("portal:keypad_shuffle"), {"token": layout.token})


def dashboard_row(trainer_client, classroom, name: str) -> str:
    rows = trainer_client.get(reverse("trainer:rows", args=[classroom.code])).content.decode()
    start = rows.index(name)
    return rows[rows.rindex("<tr", 0, start) : rows.index("</tr>", start)]


def test_the_dashboard_counts_reshuffles_and_marks_a_learner_lost_on_the_keypad(
    trainer_client, classroom
):
    from issuance.flow import services as flow

    client, seat = join(classroom, "재배열왕")
    flow.session_start(customer=seat.personas.get().customer)
    shuffle(client, classroom.stuck_failures - 1)
    row = dashboard_row(trainer_client, classroom, "재배열왕")
    assert f'data-label="재배열">{classroom.stuck_failures - 1}</td>' in row
    assert "is-stuck" not in row
    shuffle(client, 1)
    row = dashboard_row(trainer_client, classroom, "재배열왕")
    assert "is-high" in row and "is-stuck" in row and "막힘" in row


def test_reshuffles_on_an_earlier_step_do_not_mark_the_step_after(trainer_client, classroom):
    from issuance.flow import services as flow

    client, seat = join(classroom, "지난단계")
    shuffle(client, classroom.stuck_failures)
    flow.session_start(customer=seat.personas.get().customer)  # a step entered afterwards
    row = dashboard_row(trainer_client, classroom, "지난단계")
    assert "is-high" in row and "is-stuck" not in row
