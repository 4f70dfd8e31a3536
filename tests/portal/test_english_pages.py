"""Nothing user-facing left untranslated: each page a learner, a trainer and an
administrator meets, rendered in English, Vietnamese or Chinese, carries no Korean
without the page's language beside it (issues 13 and 26). Korean is fine in brackets
beside the translation, in an element marked ``lang="ko"``, and in the data a persona is
made of (names, the bank's Korean name)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from issuance.flow.machine import Step
from tests.issuance.flow.support import HTMX, Learner

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{2,}")  # Vietnamese too
HAN = re.compile(r"[\u4e00-\u9fff]")
FOREIGN = ["en", "vi", "zh-hans"]
# What "the page's language is beside" means: Latin words for English and Vietnamese
# (whose letters are Latin with tone marks), Chinese characters for Chinese.
SCRIPT = {"en": LATIN_WORD, "vi": LATIN_WORD, "zh-hans": HAN}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr", "area"}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class KoreanAlone(HTMLParser):
    """Text (and accessible attributes) in Korean with no English in it, outside any
    ``lang="ko"`` element, scripts and styles."""

    def __init__(self, data: set[str], script: re.Pattern = LATIN_WORD, language: str = "en"):
        super().__init__()
        self.data = data
        self.script = script
        self.language = language
        self.korean_depth = 0
        self.stack: list[bool] = []
        self.hidden = 0
        self.found: list[str] = []

    def _alone(self, text: str) -> bool:
        for data in self.data:
            text = text.replace(data, "")
        return bool(HANGUL.search(text)) and not self.script.search(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or ""
        # Korean marked as Korean, or text marked as another language than the page's
        # (the glossary's table of the four languages): each in its own language.
        korean = lang.startswith("ko") or (bool(lang) and not lang.startswith(self.language))
        if not self.korean_depth and not korean:
            self.found += [f"@{k}={v}" for k in ATTRIBUTES if self._alone(v := attrs.get(k) or "")]
        if tag in VOID:
            return
        if tag in ("script", "style"):
            self.hidden += 1
        self.stack.append(korean)
        self.korean_depth += korean

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        if tag in ("script", "style"):
            self.hidden -= 1
        self.korean_depth -= self.stack.pop()

    def handle_data(self, text):
        if not self.hidden and not self.korean_depth and self._alone(text):
            self.found.append(text.strip())


def korean_alone(response, *data: str) -> list[str]:
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    html = re.search(r'<html lang="([^"]+)"', page)  # a fragment: the request's language
    language = html.group(1) if html else response.wsgi_request.LANGUAGE_CODE
    assert language in SCRIPT, f"the page speaks {language}"
    # Data, not interface: the bank's and the persona's names, an account's product name,
    # and Korean named in its own language (the language switch, the class's language).
    parser = KoreanAlone(
        {settings.BANK_NAME, "김하나", "모의 입출금통장", "한국어", *data},
        SCRIPT[language],
        language,
    )
    parser.feed(page)
    return list(dict.fromkeys(parser.found))


@pytest.fixture(params=FOREIGN)
def english(request, client):
    """A browser that chose English, Vietnamese or Chinese (the name stays: English was
    the first)."""
    client.cookies["django_language"] = request.param
    return client


@pytest.fixture
def learner(english, ready, issuing_ca):
    return Learner(english)


STEPS = [Step.INSTALL, Step.IDENTIFY, Step.TERMS, Step.ARS, Step.MEDIUM, Step.PUSH, Step.STORAGE]


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_every_step_and_the_phone_beside_it_are_in_english(learner, step):
    learner.walk_to(step)
    page = learner.client.get(reverse("flow:resume", args=[learner.session_id]), follow=True)
    assert korean_alone(page) == []
    assert korean_alone(learner.client.get(reverse("phone:screen"), **HTMX)) == []


def test_the_done_page_and_the_certificate_centre_are_in_english(learner):
    learner.walk_to(Step.STORAGE)
    learner.storage()
    learner.client.force_login(learner.session.customer)
    pages = [
        reverse("flow:resume", args=[learner.session_id]),
        reverse("center:home"),
        reverse("center:manage"),
        reverse("center:login"),
        reverse("center:renew_choose"),
        reverse("center:copy_home"),
        reverse("center:register"),
        reverse("center:security"),
        reverse("accounts:accounts"),
        reverse("transfer:start"),
    ]
    left = {}
    for url in pages:
        response = learner.client.get(url, follow=True)
        assert not any("login" in hop for hop, _status in response.redirect_chain), url
        left[url] = korean_alone(response)
    assert left == {url: [] for url in pages}


@pytest.mark.parametrize(
    "url",
    ["/", "/cert/issue/", "/glossary/", "/banking/login/", "/join/"]
    + [
        f"/info/{slug}/"
        for slug in ("faq", "notice", "security-center", "privacy", "terms", "certificates")
    ],
)
def test_the_public_pages_are_in_english(english, url):
    assert korean_alone(english.get(url)) == []


@pytest.mark.parametrize("language", FOREIGN)
def test_the_trainers_pages_are_in_english(trainer_client, classroom, language):
    trainer_client.cookies["django_language"] = language
    index = trainer_client.get(reverse("trainer:index"))
    dashboard = trainer_client.get(reverse("trainer:dashboard", args=[classroom.code]))
    assert korean_alone(index, classroom.name) == []
    assert korean_alone(dashboard, classroom.name) == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/accounts/customer/",
        "/admin/accounts/bankaccount/",
        "/admin/issuance/certificate/",
        "/admin/issuance/issuancesession/",
        "/admin/classroom/classroom/",
    ],
)
@pytest.mark.parametrize("language", FOREIGN)
def test_the_admin_is_in_english(client, superuser, ready, url, language):
    client.force_login(superuser)
    client.cookies["django_language"] = language
    assert korean_alone(client.get(url), superuser.name) == []


def test_the_transfer_form_names_our_bank_in_english_with_the_korean_beside(learner):
    learner.walk_to(Step.STORAGE)
    learner.storage()
    learner.client.force_login(learner.session.customer)
    page = learner.client.get(reverse("transfer:start")).content.decode()
    bank = f"{settings.BANK_NAME_EN} ({settings.BANK_NAME})"
    assert f'<option value="{settings.BANK_CODE}">{bank}</option>' in page
