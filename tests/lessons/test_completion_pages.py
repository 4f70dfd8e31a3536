"""The 수료증's pages: issued to a finished_learner who finished the lesson (and only then),
downloaded by that browser only, checked by anyone on the verification page."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from lessons.completion.forms import UPLOAD_MAX_BYTES
from lessons.completion.services import completion_issue
from lessons.models import Completion
from tests.lessons.documents import OPENSSL, PRINTED, link, openssl_verifies, pdf_text, text

pytestmark = pytest.mark.django_db


# --- the pages ----------------------------------------------------------------------------


def test_a_learner_who_has_not_finished_gets_no_certificate(client, issuing_ca, holder, lesson):
    client.force_login(holder)
    client.post(reverse("lessons:choose", args=[lesson.key]))
    page = client.get(reverse("lessons:certificate"))
    assert page.status_code == 200
    assert "과정의 과제를 모두 마치면 수료증을 받을 수 있습니다" in text(page)
    assert "learner_name" not in text(page)
    refused = client.post(reverse("lessons:certificate"), {"learner_name": "홍길동"})
    assert refused.status_code == 403
    assert "과정의 과제를 모두 마쳐야 수료증을 받을 수 있습니다" in text(refused)
    assert not Completion.objects.exists()


def test_without_a_lesson_the_page_says_to_choose_one(client, issuing_ca):
    page = client.get(reverse("lessons:certificate"))
    assert "아직 과정을 고르지 않았습니다" in text(page)
    assert client.post(reverse("lessons:certificate"), {"learner_name": "x"}).status_code == 403
    assert not Completion.objects.exists()


def test_a_finished_learner_issues_one_and_downloads_it(finished_learner, holder, tmp_path):
    assert reverse("lessons:certificate") in text(
        finished_learner.get(reverse("lessons:checklist"))
    )
    page = text(finished_learner.get(reverse("lessons:certificate")))
    assert 'value="홍길동"' in page and "금융사기 전화·문자 거절" in page  # the name, the task
    response = finished_learner.post(reverse("lessons:certificate"), {"learner_name": "홍 길동"})
    completion = Completion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("lessons:certificate_pdf", args=[completion.pk])
    assert completion.customer == holder and completion.learner_name == "홍 길동"
    assert completion.class_name == "" and completion.tasks_done == ["금융사기 전화·문자 거절"]
    document = finished_learner.get(response["Location"])
    assert document["Content-Type"] == "application/pdf"
    assert document.content.startswith(b"%PDF") and "홍 길동" in pdf_text(document.content)
    signature = finished_learner.get(reverse("lessons:certificate_signature", args=[completion.pk]))
    assert signature["Content-Type"] == "application/pkcs7-signature"
    assert ".p7s" in signature["Content-Disposition"]
    assert link(completion.pk) in pdf_text(document.content)  # the QR's address, printed too
    if OPENSSL:
        assert openssl_verifies(tmp_path, document.content, signature.content)
    assert str(completion.pk) in text(finished_learner.get(reverse("lessons:certificate")))


def test_the_qr_code_points_at_site_url_when_set(finished_learner, settings):
    settings.SITE_URL = "http://192.168.0.10:8000"
    finished_learner.post(reverse("lessons:certificate"), {"learner_name": "홍길동"})
    completion = Completion.objects.get()
    assert f"http://192.168.0.10:8000/lessons/verify/{completion.pk}/" in pdf_text(
        bytes(completion.pdf)
    )


def test_the_name_is_checked(finished_learner):
    response = finished_learner.post(reverse("lessons:certificate"), {"learner_name": ""})
    assert response.status_code == 400 and "수료증에 적을 이름을 입력하세요" in text(response)
    assert not Completion.objects.exists()


def test_another_browser_cannot_download_it(finished_learner, completion):
    finished_learner.post(reverse("lessons:certificate"), {"learner_name": "홍길동"})
    mine = Completion.objects.exclude(pk=completion.pk).get()
    stranger = Client()
    for name in ("lessons:certificate_pdf", "lessons:certificate_signature"):
        assert stranger.get(reverse(name, args=[mine.pk])).status_code == 404
        assert finished_learner.get(reverse(name, args=[mine.pk])).status_code == 200
        assert (
            finished_learner.get(reverse(name, args=[completion.pk])).status_code == 404
        )  # not its


def test_issuing_needs_the_csrf_token(issuing_ca, holder, lesson, finished):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(holder)
    session = browser.session
    session["lesson"] = lesson.key
    session.save()
    response = browser.post(reverse("lessons:certificate"), {"learner_name": "홍길동"})
    assert response.status_code == 403 and not Completion.objects.exists()
    browser.get(reverse("lessons:certificate"))
    token = browser.cookies["csrftoken"].value
    with_token = {"learner_name": "홍길동", "csrfmiddlewaretoken": token}
    assert browser.post(reverse("lessons:certificate"), with_token).status_code == 302


def test_the_verification_page_shows_the_record_and_says_valid(client, completion):
    page = client.get(reverse("lessons:verify", args=[completion.pk]))
    body = text(page)
    assert page.status_code == 200 and 'data-verdict="valid"' in body and "유효" in body
    for expected in PRINTED:
        assert expected in body
    assert "실제 은행 문서가 아닙니다" in body and 'enctype="multipart/form-data"' in body


def test_a_self_paced_record_says_personal_practice(client, issuing_ca, lesson):
    made = completion_issue(
        customer=None, lesson=lesson, learner_name="이몽룡", tasks_done=[], verify_url_for=link
    )
    assert "개인 연습" in text(client.get(reverse("lessons:verify", args=[made.pk])))


def upload(data: bytes, name="certificate.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_an_uploaded_pdf_is_checked_against_the_record(client, completion):
    url = reverse("lessons:verify", args=[completion.pk])
    same = client.post(url, {"upload": upload(bytes(completion.pdf))})
    assert same.status_code == 200 and 'data-verdict="valid"' in text(same)
    changed = bytearray(completion.pdf)
    changed[len(changed) // 3] ^= 0x01
    altered = client.post(url, {"upload": upload(bytes(changed))})
    assert altered.status_code == 200
    assert 'data-verdict="altered"' in text(altered) and "변조됨" in text(altered)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"PK\x03\x04 a zip, not a pdf", "PDF 파일이 아닙니다"),
        (b"%PDF-" + b"0" * UPLOAD_MAX_BYTES, "2MB 이하의 PDF만 확인할 수 있습니다"),
        (b"", "빈 파일입니다"),
    ],
)
def test_a_wrong_upload_is_told_beside_the_field(client, completion, data, error):
    response = client.post(
        reverse("lessons:verify", args=[completion.pk]), {"upload": upload(data)}
    )
    assert response.status_code == 400
    body = text(response)
    beside = body[body.index('id="id_upload_error"') :]
    assert error in beside[:400]  # in the field's own error, beside the input
    assert 'data-verdict="valid"' in body  # the record itself is still what was signed


def test_an_unknown_id_is_a_404_that_says_unknown(client, issuing_ca):
    response = client.get(reverse("lessons:verify", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert "확인할 수 없음" in text(response) and 'data-verdict="unknown"' in text(response)


def test_the_admin_lists_certificates_read_only_without_their_bytes(admin_client, completion):
    changelist = admin_client.get(reverse("admin:lessons_completion_changelist"))
    assert changelist.status_code == 200 and "홍길동" in text(changelist)
    change = admin_client.get(reverse("admin:lessons_completion_change", args=[completion.pk]))
    body = text(change)
    assert change.status_code == 200 and completion.pdf_sha256 in body
    assert "%PDF" not in body and 'name="learner_name"' not in body  # nothing to edit
    assert admin_client.get(reverse("admin:lessons_completion_add")).status_code == 403
    delete = reverse("admin:lessons_completion_delete", args=[completion.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Completion.objects.filter(pk=completion.pk).exists()
