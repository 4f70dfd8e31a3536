"""집에서 이어 하기: the card made in class brings another browser back to the same
persona (and only it) with its progress; a wrong number counts N/5 and locks the card,
unknown codes are counted per client; the card runs out after TAKEHOME_DAYS and the
persona is removed; the trainer can turn it off; 수업 삭제 removes the cards."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Customer
from classroom import services, takehome
from classroom.learner.browser import SEAT_KEY
from classroom.models import SeatPersona, TakeHomeCard
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def make_card(client) -> tuple[str, str]:
    page = text(client.post(reverse("learner:takehome")))
    code = re.search(r'data-takehome="code">(\w+)<', page).group(1)
    number = re.search(r'data-takehome="number">(\d{4})<', page).group(1)
    assert "data:image/svg+xml;base64," in page  # the QR code, drawn in the page
    return code, number


def resume(client, code, number):
    return client.post(reverse("learner:resume"), {"code": code, "number": number})


def test_the_card_brings_another_browser_back_to_the_same_persona(classroom):
    learner, seat = join(classroom, "김민수")
    _other, other_seat = join(classroom, "이영희")
    code, number = make_card(learner)
    card = TakeHomeCard.objects.get()
    # A hash only: Django's algorithm$salt$digest, the number none of its fields (a 4-digit
    # number can turn up inside a hex digest by chance, so not "not in the string").
    assert identify_hasher(card.number_hash) and number not in card.number_hash.split("$")
    home = Client()
    assert home.get(reverse("learner:resume") + f"?code={code}").status_code == 200
    response = resume(home, code, number)
    assert response.status_code == 302 and response["Location"] == reverse("learner:welcome")
    persona = SeatPersona.objects.current().get(seat=seat)
    assert home.session[SEAT_KEY] == seat.pk != other_seat.pk
    assert persona.customer.user_id in text(home.get(reverse("learner:wallet")))


def test_a_new_card_replaces_the_old_one(classroom):
    learner, _seat = join(classroom, "김민수")
    old_code, old_number = make_card(learner)
    make_card(learner)
    assert "카드 코드를 다시 확인하세요" in text(resume(Client(), old_code, old_number))


def test_wrong_numbers_count_and_lock_the_card(classroom, settings):
    learner, _seat = join(classroom, "김민수")
    code, number = make_card(learner)
    wrong = "0000" if number != "0000" else "1111"
    home = Client()
    first = text(resume(home, code, wrong))
    assert "번호가 맞지 않습니다 (1/5회)" in first
    for _ in range(4):
        last = text(resume(home, code, wrong))
    assert "이 카드는 잠겼습니다" in last
    assert "이 카드는 잠겼습니다" in text(resume(home, code, number))  # even the right one
    assert SEAT_KEY not in home.session


def test_unknown_codes_are_counted_per_client(classroom, settings):
    home = Client()
    assert "카드 코드를 다시 확인하세요 (1/5회)" in text(resume(home, "ACDEFHJK", "1234"))
    for _ in range(4):
        resume(home, "ACDEFHJK", "1234")
    assert "잠시 후 다시 시도하세요" in text(resume(home, "ACDEFHJK", "1234"))


def test_bad_input_is_told_beside_the_field(classroom):
    page = text(Client().post(reverse("learner:resume"), {"code": "", "number": "12"}))
    assert "카드 코드를 입력하세요" in page and "카드 번호는 숫자 4자리입니다" in page


def test_the_card_runs_out_then_the_persona_is_removed(classroom, settings):
    settings.TAKEHOME_DAYS = 14
    learner, seat = join(classroom, "김민수")
    code, number = make_card(learner)
    customer_id = SeatPersona.objects.current().get(seat=seat).customer_id
    later = timezone.now() + timedelta(days=15)
    with time_machine.travel(later):
        assert "이어 하기 기간(14일)이 지났습니다" in text(resume(Client(), code, number))
        call_command("takehome_expire")
    assert not Customer.objects.filter(pk=customer_id).exists()
    assert not TakeHomeCard.objects.exists()


def test_the_trainer_turns_it_off_and_the_card_stops_working(trainer_client, classroom):
    learner, _seat = join(classroom, "김민수")
    code, number = make_card(learner)
    off = reverse("trainer:class_action", args=[classroom.code, "takehome-off"])
    assert trainer_client.post(off).status_code == 302
    assert "집에서 이어 하기를 쓰지 않습니다" in text(resume(Client(), code, number))
    refused = learner.post(reverse("learner:takehome"))
    assert refused.status_code == 403 and TakeHomeCard.objects.count() == 1
    on = reverse("trainer:class_action", args=[classroom.code, "takehome-on"])
    trainer_client.post(on)
    assert resume(Client(), code, number).status_code == 302


def test_deleting_the_class_removes_the_cards(classroom):
    learner, _seat = join(classroom, "김민수")
    code, number = make_card(learner)
    services.classroom_delete(classroom=classroom)
    assert not TakeHomeCard.objects.exists()
    assert "카드 코드를 다시 확인하세요" in text(resume(Client(), code, number))


def test_a_browser_outside_a_class_cannot_make_a_card(client):
    assert client.get(reverse("learner:takehome")).status_code == 302
    assert client.post(reverse("learner:takehome")).status_code == 302
    assert not TakeHomeCard.objects.exists()
    assert takehome.CODE_LENGTH == 8
