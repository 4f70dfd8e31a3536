"""The seeded tasks and lessons: every task names a rule and the checklist item or
strategy it practises; the four lessons of issue #24 in their order."""

from lessons.checklist import CHECKLIST, PRACTISES, STRATEGIES
from lessons.models import Lesson, Task
from lessons.rules import RULES
from lessons.seed import LESSONS, TASKS, problems


def test_the_data_has_no_problem():
    assert problems(set(RULES), set(PRACTISES)) == []
    assert len(CHECKLIST) == 10 and len(STRATEGIES) == 3
    assert all(item.rule in RULES for item in CHECKLIST)


def test_the_seed_loads_the_four_lessons_in_order(db):
    lessons = list(Lesson.objects.values_list("title", "minutes"))
    assert lessons[:2] == [("처음 발급", 45), ("발급과 활용", 90)]
    assert {"안전하게 쓰기", "금융인증서"} <= {title for title, _m in lessons}
    first = Lesson.objects.get(key="issue-and-use").ordered_tasks()
    assert [task.key for task in first] == LESSONS[1]["tasks"]
    assert Task.objects.count() == len(TASKS)


def test_loading_again_updates_and_does_not_double(db):
    from lessons.models import LessonTask
    from lessons.seed import load

    load(Task, Lesson, LessonTask)
    assert Task.objects.count() == len(TASKS)
    assert LessonTask.objects.count() == sum(len(lesson["tasks"]) for lesson in LESSONS)


def test_a_task_reads_in_english_with_the_korean_beside(db):
    from django.utils import translation

    task = Task.objects.get(key="joint-issue")
    with translation.override("en"):  # the English title already names the Korean
        assert task.name == "Issue a joint certificate (공동인증서 발급)"
    with translation.override("vi"):
        assert task.name == "Cấp chứng thư số chung (공동인증서 발급)"
    with translation.override("zh-hans"):
        assert task.name.endswith("（공동인증서 발급）") and "共同认证书" in task.name
    with translation.override("ko"):
        assert task.name == task.title
    lesson = Lesson.objects.get(key="first-issue")
    with translation.override("en"):
        assert lesson.name == "First issuance (처음 발급)"
