"""The printed class pack's data (classroom/pack.py): every current seat's persona with
its 35 codes, a reset seat's new persona, the step cards from the seed's hints, and the
lesson plans whose switches, actions and lessons exist."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

from classroom import pack, services
from classroom.handouts import handout_of
from classroom.models import Hint, SeatPersona
from classroom.scenarios import SWITCHES_BY_KEY
from issuance.flow.machine import INDICATOR
from lessons.seed import DATA as LESSONS
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


class TestPersonaCards:
    def test_every_current_seat_with_its_user_id_and_35_codes(self, classroom):
        seats = [join(classroom, name)[1] for name in ("김민수", "이영희", "3번")]
        cards = pack.persona_cards(classroom)
        assert [card.seat for card in cards] == seats
        for card in cards:
            persona = SeatPersona.objects.current().get(seat=card.seat)
            assert card.handout["user_id"] == persona.customer.user_id
            assert card.handout == handout_of(persona)
            rows = card.code_rows
            assert [len(row) for row in rows] == [5] * 7
            assert [number for number, _code in rows[0]] == [1, 8, 15, 22, 29]
            assert [number for number, _code in rows[6]] == [7, 14, 21, 28, 35]
            codes = card.handout["security_card"]["codes"]
            assert sorted(number for row in rows for number, _code in row) == list(range(1, 36))
            assert all(code == codes[number - 1] for row in rows for number, code in row)

    def test_a_reset_seat_prints_its_new_persona(self, classroom):
        _client, seat = join(classroom)
        before = pack.persona_cards(classroom)[0].handout
        services.seat_reset(seat=seat)
        (card,) = pack.persona_cards(classroom)
        assert card.handout["user_id"] != before["user_id"]
        assert card.handout["security_card"]["codes"] != before["security_card"]["codes"]

    def test_only_this_class(self, classroom, other_trainer):
        join(classroom)
        other = services.classroom_create(trainer=other_trainer, name="목요반")
        join(other)
        assert [card.seat.classroom for card in pack.persona_cards(classroom)] == [classroom]

    def test_a_persona_without_a_card_has_no_rows(self, classroom):
        join(classroom)
        card = pack.persona_cards(classroom)[0]
        bare = pack.PersonaCard(seat=card.seat, handout={**card.handout, "security_card": None})
        assert bare.code_rows == []


class TestStepCards:
    def test_every_indicator_step_with_its_hints_and_screenshot(self):
        cards = pack.step_cards()
        assert [card.step for card in cards] == list(INDICATOR)
        assert [card.number for card in cards] == list(range(1, len(INDICATOR) + 1))
        for card in cards:
            assert finders.find(card.image), card.image
            cautions = Hint.objects.filter(step=card.step, kind=Hint.Kind.CAUTION)
            assert card.cautions == [hint.text for hint in cautions]
            assert card.tips, card.step  # the seed has a 회피 팁 for every step
            assert str(card.doing) and str(card.label)

    def test_a_new_hint_prints(self):
        Hint.objects.create(step="identify", kind=Hint.Kind.TIP, text="새 팁", order=99)
        identify = next(card for card in pack.step_cards() if card.step == "identify")
        assert identify.tips[-1] == "새 팁"


class TestLessonPlans:
    def test_the_45_and_90_minute_plans(self):
        plans = pack.lesson_plans()
        assert sorted(plan.minutes for plan in plans) == [45, 90]
        for plan in plans:
            assert plan.rows[0].start == 0 and plan.rows[-1].end == plan.minutes
            assert all(row.doing for row in plan.rows)
            assert any(row.switch_on for row in plan.rows) or any(row.actions for row in plan.rows)

    def test_every_switch_key_and_action_exists(self):
        data = json.loads(pack.PLANS_FILE.read_text(encoding="utf-8"))
        for plan in data["plans"]:
            for row in plan["rows"]:
                for key in row.get("switch_on", []) + row.get("switch_off", []):
                    assert key in SWITCHES_BY_KEY, (plan["key"], key)
                for key in row.get("actions", []):
                    assert key in pack.PLAN_ACTIONS, (plan["key"], key)

    def test_a_switch_turned_on_is_turned_off_again(self):
        for plan in pack.lesson_plans():
            on = [switch.key for row in plan.rows for switch in row.switch_on]
            off = [switch.key for row in plan.rows for switch in row.switch_off]
            assert sorted(on) == sorted(off), plan.key

    def test_every_plan_names_a_seeded_lesson(self):
        lessons = {lesson["key"]: lesson for lesson in LESSONS["lessons"]}
        for plan in pack.lesson_plans():
            assert plan.lesson in lessons
            assert lessons[plan.lesson]["minutes"] == plan.minutes

    @pytest.mark.parametrize(
        ("row", "problem"),
        [
            ({"from": 0, "to": 45, "do": "x", "switch_on": ["no-such-switch"]}, "switch"),
            ({"from": 0, "to": 45, "do": "x", "actions": ["no-such-action"]}, "action"),
            ({"from": 5, "to": 45, "do": "x"}, "minutes"),
            ({"from": 0, "to": 40, "do": "x"}, "minutes"),
        ],
    )
    def test_a_wrong_plan_is_refused(self, row, problem):
        data = {
            "plans": [
                {"key": "p", "minutes": 45, "lesson": "l", "title": "t", "goal": "g", "rows": [row]}
            ]
        }
        with pytest.raises(ImproperlyConfigured, match=problem):
            pack.plans_from(data)
