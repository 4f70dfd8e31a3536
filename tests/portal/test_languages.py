"""Korean first, English that teaches Korean (docs/I18N.md): the language a page speaks,
the header's switch, a class's default language, and the glossary."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from classroom.models import Classroom

pytestmark = pytest.mark.django_db

ISSUE_KO = "공동인증서 발급/재발급"
ISSUE_EN = "Issue / reissue joint certificate (공동인증서 발급/재발급)"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_korean_is_the_default():
    response = Client().get("/")
    assert html_lang(response).startswith("ko")
    page = response.content.decode()
    assert ISSUE_KO in page and ISSUE_EN not in page
    assert '<button type="submit" name="language" value="en" lang="en"' in page


def test_an_english_browser_gets_english_with_the_korean_beside():
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(response) == "en"
    page = response.content.decode()
    assert ISSUE_EN in page
    assert "Certificate centre (인증센터)" in page
    assert '<button type="submit" name="language" value="ko" lang="ko"' in page


def test_the_switch_is_remembered_by_the_browser_and_can_be_switched_back():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/cert/issue/"})
    assert response.status_code == 302 and response["Location"] == "/cert/issue/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) == 365 * 24 * 3600
    page = client.get("/cert/issue/").content.decode()
    assert html_lang(client.get("/cert/issue/")) == "en"
    assert "Pre-issue check (발급 전 확인)" in page

    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert html_lang(client.get("/")).startswith("ko")


def test_the_switch_needs_the_csrf_token_and_stays_on_the_site():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 403

    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_form_error_is_in_english_beside_its_field():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.post("/join/", {"code": "!!", "display_name": "Sam"}).content.decode()
    error = re.search(r'id="id_code_error"[^>]*>(.*?)</', page, re.S)
    assert error, page[-3000:]
    assert "The join code is 6 letters and digits" in error.group(1)


def test_a_class_in_english_starts_its_learners_in_english(classroom):
    classroom.language = "en"
    classroom.save()
    client = Client()
    response = client.post("/join/", {"code": classroom.code, "display_name": "Sam"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert html_lang(client.get("/join/welcome/")) == "en"


def test_a_learner_who_chose_korean_keeps_it_in_an_english_class(classroom):
    classroom.language = "en"
    classroom.save()
    client = Client()
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    response = client.post("/join/", {"code": classroom.code, "display_name": "민수"})
    assert "django_language" not in response.cookies
    assert html_lang(client.get("/join/welcome/")).startswith("ko")


def test_the_trainer_sets_the_class_language(trainer_client):
    response = trainer_client.post(
        "/trainer/",
        {"name": "Tuesday", "situations": ["ready"], "mode": "guided", "language": "en",
         "stuck_minutes": 3, "stuck_failures": 3},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Classroom.objects.get().language == "en"


def test_classroom_create_takes_a_language(trainer):
    out = StringIO()
    call_command(
        "classroom_create", "--name", "Tue", "--trainer", "trainer1", "--language", "en",
        "--json", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["language"] == "en"
    assert Classroom.objects.get().language == "en"


@pytest.mark.parametrize(
    ("accept", "heading", "meaning"),
    [
        ("ko", "용어 사전", "security card"),
        ("en", "Glossary (용어 사전)", "security card"),
        ("vi", "(용어 사전)", "thẻ bảo mật"),
        ("zh-CN", "（용어 사전）", "安全卡"),
    ],
)
def test_the_glossary_lists_the_korean_words_romanised_and_in_each_language(
    accept, heading, meaning
):
    page = Client().get("/glossary/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert "<h1" in page and heading in page
    row = re.search(r'<th[^>]*class="glossary-korean"[^>]*>보안카드</th>(.*?)</tr>', page, re.S)
    assert row, "보안카드 is in the glossary"
    assert "boan kadeu" in row.group(1) and meaning in row.group(1).lower()


def test_the_glossary_heads_with_the_screen_terms_in_the_four_languages():
    """The term list (portal/terms.json) as the site writes it in each language."""
    page = Client().get("/glossary/").content.decode()
    table = page[page.index("glossary-screen-terms") :]
    row = re.search(r'<th scope="row" lang="ko"[^>]*>보안카드</th>(.*?)</tr>', table, re.S)
    cells = dict(re.findall(r'<td lang="([^"]+)"[^>]*>([^<]*)</td>', row.group(1)))
    assert cells == {
        "en": "Security card (보안카드)",
        "vi": "Thẻ bảo mật (보안카드)",
        "zh-hans": "安全卡（보안카드）",
    }
