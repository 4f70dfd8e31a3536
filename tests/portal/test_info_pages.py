"""The customer-centre pages (고객센터): FAQ, notices, security centre, privacy, terms,
and 공동인증서와 금융인증서 (the two certificates side by side)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal import views

pytestmark = pytest.mark.django_db

MARK = "교육용 모의 화면"
PLACEHOLDER = "준비 중인 메뉴입니다"
PAGES = {
    "faq": "자주 묻는 질문",
    "notice": "공지사항",
    "security-center": "보안센터",
    "privacy": "개인정보처리방침",
    "terms": "이용약관",
    "certificates": "공동인증서와 금융인증서",
}


class Page(HTMLParser):
    """The start tags with their attributes, the <title> and the <h1> text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, str] = {"title": "", "h1": ""}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.texts:
            self._open = tag

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.texts[self._open] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def get_info(client, slug):
    return client.get(reverse("portal:info", args=[slug]))


def test_the_info_pages_are_exactly_the_five_customer_centre_pages():
    assert set(views.INFO_PAGES) == set(PAGES)


@pytest.mark.parametrize(("slug", "title"), sorted(PAGES.items()))
def test_info_page_renders_with_its_korean_title_and_the_training_mark(client, slug, title):
    response = get_info(client, slug)

    assert response.status_code == 200
    html = response.content.decode()
    page = parse(html)
    assert page.texts["h1"].strip() == title
    assert title in page.texts["title"]
    assert MARK in page.texts["title"]
    assert MARK in html
    assert "고객센터" in html  # the breadcrumb
    assert PLACEHOLDER not in html


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_info_page_has_no_inline_style_or_script(client, slug):
    response = get_info(client, slug)

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    for tag, attrs in parse(html).tags:
        assert "style" not in attrs, f"style attribute on <{tag}>"
        assert not [a for a in attrs if a.startswith("on")], f"inline handler on <{tag}>"
        if tag == "script":
            assert attrs.get("nonce") == nonce
    assert "<style" not in html


def test_unknown_info_page_is_404(client):
    response = get_info(client, "no-such-page")

    assert response.status_code == 404
    assert "요청하신 페이지를 찾을 수 없습니다" in response.content.decode()


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_the_old_menu_placeholder_is_gone(client, slug):
    assert slug not in views.MENU_MOVED

    response = client.get(f"/menu/{slug}/")

    assert response.status_code == 404


def test_footer_links_lead_to_the_info_pages(client):
    html = client.get(reverse("portal:home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    hrefs = [attrs["href"] for tag, attrs in parse(footer).tags if tag == "a"]

    expected = [reverse("portal:info", args=[s]) for s in ("privacy", "terms", "security-center")]
    expected += [reverse("portal:info", args=["faq"]), reverse("portal:glossary")]
    assert hrefs == expected
    for href in hrefs:
        assert client.get(href).status_code == 200


def test_faq_lists_the_learners_questions(client):
    html = get_info(client, "faq").content.decode()

    assert 8 <= html.count("<details") <= 10
    assert html.count("<details") == html.count("<summary")
    for text in (
        "공인인증서",
        "인터넷뱅킹 가입",
        "보안카드 또는 모바일 인증",
        "4,400원",
        "만료일 30일 전부터",
        "다시 발급",
        "5회",
        "오류 해제",
        "스마트폰",
        "저장",
        "가상 정보",
    ):
        assert text in html, text


def test_notice_is_a_table_of_dated_fictitious_notices(client):
    html = get_info(client, "notice").content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]

    assert 4 <= body.count("<tr>") <= 5
    assert len(re.findall(r"\d{4}\.\d{2}\.\d{2}", body)) == body.count("<tr>")
    for title in ("연습용 모의 화면 안내", "인증서 갱신 기간 안내", "보이스피싱 주의"):
        assert title in body
    assert "가상" in html


def test_security_center_gives_the_advice_and_the_idle_timeout(client, settings):
    settings.SESSION_IDLE_MINUTES = 17

    html = get_info(client, "security-center").content.decode()

    for text in (
        "보이스피싱",
        "스미싱",
        "사진",
        "인증서 암호",
        "공용 PC",
        "로그아웃",
        "가짜 사이트",
    ):
        assert text in html, text
    assert "17분" in html
    assert "연습용" in html


def test_privacy_says_only_fictitious_data_is_kept(client):
    html = get_info(client, "privacy").content.decode()

    for text in ("가상 정보", "주민등록번호", "암호화", "표시 이름", "자리 번호", "강사", "삭제"):
        assert text in html, text
    assert "실제 개인정보를 입력하지 마세요" in html


def test_terms_cover_the_training_purpose_and_the_links_work(client):
    response = get_info(client, "terms")
    html = response.content.decode()

    for text in ("목적", "실제 금융거래 없음", "법적 효력이 없습니다", "금지 행위", "약관의 변경"):
        assert text in html, text
    for slug in ("privacy", "notice"):
        href = reverse("portal:info", args=[slug])
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_info_template_source_follows_the_site_conventions(settings, slug):
    path = settings.BASE_DIR / "templates" / "portal" / "info" / f"{slug}.html"
    text = path.read_text(encoding="utf-8")

    assert text.startswith('{% extends "base.html" %}\n{% load i18n page %}\n')
    assert re.search(r"\{% page_header _\(\"[^\"]+\"\) _\(\"고객센터\"\) \"\" %\}", text)
    assert not re.search(r"\sstyle\s*=", text)
    assert "<script" not in text


def test_the_two_certificates_side_by_side_say_what_differs(client):
    page = client.get(reverse("portal:info", args=["certificates"])).content.decode()
    rows = {
        "보관하는 곳": ("USB(이동식디스크)", "금융결제원의 클라우드"),
        "비밀번호": ("10자 이상", "숫자 6자리"),
        "유효기간": ("1년", "3년"),
        "내보내기·복사": ("할 수 있습니다", "할 수 없습니다"),
        "수수료 (개인)": ("4,400원", "<td>무료</td>"),
    }
    for label, (joint, financial) in rows.items():
        row = page[page.index(f'<th scope="row">{label}</th>') :]
        row = row[: row.index("</tr>")]
        assert row.index(joint) < row.index(financial), label  # 공동인증서 first, as headed
    assert "<caption>공동인증서와 금융인증서 비교</caption>" in page


def test_the_certificate_centre_points_to_the_comparison(client):
    page = client.get(reverse("center:home")).content.decode()
    assert reverse("portal:info", args=["certificates"]) in page and "두 인증서 비교" in page
