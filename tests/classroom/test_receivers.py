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


def test_a_browser_with_no_seat_shuffles_without_counting(client):
    layout = keypad.layout_new(keypad.LETTERS, "password")
    assert client.post(reverse("portal:keypad_shuffle"), {"token": layout.token}).status_code == 200
    assert not Seat.objects.filter(keypad_shuffles__gt=0).exists()
