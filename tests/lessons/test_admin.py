"""Tasks and lessons are edited in the admin: a task's rule is a choice among the
rules (code), never free text; a lesson lists its tasks inline."""

import pytest
from django.urls import reverse

from lessons.models import Lesson, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    from tests.factories import CustomerFactory

    admin = CustomerFactory(user_id="admin1", is_staff=True, is_superuser=True, rrn=None)
    client.force_login(admin)
    return client


def test_the_task_list_and_a_task_open(admin_client):
    task = Task.objects.get(key="transfer")
    page = admin_client.get(reverse("admin:lessons_task_change", args=[task.pk]))
    assert page.status_code == 200 and "10,000원을 전자서명 이체했다" in page.content.decode()
    assert admin_client.get(reverse("admin:lessons_task_changelist")).status_code == 200


def test_a_rule_that_does_not_exist_is_refused(admin_client):
    task = Task.objects.get(key="transfer")
    url = reverse("admin:lessons_task_change", args=[task.pk])
    data = {
        "key": task.key, "title": task.title, "english": task.english, "why": task.why,
        "rule": "clicked_a_box", "practises": task.practises, "order": 1, "active": "on",
    }  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "clicked_a_box" in response.content.decode()
    task.refresh_from_db()
    assert task.rule == "transfer_signed"


def test_a_lesson_shows_its_tasks_inline(admin_client):
    lesson = Lesson.objects.get(key="first-issue")
    page = admin_client.get(reverse("admin:lessons_lesson_change", args=[lesson.pk]))
    assert page.status_code == 200 and "공동인증서 발급" in page.content.decode()
