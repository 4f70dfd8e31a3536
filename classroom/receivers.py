"""What the classroom hears from the site shell: a learner's 재배열 on the 보안 키패드
(portal.keypad.keypad_shuffled), counted on their seat for the trainer's dashboard."""

from classroom import services
from classroom.learner import browser


def keypad_shuffled(sender, request, **kwargs) -> None:
    seat_id = browser.seat_id(request)
    if seat_id is not None:
        services.seat_keypad_shuffled(seat_id)
