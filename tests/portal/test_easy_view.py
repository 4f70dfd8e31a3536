"""쉬운 화면 (easy view): the switch and its cookie, the easy home, and the class on <html>
that makes the bank pages, the virtual phone and the dialogs large from the first paint."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.display import EASY_VIEW_AGE, EASY_VIEW_COOKIE
from tests.portal.test_shell import parse

pytestmark = pytest.mark.django_db

EASY_TASKS = (
    "flow:prerequisites",
    "center:login",
    "accounts:accounts",
    "transfer:start",
    "portal:glossary",
)
EASY_HTML = re.compile(r'<html lang="[a-z-]+" class="easy-view large-text">')


@pytest.fixture
def easy_client(client):
    client.cookies[EASY_VIEW_COOKIE] = "1"
    return client


def switch(client, value: str, next_url: str = "/cert/"):
    return client.post(reverse("portal:easy_view"), {"easy_view": value, "next": next_url})


def switch_button(tags) -> dict:
    """The header's 쉬운 화면 button (exactly one)."""
    (button,) = [a for tag, a in tags if tag == "button" and "data-easy-view-switch" in a]
    return button


def forms_posting_to(html: str, url: str) -> list[dict]:
    return [attrs for tag, attrs in parse(html).tags if tag == "form" and attrs["action"] == url]


# --- the switch ------------------------------------------------------------------------


def test_the_switch_turns_easy_view_on_for_a_year_and_goes_back(client):
    response = switch(client, "1", "/cert/?from=menu")

    assert response.status_code == 302
    assert response["Location"] == "/cert/?from=menu"
    cookie = response.cookies[EASY_VIEW_COOKIE]
    assert cookie.value == "1"
    assert cookie["max-age"] == EASY_VIEW_AGE == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert cookie["path"] == "/"


def test_the_same_switch_turns_it_off_again(easy_client):
    response = switch(easy_client, "0")

    assert response.status_code == 302
    cookie = response.cookies[EASY_VIEW_COOKIE]
    assert cookie.value == ""
    assert cookie["max-age"] == 0
    assert EASY_VIEW_COOKIE not in {k for k, v in easy_client.cookies.items() if v.value}


def test_the_switch_needs_the_csrf_token():
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post(reverse("portal:easy_view"), {"easy_view": "1", "next": "/"})
    assert refused.status_code == 403
    assert EASY_VIEW_COOKIE not in refused.cookies

    browser.get(reverse("portal:home"))  # the header's form carries the token
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        reverse("portal:easy_view"),
        {"easy_view": "1", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302
    assert accepted.cookies[EASY_VIEW_COOKIE].value == "1"


def test_the_switch_is_post_only(client):
    assert client.get(reverse("portal:easy_view")).status_code == 405


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/cert/", "http://testserver.evil.example/", ""],
)
def test_an_off_site_or_missing_next_goes_home(client, next_url):
    response = switch(client, "1", next_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert response.cookies[EASY_VIEW_COOKIE].value == "1"


@pytest.mark.parametrize("value", ["0", "yes", "true", ""])
def test_only_the_value_1_means_on(client, value):
    client.cookies[EASY_VIEW_COOKIE] = value

    html = client.get(reverse("portal:home")).content.decode()

    assert "easy-view" not in parse(html).tags[0][1].get("class", "")
    assert "easy-task" not in html


# --- the home -----------------------------------------------------------------------------


def test_the_full_home_without_easy_view(client):
    response = client.get(reverse("portal:home"))

    assert response.templates[0].name == "portal/home.html"
    html = response.content.decode()
    assert "인증센터 바로가기" in html
    assert "easy-task" not in html
    assert not EASY_HTML.search(html)


def test_the_easy_home_has_one_big_button_per_task(easy_client):
    response = easy_client.get(reverse("portal:home"))

    assert response.templates[0].name == "portal/easy_home.html"
    html = response.content.decode()
    assert EASY_HTML.search(html)
    assert "인증센터 바로가기" not in html  # not the full home
    tasks = [
        attrs["href"]
        for tag, attrs in parse(html).tags
        if tag == "a" and "easy-task" in (attrs.get("class") or "").split()
    ]
    assert tasks == [reverse(name) for name in EASY_TASKS]
    # each button says in one plain line what it does
    assert html.count('class="easy-task-help"') == len(EASY_TASKS) + 1
    # the bank's hard words in plain ones, the bank's own beside (portal/plain_words.py)
    for text in (
        "인증서 새로 만들기 (공동인증서 발급/재발급)",
        "인증서로 로그인",
        "내 통장 보기 (계좌 조회)",
        "보내기 (이체)",
        "용어 사전",
    ):
        assert f'<span class="easy-task-name">{text}</span>' in html


def test_the_easy_home_leads_back_to_the_full_home(easy_client):
    html = easy_client.get(reverse("portal:home")).content.decode()

    forms = forms_posting_to(html, reverse("portal:easy_view"))
    assert len(forms) == 2  # the header's switch and the big button
    assert all(form["method"] == "post" for form in forms)
    exits = [
        attrs
        for tag, attrs in parse(html).tags
        if tag == "button" and attrs.get("name") == "easy_view" and attrs.get("value") == "0"
    ]
    assert len(exits) == 2
    assert html.count("csrfmiddlewaretoken") >= 2

    back = easy_client.post(
        reverse("portal:easy_view"), {"easy_view": "0", "next": reverse("portal:home")}
    )
    assert back["Location"] == reverse("portal:home")
    assert easy_client.get(back["Location"]).templates[0].name == "portal/home.html"


def test_every_link_of_the_easy_home_works(easy_client, customer):
    easy_client.force_login(customer)
    html = easy_client.get(reverse("portal:home")).content.decode()
    hrefs = {
        attrs["href"]
        for tag, attrs in parse(html).tags
        if tag == "a" and (attrs.get("href") or "").startswith("/")
    }

    broken = {href: easy_client.get(href, follow=True).status_code for href in hrefs}
    assert {href: code for href, code in broken.items() if code != 200} == {}


def test_the_easy_home_in_english(easy_client):
    easy_client.cookies["django_language"] = "en"

    html = easy_client.get(reverse("portal:home")).content.decode()

    assert '<html lang="en" class="easy-view large-text">' in html
    assert "easy-task" in html


# --- the header -----------------------------------------------------------------------


def test_the_header_offers_the_switch_beside_large_text(client):
    html = client.get(reverse("portal:home")).content.decode()
    tags = parse(html).tags

    button = switch_button(tags)
    assert button["aria-pressed"] == "false"
    assert button["value"] == "1"
    assert any("data-large-text-toggle" in attrs for tag, attrs in tags)
    assert "dropdown-toggle" in html  # the full menus


def test_the_easy_header_shows_fewer_menus(easy_client, customer):
    easy_client.force_login(customer)

    html = easy_client.get(reverse("center:home")).content.decode()
    tags = parse(html).tags

    button = switch_button(tags)
    assert button["aria-pressed"] == "true"
    assert button["value"] == "0"
    assert "dropdown-toggle" not in html  # no menus to open
    assert "navbar-toggler" not in html
    assert not any("data-large-text-toggle" in attrs for tag, attrs in tags)  # always on
    assert any("data-language-switch" in attrs for tag, attrs in tags)
    assert forms_posting_to(html, reverse("accounts:logout"))
    assert f'href="{reverse("portal:home")}"' in html


# --- large from the first paint: the flow, the phone, the dialogs ------------------------


@pytest.mark.parametrize(
    "name", ["flow:prerequisites", "center:home", "center:login", "portal:glossary"]
)
def test_the_pages_carry_the_class_on_html(easy_client, name):
    assert EASY_HTML.search(easy_client.get(reverse(name)).content.decode())


def test_pages_without_easy_view_have_no_class(client):
    html = client.get(reverse("flow:prerequisites")).content.decode()

    assert not EASY_HTML.search(html)
    assert "easy-view" not in html.split("<head>")[0]


def test_the_phone_page_carries_the_class_too(client):
    plain = client.get(reverse("phone:phone")).content.decode()
    assert not EASY_HTML.search(plain)

    client.cookies[EASY_VIEW_COOKIE] = "1"
    response = client.get(reverse("phone:phone"))

    assert response.status_code == 200
    html = response.content.decode()
    assert EASY_HTML.search(html)
    stylesheets = [attrs["href"] for tag, attrs in parse(html).tags if tag == "link"]
    assert any(href.endswith("css/easy.css") for href in stylesheets)


def test_the_stylesheet_is_linked_after_the_areas_own(easy_client):
    html = easy_client.get(reverse("flow:prerequisites")).content.decode()
    stylesheets = [
        attrs["href"]
        for tag, attrs in parse(html).tags
        if tag == "link" and attrs.get("rel") == "stylesheet"
    ]

    assert stylesheets[-1].endswith("css/easy.css")
    assert any(href.endswith("css/issuance.css") for href in stylesheets)
