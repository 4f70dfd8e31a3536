"""The printed class pack in Chromium: a trainer with two learners opens it from the
class page, prints it to an A4 PDF (print media), and the PDF holds the Korean text as
real glyphs in a Korean font (pdftotext, pdffonts), on a sane number of pages.

The PDF goes to test-artifacts/class-pack.pdf, its pages as PNG (60 dpi) beside it in
test-artifacts/class-pack/ (docs/screenshots/class-pack-*.png are copies of these).
"""

import importlib
import os
import re
import shutil
import subprocess

import pytest
from django.apps import apps

from classroom import services
from classroom.handouts import handout_of
from classroom.models import Hint, SeatPersona
from lessons import seed as lesson_seed
from lessons.models import Lesson, LessonTask, Task
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import DESKTOP_ONLY, Screens, expect, heading
from tests.factories import CustomerFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # CI (REQUIRE_BROWSER=1) installs poppler-utils and never skips this.
    pytest.mark.skipif(
        not shutil.which("pdftotext") and os.environ.get("REQUIRE_BROWSER") != "1",
        reason="poppler-utils is not installed",
    ),
]

TRAINER_PASSWORD = "trainer-pw-2026!"
# Headings, the mark, hints' kinds, the plans and a switch's label: Korean as text.
PRINTED = (
    "보안카드",
    "교육용 · 실제 은행 정보가 아닙니다",
    "주민등록번호",
    "사용자 확인",
    "주의사항",
    "회피 팁",
    "45분 수업",
    "90분 수업",
    "보안프로그램 설치 1회 실패",
)
HINT_MIGRATIONS = ("0002_hints", "0006_keypad_hints", "0008_finance_hints")


def seeded() -> None:
    """A browser test's database is emptied between tests: the hints and lessons again."""
    if not Hint.objects.exists():  # emptied by the test before (not the first one)
        for name in HINT_MIGRATIONS:
            importlib.import_module(f"classroom.migrations.{name}").load(apps, None)
    lesson_seed.load(Task, Lesson, LessonTask)


def poppler(*command) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_the_class_pack_prints_on_a4_with_korean_glyphs(page, screens: Screens):
    seeded()
    trainer = CustomerFactory(user_id="trainer9", name="윤강사", is_trainer=True, rrn=None,
                              password=TRAINER_PASSWORD)  # fmt: skip
    classroom = services.classroom_create(trainer=trainer, name="수요 디지털반")
    for name in ("김민수", "이영희"):
        services.seat_join(code=classroom.code, display_name=name)
    handouts = [handout_of(p) for p in SeatPersona.objects.current().order_by("seat__number")]

    page.goto("/trainer/")
    page.get_by_label("사용자 ID").fill("trainer9")
    page.get_by_label("비밀번호").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(heading(page, "내 수업")).to_be_visible()
    page.get_by_role("link", name=re.compile("수요 디지털반")).first.click()
    expect(page.locator("[data-join-code]")).to_have_text(classroom.code)
    page.get_by_role("link", name="수업 자료 인쇄").click()
    expect(heading(page, "페르소나 카드와 보안카드: 수요 디지털반")).to_be_visible()
    expect(page.locator("[data-pack-seat]")).to_have_count(2)
    expect(page.locator(".step-card")).to_have_count(9)
    page.wait_for_function(
        "[...document.images].every((image) => image.complete && image.naturalWidth > 0)"
    )

    screens.capture(page, "class-pack-screen", widths=DESKTOP_ONLY)
    screens.assert_accessible()

    # 인쇄하기 opens the browser's print dialog (stubbed: headless Chromium has none).
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    page.get_by_role("button", name="인쇄하기").click()
    expect(page.locator("body")).to_have_attribute("data-printed", "yes")

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="인쇄하기")).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "class-pack.pdf"
    page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)

    info = poppler("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 4 <= pages <= 14, info
    assert re.search(r"^Page size:.* pts \(A4\)$", info, re.M), info
    assert "Nanum" in poppler("pdffonts", str(pdf))  # the Korean font is embedded

    # Korean lines wrap anywhere in a narrow column: compare without the whitespace.
    text = "".join(poppler("pdftotext", str(pdf), "-").split())
    for handout in handouts:
        assert "".join(handout["name"].split()) in text
        assert handout["user_id"] in text
        assert handout["security_card"]["codes"][34] in text
    for words in PRINTED:
        assert "".join(words.split()) in text, words
    assert "인쇄하기" not in text  # the toolbar stays on the screen

    # The pages as images, to look at (copies go to docs/screenshots/class-pack-*.png).
    pictures = ARTIFACTS / "class-pack"
    shutil.rmtree(pictures, ignore_errors=True)
    pictures.mkdir()
    poppler("pdftoppm", "-png", "-r", "60", str(pdf), str(pictures / "page"))
    assert len(list(pictures.glob("page-*.png"))) == pages
