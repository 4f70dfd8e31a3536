"""A learner outside a class picks a lesson from the home page; "오늘의 할 일" is then one
click away on every page and ticks from what they really did, the next task marked."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_the_home_page_leads_to_the_lessons_which_list_their_tasks(client):
    assert reverse("lessons:home") in text(client.get("/"))
    page = text(client.get(reverse("lessons:home")))
    assert "처음 발급" in page and "발급과 활용" in page and "45분" in page
    assert "교육용 모의 상황" in page
    assert "checklist-drawer" not in page  # nothing chosen yet: no drawer


def test_choosing_a_lesson_puts_the_checklist_one_click_away(client):
    response = client.post(reverse("lessons:choose", args=["first-issue"]), follow=True)
    page = text(response)
    assert "「처음 발급」 과정을 골랐습니다" in page and "연습 중인 과정" in page
    assert 'id="checklist-drawer"' in text(client.get(reverse("center:home")))
    panel = text(client.get(reverse("lessons:checklist")))
    assert "0/3 완료" in panel and "계좌 정보 확인" in panel and "안전한 경로" in panel
    assert "is-done" not in panel and "is-next" in panel  # the first task, highlighted


def test_an_unknown_lesson_is_a_404_and_a_get_does_not_choose(client):
    assert client.post(reverse("lessons:choose", args=["no-such"])).status_code == 404
    assert client.get(reverse("lessons:choose", args=["first-issue"])).status_code == 405
    assert "lesson" not in client.session


def issue(customer):
    """The learner walks the whole issuance (the real flow's services)."""
    from issuance.flow import services as flow
    from issuance.flow.machine import Step
    from tests.fixtures.flow import walk

    walk(flow.session_start(customer=customer), Step.COMPLETED)


def test_the_checklist_ticks_from_the_learners_real_issuance(client, issuing_ca, ready):
    client.force_login(ready)
    client.post(reverse("lessons:choose", args=["first-issue"]))
    before = text(client.get(reverse("lessons:checklist")))
    assert "0/3 완료" in before
    issue(ready)
    after = text(client.get(reverse("lessons:checklist")))
    assert "1/3 완료" in after
    done = after[after.index('data-task="joint-issue"') - 60 :]
    assert "is-done" in done[:200]
    assert 'data-task="joint-login"' in after[after.index("is-next") :]  # next: the login


def test_someone_elses_events_never_tick_this_browser(client, issuing_ca, ready):
    client.post(reverse("lessons:choose", args=["first-issue"]))
    issue(ready)
    assert "0/3 완료" in text(client.get(reverse("lessons:checklist")))
