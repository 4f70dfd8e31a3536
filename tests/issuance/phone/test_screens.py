"""The phone's screens: one template each, named by the inbox; the two approvals (the
flow's 모바일 인증 and a large 이체's 추가 본인인증) drawn by one partial."""

import pytest
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory

from issuance.flow import selectors as flow_selectors
from issuance.phone.forms import PushPinForm
from issuance.phone.inbox import IDLE, SCREEN_OF_REQUEST, PhoneScreen, screen_template

SCREENS = {
    IDLE,
    flow_selectors.PHONE_CALL,
    flow_selectors.PHONE_PUSH,
    flow_selectors.PHONE_APP_UPDATE,
    *SCREEN_OF_REQUEST.values(),
}


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_screen_the_inbox_names_has_its_template(name):
    assert get_template(screen_template(name))
    shown = PhoneScreen(name, None, may_receive=True, poll_seconds=2)
    assert shown.template_name == f"issuance/phone/screens/{name}.html"


def test_the_frame_includes_the_screen_it_is_given():
    request = RequestFactory().get("/phone/")
    context = {"screen": IDLE, "screen_template": screen_template(IDLE)}
    html = render_to_string("issuance/phone/_screen.html", context, request)
    assert 'class="phone-app screen-idle"' in html and 'id="home-title"' in html


class Approval:
    summary = "계좌 이체 3,000,000원"
    pk = 7
    created_at = None


@pytest.mark.parametrize(
    ("screen", "form_id", "title"),
    [
        ("push", "push-approve-form", "인증 요청"),
        ("approve", "request-approve-form", "추가 본인인증 요청"),
    ],
)
def test_both_approvals_ask_the_pin_on_the_pad_and_may_be_refused_without_it(
    screen, form_id, title
):
    request = RequestFactory().get("/phone/")
    context = {
        "screen": screen,
        "screen_template": screen_template(screen),
        "pin_form": PushPinForm(),
        "phone_request": Approval() if screen == "approve" else None,
    }
    html = render_to_string("issuance/phone/_screen.html", context, request)
    assert f'id="{form_id}"' in html and f'form="{form_id}"' in html
    assert f'id="{screen}-title"' in html and title in html
    assert 'data-secure-keypad="id_pin"' in html and "data-keypad-fixed" in html  # the app's pad
    assert html.count('name="request" value="7"') == (2 if screen == "approve" else 0)
