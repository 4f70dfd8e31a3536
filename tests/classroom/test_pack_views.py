"""The class pack's pages (classroom/trainer/pack_views.py): who may open them, what
they print (every seat's persona and card, the step cards, the plans), no-store, and
the dashboard's link."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from classroom import pack, services
from classroom.handouts import handout_of
from classroom.models import ClassroomHelper, SeatPersona
from tests.factories import CustomerFactory
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db

MARK = "교육용 · 실제 은행 정보가 아닙니다"


def pack_urls(classroom):
    code = classroom.code
    return [
        reverse("trainer:pack", args=[code]),
        *(reverse("trainer:pack_section", args=[code, s]) for s in ("cards", "steps", "plan")),
    ]


def text(response) -> str:
    return response.content.decode()


class TestAccess:
    def test_a_visitor_is_sent_to_the_trainer_login(self, client, classroom):
        for url in pack_urls(classroom):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("trainer:login"))

    def test_a_learner_gets_403(self, classroom):
        learner, _seat = join(classroom)
        for url in pack_urls(classroom):
            assert learner.get(url).status_code == 403, url

    def test_another_trainer_gets_404(self, classroom, other_trainer):
        join(classroom)
        intruder = Client()
        intruder.force_login(other_trainer)
        for url in pack_urls(classroom):
            assert intruder.get(url).status_code == 404, url

    def test_a_helper_of_the_class_gets_403(self, classroom):
        """A 보조강사 helps learners one by one; every learner's secrets are not theirs."""
        helper = CustomerFactory(user_id="helper1", name="도우미", rrn=None)
        ClassroomHelper.objects.create(classroom=classroom, user=helper)
        join(classroom)
        client = Client()
        client.force_login(helper)
        assert client.get(reverse("trainer:dashboard", args=[classroom.code])).status_code == 200
        for url in pack_urls(classroom):
            assert client.get(url).status_code == 403, url

    def test_the_administrator_sees_it(self, admin_client, classroom):
        join(classroom)
        for url in pack_urls(classroom):
            assert admin_client.get(url).status_code == 200, url

    def test_an_unknown_section_is_404(self, trainer_client, classroom):
        url = reverse("trainer:pack_section", args=[classroom.code, "secrets"])
        assert trainer_client.get(url).status_code == 404

    def test_get_only(self, trainer_client, classroom):
        url = reverse("trainer:pack", args=[classroom.code])
        assert trainer_client.post(url).status_code == 405


class TestPack:
    def test_every_seat_prints_with_its_secrets_never_cached(self, trainer_client, classroom):
        for name in ("김민수", "이영희"):
            join(classroom, name)
        response = trainer_client.get(reverse("trainer:pack", args=[classroom.code]))
        assert "no-store" in response["Cache-Control"]
        page = text(response)
        for persona in SeatPersona.objects.current().filter(seat__classroom=classroom):
            handout = handout_of(persona)
            for value in (handout["name"], handout["user_id"], handout["password"], handout["rrn"]):
                assert value in page
            assert handout["mobile_app"]["pin"] in page
            assert handout["accounts"][0]["number"] in page
            assert handout["accounts"][0]["pin"] in page
            assert handout["security_card"]["serial"] in page
            assert all(code in page for code in handout["security_card"]["codes"])
        assert page.count('data-pack="security_card"') == 2
        assert page.count('class="pack-cut') == 4  # a persona card and a 보안카드 each
        assert page.count(MARK) >= 4
        assert "보안카드" in page and "인쇄하기" in page and 'src="/static/js/pack.js"' in page

    def test_a_reset_seat_prints_its_new_persona(self, trainer_client, classroom):
        _learner, seat = join(classroom)
        old = handout_of(SeatPersona.objects.current().get(seat=seat))
        services.seat_reset(seat=seat)
        new = handout_of(SeatPersona.objects.current().get(seat=seat))
        url = reverse("trainer:pack_section", args=[classroom.code, "cards"])
        page = text(trainer_client.get(url))
        assert new["user_id"] in page and old["user_id"] not in page

    def test_the_step_cards_show_the_screenshots_and_hints(self, trainer_client, classroom):
        url = reverse("trainer:pack_section", args=[classroom.code, "steps"])
        page = text(trainer_client.get(url))
        for card in pack.step_cards():
            assert f"/static/{card.image}" in page
            assert all(escape(tip) in page for tip in card.tips)
        assert "주의사항" in page and "회피 팁" in page and MARK in page
        assert "data-pack-seat" not in page  # the cards section alone holds secrets

    def test_the_plans_name_their_switches(self, trainer_client, classroom):
        url = reverse("trainer:pack_section", args=[classroom.code, "plan"])
        page = text(trainer_client.get(url))
        for plan in pack.lesson_plans():
            assert plan.title in page
            for row in plan.rows:
                for switch in row.switch_on + row.switch_off:
                    assert f'data-switch="{switch.key}"' in page
                    assert str(switch.label) in page

    def test_an_empty_class_says_so(self, trainer_client, classroom):
        page = text(trainer_client.get(reverse("trainer:pack", args=[classroom.code])))
        assert "아직 참여한 학습자가 없습니다" in page

    def test_the_dashboard_links_to_it(self, trainer_client, classroom):
        page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        assert reverse("trainer:pack", args=[classroom.code]) in page
        assert "수업 자료 인쇄" in page
