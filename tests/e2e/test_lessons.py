"""A small lesson in real browsers, from the class's creation to the 수료증: the trainer
picks the lesson, three learners refuse a scam call on their virtual phones (the task
ticks in "오늘의 할 일" and on the trainer's grid by itself), a 골든벨 of two questions
runs on the projector with answers from the learners' screens, and a learner prints a
수료증 whose verification page says it is valid.

Screenshots for the README: the checklist drawer, the task grid, the 골든벨 board and a
learner's question, the 수료증 page and its verification.
"""

import importlib
import re

import pytest
from django.apps import apps

from classroom.models import Classroom, Question
from issuance.drills import seed as drill_seed
from issuance.models import Drill
from lessons import seed as lesson_seed
from lessons.models import Completion, Lesson, LessonTask, Task
from tests.e2e.support import DESKTOP_ONLY, PHONE_ONLY, WAIT_MS, Screens, expect, heading
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)

TRAINER_PASSWORD = "trainer-pw-2026!"
NAMES = ("김민수", "이영희", "박철수")


def seeded() -> Lesson:
    """A browser test's database is emptied between tests: the seeds, then the lesson."""
    lesson_seed.load(Task, Lesson, LessonTask)
    drill_seed.load(Drill)
    importlib.import_module("classroom.migrations.0011_quiz_questions").load(apps, None)
    lesson = Lesson.objects.create(key="scam-call", title="사기 전화 거절하기", minutes=20)
    LessonTask.objects.create(lesson=lesson, task=Task.objects.get(key="refuse-scam"), order=1)
    return lesson


def checklist(page):
    page.locator("a.btn-checklist:visible").click()
    return page.get_by_role("dialog", name="오늘의 할 일")


def test_a_small_lesson_from_the_class_to_its_certificate(
    browser, browser_context_args, issuing_ca, screens: Screens
):
    seeded()
    CustomerFactory(user_id="trainer7", name="최강사", is_trainer=True, rrn=None,
                    password=TRAINER_PASSWORD)  # fmt: skip
    contexts = []

    def new_context():
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context

    try:
        # The trainer creates the class with its lesson.
        trainer = new_context().new_page()
        trainer.goto("/trainer/")
        trainer.get_by_label("사용자 ID").fill("trainer7")
        trainer.get_by_label("비밀번호").fill(TRAINER_PASSWORD)
        trainer.get_by_role("button", name="로그인").click()
        trainer.get_by_label("수업 이름").fill("금융사기 예방반")
        trainer.get_by_label("수업 과정 (과제)").select_option(label="사기 전화 거절하기 · 20분")
        trainer.get_by_role("button", name="수업 만들기").click()
        classroom = Classroom.objects.get()
        expect(trainer.locator("[data-join-code]")).to_have_text(classroom.code)
        assert classroom.lesson.key == "scam-call"

        # Three learners join, each with the phone beside the bank page.
        learners = []
        for name in NAMES:
            page = new_context().new_page()
            page.goto(f"/join/?code={classroom.code}")
            page.get_by_label("이름 또는 자리 번호").fill(name)
            page.get_by_role("button", name="참여하기").click()
            expect(heading(page, "수업에 참여했습니다")).to_be_visible()
            phone = page.context.new_page()
            phone.goto("/phone/")
            learners.append((page, phone))
        first_page = learners[0][0]
        first_page.bring_to_front()
        drawer = checklist(first_page)
        expect(drawer).to_contain_text("0/1 완료")
        drawer.get_by_role("button", name="오늘의 할 일 닫기").click()

        # The trainer sends a scam call to the class; each learner hangs up.
        drill = Drill.objects.get(key="prosecutor-reissue")
        hang_up = next(c["label"] for c in drill.choices if c["outcome"] == "refused")
        trainer.bring_to_front()
        trainer.get_by_label("연습", exact=True).select_option(label=drill.title)
        trainer.locator("form.drill-launch").get_by_role("button", name="보내기").click()
        for _page, phone in learners:
            phone.bring_to_front()
            expect(phone.get_by_role("heading", name=drill.sender)).to_be_visible()
            phone.get_by_role("button", name=hang_up).click()
            expect(phone.get_by_role("heading", name="잘하셨습니다")).to_be_visible()

        # The task ticked by itself, for the learner and on the trainer's grid.
        first_page.bring_to_front()
        drawer = checklist(first_page)
        expect(drawer).to_contain_text("1/1 완료")
        expect(drawer.get_by_role("link", name="수료증 받기")).to_be_visible()
        screens.capture(first_page, "lesson-checklist", widths=DESKTOP_ONLY)
        drawer.get_by_role("button", name="오늘의 할 일 닫기").click()
        trainer.bring_to_front()
        trainer.get_by_role("link", name=re.compile("과제 표")).click()
        for number in (1, 2, 3):
            expect(trainer.locator(f'#task-rows tr[data-seat="{number}"]')).to_contain_text("1/1")
        screens.capture(trainer, "lesson-task-grid", widths=DESKTOP_ONLY)

        # 골든벨: two questions on the projector, answered on the learners' screens.
        first, second = Question.objects.all()[:2]
        # A busy machine must not fail the class: ten minutes each (a setting of the data).
        Question.objects.filter(pk__in=[first.pk, second.pk]).update(seconds=600)
        trainer.goto(f"/trainer/{classroom.code}/quiz/")
        for box in trainer.get_by_role("checkbox").all():
            box.set_checked(False)
        trainer.get_by_role("checkbox", name=first.text).check()
        trainer.get_by_role("checkbox", name=second.text).check()
        trainer.get_by_role("button", name="골든벨 시작").click()
        expect(trainer.locator("#quiz-board")).to_contain_text("문제 1 / 2")
        for question in (first, second):
            for index, (page, _phone) in enumerate(learners):
                page.bring_to_front()
                if not page.url.endswith("/join/quiz/"):
                    page.get_by_role("link", name="골든벨 참여하기").click()
                expect(page.get_by_role("heading", name=question.text)).to_be_visible()
                if index == 0 and question == first:
                    screens.capture(page, "lesson-quiz-learner", widths=PHONE_ONLY)
                choice = question.answer if index < 2 else (question.answer + 1) % 2
                page.get_by_role(
                    "button", name=re.compile(re.escape(question.choices[choice]))
                ).click()
                expect(page.get_by_text("정답 공개를 기다리세요")).to_be_visible()
            trainer.bring_to_front()
            expect(trainer.locator("#quiz-board")).to_contain_text("3/3명 답함")
            trainer.get_by_role("button", name="정답 공개").click()
            expect(trainer.locator("#quiz-board")).to_contain_text("아직 살아남은 학습자 2명")
            if question == first:
                screens.capture(trainer, "lesson-quiz-board", widths=DESKTOP_ONLY)
                trainer.get_by_role("button", name="다음 문제").click()
            else:
                trainer.get_by_role("button", name="골든벨 마치기").click()
        expect(trainer.locator("#quiz-board")).to_contain_text("골든벨이 끝났습니다")

        # The first learner prints the 수료증; its QR code's page says it is valid.
        first_page.bring_to_front()
        drawer = checklist(first_page)
        drawer.get_by_role("link", name="수료증 받기").click()
        expect(heading(first_page, "수료증 받기")).to_be_visible()
        expect(first_page.get_by_label("수료증에 적을 이름")).to_have_value("김민수")
        screens.capture(first_page, "lesson-certificate", widths=DESKTOP_ONLY)
        with first_page.expect_response(re.compile(r"/lessons/certificate/.+\.pdf")) as pdf:
            first_page.get_by_role("button", name="수료증 발급 (PDF)").click()
        assert pdf.value.headers["content-type"] == "application/pdf"
        completion = Completion.objects.get()
        assert (completion.class_name, completion.quiz_score) == ("금융사기 예방반", "2/2")
        first_page.goto(f"/lessons/verify/{completion.pk}/")
        expect(first_page.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
        screens.capture(first_page, "lesson-verify", widths=DESKTOP_ONLY)
        screens.assert_accessible()
    finally:
        for context in contexts:
            context.close()
