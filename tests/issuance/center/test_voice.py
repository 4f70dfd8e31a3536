"""읽어 주기 beyond the steps: every 인증센터 page reads its title and body (the button in
its header), the certificate dialog reads itself, and an error (an alert, an error
page) reads its own words, which say what to do next. The spoken text is the page's
own (the region's text; tests/e2e/test_voice.py hears it in a browser)."""

import re

import pytest
from django.urls import reverse

from portal.display import EASY_VIEW_COOKIE

pytestmark = pytest.mark.django_db

CENTER_PAGES = (
    "center:home",
    "center:login",
    "center:manage",
    "center:renew_choose",
    "center:copy_home",
    "center:register",
    "center:security",
    "center:finance_manage",
)
PAGE_BUTTON = 'data-speak=".page-header h1, .page-header + .container"'
# the header ends, and the page's body is the very next element: what the selector reads
BODY_AFTER_HEADER = re.compile(
    r'<div class="page-header[^"]*">.*?<h1>[^<]+</h1>\s*<div class="voice-bar page-voice" '
    r"data-speak-skip>.*?</button>\s*</div>\s*</div>\s*</div>\s*"
    r'(?:<script[^>]*>.*?</script>\s*)?<div class="container[ "]',
    re.S,
)


def page(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    return response.content.decode()


@pytest.mark.parametrize("easy", [False, True])
def test_every_center_page_reads_its_title_and_body(client, customer, easy):
    if easy:
        client.cookies[EASY_VIEW_COOKIE] = "1"
    client.force_login(customer)
    for name in CENTER_PAGES:
        html = page(client, name)
        assert html.count(PAGE_BUTTON) == 1, name
        assert BODY_AFTER_HEADER.search(html), f"{name}: no body right after the header"


def test_the_certificate_dialog_reads_itself(client):
    html = page(client, "center:login")
    dialog = html[html.index('<section class="cert-dialog"') :]
    dialog = dialog[: dialog.index("</section>")]
    assert 'data-speak=".cert-dialog" data-speak-auto data-speak-skip' in dialog
    assert "인증서 선택" in dialog and "인증서 암호" in dialog


def test_a_form_error_reads_itself_and_what_to_do(client, customer):
    response = client.post(
        reverse("accounts:login"), {"user_id": customer.user_id, "password": "wrong-pass-1!"}
    )
    html = response.content.decode()
    (alert,) = re.findall(
        r'<div class="alert alert-danger[^"]*" role="alert" data-speak-region>.*?</button>',
        html,
        re.S,
    )
    assert "data-speak-region" in alert and 'data-speak=""' in alert
    for error in response.context["form"].non_field_errors():
        assert str(error) in alert


def test_a_warning_message_reads_itself(easy_learner_flow):
    client, extend_url = easy_learner_flow
    response = client.post(extend_url, follow=True)
    html = response.content.decode()
    assert re.search(r'role="alert"[^>]*data-speak-region|data-speak-region[^>]*role="alert"', html)


def test_an_error_page_reads_itself(client):
    html = client.get("/no-such-page/").content.decode()
    assert 'data-speak=".notice-panel"' in html


@pytest.fixture
def easy_learner_flow(learner, settings):
    """A learner in 쉬운 화면 who used up "시간 더 주기" (its refusal is a warning)."""
    settings.FLOW_EXTEND_LIMIT = 0
    learner.client.cookies[EASY_VIEW_COOKIE] = "1"
    learner.start()
    return learner.client, learner.url("extend")
