"""The site shell: layout, training mark, menus, error pages, CSP hygiene."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

from portal import views

pytestmark = pytest.mark.django_db

MARK = "교육용 모의 화면"
TOP_MENUS = ["개인", "인증센터", "고객센터"]
CERT_CENTER_ITEMS = [
    "공동인증서 발급/재발급",
    "인증서 갱신",
    "인증서 관리",
    "스마트폰 인증서 복사",
    "인증서 로그인",
    "타기관 인증서 등록",
    "보안프로그램 설치",
]


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and the text inside <title>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


def csp_nonce(response) -> str:
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert match, "script-src has no nonce"
    return match.group(1)


# --- home and layout ------------------------------------------------------------------


def test_home_has_the_training_mark_the_menus_and_a_korean_title(client):
    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    html = response.content.decode()
    page = parse(html)
    assert '<html lang="ko' in html
    assert MARK in page.title
    assert "공동인증서" in page.title or "인증센터" in page.title
    assert html.count(MARK) >= 2  # the strip at the top and the footer notice
    assert "실제 은행이 아닙니다" in html
    for menu in TOP_MENUS + CERT_CENTER_ITEMS:
        assert menu in html
    assert "연습용 고객 정보" in html
    assert 'id="content"' in html
    assert "본문 바로가기" in html


def test_home_quick_links_lead_to_the_certificate_centre(client):
    html = client.get(reverse("portal:home")).content.decode()

    for name in (
        "flow:prerequisites",
        "center:renew_choose",
        "center:manage",
        "center:copy_home",
        "center:login",
        "center:security",
        "accounts:accounts",
        "transfer:start",
    ):
        assert f'href="{reverse(name)}"' in html, name


def test_anonymous_visitor_sees_a_login_link(client):
    html = client.get(reverse("portal:home")).content.decode()

    assert reverse("accounts:login") in html
    assert "로그아웃" not in html


def test_logged_in_customer_sees_their_name_and_a_logout_form(client, customer):
    client.force_login(customer)

    html = client.get(reverse("portal:home")).content.decode()

    assert f"{customer.name}님" in html
    forms = [attrs for tag, attrs in parse(html).tags if tag == "form"]
    logout = [f for f in forms if f.get("action") == reverse("accounts:logout")]
    assert logout, "no logout form"
    assert logout[0]["method"].lower() == "post"
    assert "csrfmiddlewaretoken" in html


def test_every_internal_link_of_the_home_page_works(client):
    html = client.get(reverse("portal:home")).content.decode()
    hrefs = {
        attrs["href"]
        for tag, attrs in parse(html).tags
        if tag == "a" and (attrs.get("href") or "").startswith("/")
    }

    assert hrefs
    broken = {href: client.get(href, follow=True).status_code for href in hrefs}
    assert {href: code for href, code in broken.items() if code != 200} == {}


def test_nothing_is_loaded_from_another_site(client):
    page = parse(client.get(reverse("portal:home")).content.decode())

    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in {"script", "link", "img"}:
                assert not re.match(r"^(https?:)?//", value), f"<{tag} {name}={value}>"
    scripts = [attrs.get("src", "") for tag, attrs in page.tags if tag == "script"]
    assert any("vendor/bootstrap-5.3.9/bootstrap.bundle.min.js" in s for s in scripts)
    stylesheets = [attrs.get("href", "") for tag, attrs in page.tags if tag == "link"]
    assert any("vendor/bootstrap-5.3.9/bootstrap.min.css" in s for s in stylesheets)
    assert any("css/portal.css" in s for s in stylesheets)


def test_messages_render_as_bootstrap_alerts():
    html = render_to_string(
        "partials/messages.html",
        {
            "messages": [
                Message(constants.ERROR, "계좌가 없으면 발급할 수 없습니다"),
                Message(constants.SUCCESS, "발급이 완료되었습니다"),
            ]
        },
    )

    assert "alert-danger" in html
    assert 'role="alert"' in html
    assert "alert-success" in html
    assert "계좌가 없으면 발급할 수 없습니다" in html


# --- CSP ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/banking/login/",
        "/menu/cert-issue/",
        "/no-such-page/",
    ],
)
def test_pages_have_a_csp_header_and_no_inline_style_or_unnonced_script(client, url):
    response = client.get(url)

    assert "Content-Security-Policy" in response
    policy = response["Content-Security-Policy"]
    assert "style-src 'self'" in policy
    nonce = csp_nonce(response)
    html = response.content.decode()
    page = parse(html)
    for tag, attrs in page.tags:
        assert "style" not in attrs, f"style attribute on <{tag}>"
        assert not [a for a in attrs if a.startswith("on")], f"inline handler on <{tag}>"
        if tag == "script":
            assert attrs.get("nonce") == nonce, f"<script {attrs}> without the nonce"
    assert "<style" not in html
    assert "javascript:" not in html


def test_base_template_source_has_no_style_attribute(settings):
    text = (settings.BASE_DIR / "templates" / "base.html").read_text(encoding="utf-8")

    assert not re.search(r"\sstyle\s*=", text)
    for script in re.findall(r"<script\b[^>]*>", text):
        assert 'nonce="{{ csp_nonce }}"' in script


# --- menus --------------------------------------------------------------------------------


def menu_links(html: str) -> dict[str, str]:
    """The main menu's entries: their text and where they lead."""
    menu = html[html.index('id="main-menu"') : html.index('class="navbar-account"')]
    links = re.findall(r'<a class="dropdown-item" href="([^"]+)">([^<]+)</a>', menu)
    return {text.strip(): href for href, text in links}


def test_the_menu_names_every_page_and_nothing_is_a_placeholder(client):
    html = client.get(reverse("portal:home")).content.decode()
    links = menu_links(html)

    assert list(links) == [
        "조회",
        "이체",
        "인증센터 홈",
        *CERT_CENTER_ITEMS,
        "자주 묻는 질문",
        "공지사항",
        "보안센터",
        "용어 사전",
    ]
    assert links["인증서 로그인"] == reverse("center:login")
    assert "인증서 테스트" not in html
    assert "기업" not in links and "대출" not in html
    assert "/menu/" not in html


def test_every_menu_entry_opens_a_real_page(client, customer):
    client.force_login(customer)
    html = client.get(reverse("portal:home")).content.decode()

    for text, href in menu_links(html).items():
        response = client.get(href, follow=True)
        assert response.status_code == 200, text
        assert "준비 중" not in response.content.decode(), text


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("inquiry", "accounts:accounts"),
        ("transfer", "transfer:start"),
        ("cert-renew", "center:renew_choose"),
        ("cert-manage", "center:manage"),
        ("security-install", "center:security"),
    ],
)
def test_an_old_menu_link_moves_permanently_to_its_page(client, slug, name):
    response = client.get(f"/menu/{slug}/")

    assert response.status_code == 301
    assert response["Location"] == reverse(name)


@pytest.mark.parametrize("slug", ["deposit", "loan", "corp-banking", "no-such-menu"])
def test_a_menu_that_left_is_404(client, slug):
    response = client.get(f"/menu/{slug}/")

    assert response.status_code == 404
    assert "요청하신 페이지를 찾을 수 없습니다" in response.content.decode()


# --- error pages ------------------------------------------------------------------------


def test_unknown_url_gives_the_korean_404_with_the_mark(client):
    response = client.get("/this/does/not/exist/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "요청하신 페이지를 찾을 수 없습니다" in html
    assert MARK in html
    assert "인증센터" in html  # inside the site's layout


def test_server_error_view_renders_the_korean_500(settings):
    request = RequestFactory().get("/")

    response = views.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "일시적인 오류가 발생했습니다" in html
    assert MARK in html
    assert settings.BANK_NAME in html
    assert 'href="/"' in html


def test_500_template_renders_without_any_context():
    html = render_to_string("500.html")

    assert "일시적인 오류가 발생했습니다" in html
    assert MARK in html


def test_403_page():
    request = RequestFactory().get("/")

    response = defaults.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    html = response.content.decode()
    assert "권한이 없습니다" in html
    assert MARK in html


def test_400_page():
    request = RequestFactory().get("/")

    response = defaults.bad_request(request, ValueError())

    assert response.status_code == 400
    html = response.content.decode()
    assert "잘못된 요청입니다" in html
    assert MARK in html


def test_csrf_failure_page_asks_to_reload(customer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "보안을 위해 페이지를 새로 고친 뒤 다시 시도해 주세요" in html
    assert MARK in html


# --- login page -------------------------------------------------------------------------


def test_login_page_renders_the_form(client):
    response = client.get(reverse("accounts:login"), {"next": "/menu/cert-issue/"})

    assert response.status_code == 200
    html = response.content.decode()
    page = parse(html)
    assert "인터넷뱅킹 로그인" in page.title
    names = {attrs.get("name") for tag, attrs in page.tags if tag == "input"}
    assert {"user_id", "password", "csrfmiddlewaretoken", "next"} <= names
    assert "사용자 ID" in html
    assert "비밀번호" in html
    assert "페르소나 안내문" in html
    assert reverse("flow:find_id") in html and reverse("accounts:join") in html
    login_form = html[html.index('<main id="content"') :]  # the header's forms carry theirs
    login_page = parse(login_form)
    next_inputs = [a for t, a in login_page.tags if t == "input" and a.get("name") == "next"]
    assert next_inputs[0]["value"] == "/menu/cert-issue/"
    forms = [attrs for tag, attrs in page.tags if tag == "form"]
    assert any(f.get("method", "").lower() == "post" for f in forms)


def test_login_failure_shows_the_non_field_error_as_an_alert(client, customer):
    response = client.post(
        reverse("accounts:login"), {"user_id": customer.user_id, "password": "wrong-pass-1!"}
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors
    html = response.content.decode()
    assert 'role="alert"' in html
    for error in errors:
        assert str(error) in html


# --- admin ------------------------------------------------------------------------------


def test_admin_carries_the_training_mark(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert MARK in response.content.decode()


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/pki/ocsp", "/banking/login", "/join"])
def test_a_post_without_the_trailing_slash_is_redirected_keeping_the_post(
    client, settings, db, debug, path
):
    settings.DEBUG = debug
    response = client.post(path, {"x": "1"})
    assert response.status_code == 308  # the method and the body are kept
    assert response["Location"] == path + "/"
