"""금융사기 예방 연습 in a real browser: from the list, a call (refused by hanging up) and
a text whose link opens the look-alike page (given two boxes: fell for it), then the
bank's 지급정지 called from the phone, each on the virtual phone, each ending with its
debrief; photographed and audited with axe."""

import re

import pytest

from issuance.drills import seed
from issuance.models import Drill, DrillRun
from tests.e2e.support import PHONE_ONLY, WAIT_MS, Screens, expect

pytestmark = pytest.mark.django_db(transaction=True)


def label(drill: Drill, outcome: str) -> str:
    return next(c["label"] for c in drill.choices if c["outcome"] == outcome)


def practise(page, drill: Drill) -> None:
    page.goto("/drills/")
    page.locator(".drill-item", has_text=drill.title).get_by_role("button").click()
    expect(page.get_by_role("heading", name="금융사기 예방 연습").first).to_be_visible()


def test_a_call_refused_and_a_text_that_fooled_the_learner(page, context, screens: Screens):
    seed.load(Drill)  # a browser test's database is emptied between tests, seed rows too
    call = Drill.objects.get(key="prosecutor-reissue")
    text = Drill.objects.get(key="account-frozen-smishing")
    practise(page, call)
    screens.capture(page, "drills-home")
    phone = context.new_page()
    phone.set_default_timeout(WAIT_MS)
    phone.goto("/phone/")
    expect(phone.get_by_role("heading", name=call.sender)).to_be_visible()
    expect(phone.get_by_text(call.lines[0])).to_be_visible()
    screens.capture(phone, "drill-call", widths=PHONE_ONLY)
    phone.get_by_role("button", name=label(call, "refused")).click()
    expect(phone.get_by_role("heading", name="잘하셨습니다")).to_be_visible()
    phone.get_by_role("link", name="무엇이 사기였는지 보기").click()
    expect(phone.get_by_role("heading", name="사기의 징후")).to_be_visible()
    expect(phone.get_by_text(call.signs[0])).to_be_visible()
    screens.capture(phone, "drill-debrief")
    assert DrillRun.objects.get(drill=call).state == "refused"

    page.bring_to_front()
    practise(page, text)
    phone.goto("/phone/")
    expect(phone.get_by_text(text.lines[0])).to_be_visible()
    screens.capture(phone, "drill-text", widths=PHONE_ONLY)
    phone.get_by_role("button", name=text.link).click()
    expect(phone.get_by_label("주소창")).to_contain_text(text.link)
    screens.capture(phone, "drill-fake", widths=PHONE_ONLY)
    phone.get_by_label("인증서 암호").fill("not-a-real-password")
    phone.get_by_label("보안카드 1번", exact=True).fill("1234")
    phone.get_by_role("button", name="확인", exact=True).click()
    expect(phone.get_by_role("heading", name="속았습니다")).to_be_visible()
    expect(phone.get_by_text(re.compile("2칸을 입력했습니다"))).to_be_visible()
    screens.capture(phone, "drill-fell", widths=PHONE_ONLY)
    run = DrillRun.objects.get(drill=text)
    assert run.state == "fell" and run.boxes_filled == 2
    # Then the safe thing to do: the bank's 지급정지, on the phone (nothing is dialled).
    phone.get_by_role("button", name=re.compile("1588-0000")).click()
    expect(phone.get_by_role("heading", name=re.compile("1588-0000"))).to_be_visible()
    expect(phone.get_by_text(re.compile("지급정지를 접수했습니다"))).to_be_visible()
    screens.capture(phone, "drill-report", widths=PHONE_ONLY)
    phone.get_by_role("button", name="통화 끝내기").click()
    expect(phone.get_by_text(re.compile("에 신고·확인했습니다"))).to_be_visible()
    run.refresh_from_db()
    assert (run.state, run.reported_to) == ("fell", "bank")
    screens.assert_accessible()
