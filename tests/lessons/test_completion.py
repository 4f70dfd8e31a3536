"""The 수료증 (lessons/completion/): a learner who finished the lesson gets an A4 PDF with
their name, signed by the simulated CA (a detached CMS signature that ``openssl cms``
verifies); only their browser downloads it; anyone checks it on the verification page
its QR code opens (valid / altered / unknown)."""

import hashlib
import io
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, load_der_private_key
from django.conf import settings
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from issuance import pki
from issuance.models import CertificateAuthority
from issuance.pki import cms
from lessons.completion import pdf, verify
from lessons.completion import signer as signer_module
from lessons.completion.services import completion_issue
from lessons.models import Completion, CompletionSigner
from tests.lessons.documents import OPENSSL, PRINTED, link, openssl_verifies, pdf_text

pytestmark = pytest.mark.django_db


# --- the document and its signature -----------------------------------------------------


def test_the_pdf_is_a_korean_training_certificate(completion):
    data = bytes(completion.pdf)
    assert data.startswith(b"%PDF")
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    words = pdf_text(data)
    for expected in PRINTED:
        assert expected in words
    assert "교육 수료 확인" in words and "실제 은행 문서가 아닙니다" in words
    assert str(completion.pk) in words and "Certificate of Completion" not in words
    assert completion.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert completion.lesson_title == "첫 발급" and completion.language == "ko"


def test_in_english_the_english_stands_beside_the_korean(issuing_ca, lesson):
    made = completion_issue(
        customer=None,
        lesson=lesson,
        learner_name="Jane Doe",
        tasks_done=["Issue a joint certificate (공동인증서 발급)"],
        language="en-us",
        verify_url_for=link,
    )
    words = pdf_text(bytes(made.pdf))
    assert "Certificate of Completion" in words and "Training record" in words
    assert "개인 연습" in words and "Self-paced practice" in words  # no class
    assert made.lesson_title == "First issue (첫 발급)" and made.language == "en"
    assert made.is_self_paced


def test_without_the_font_file_the_built_in_korean_font_prints_it(settings, issuing_ca, lesson):
    settings.CERTIFICATE_FONT = "/nonexistent/NoSuchFont.ttf"
    made = completion_issue(
        customer=None, lesson=lesson, learner_name="홍길동", tasks_done=[], verify_url_for=link
    )
    assert bytes(made.pdf).startswith(b"%PDF")
    fonts = PdfReader(io.BytesIO(bytes(made.pdf))).pages[0]["/Resources"]["/Font"]
    assert any("HYGothic-Medium" in str(font.get_object()["/BaseFont"]) for font in fonts.values())
    assert verify.verdict(made.pk) == verify.VALID


def test_a_long_word_is_broken_to_stay_on_the_page():
    font, _ = pdf.korean_fonts(settings.CERTIFICATE_FONT)
    lines = pdf.split("가" * 40 + " http://x/" + "a" * 200, font, 17, 300)
    assert "".join(lines).replace(" ", "") == ("가" * 40 + "http://x/" + "a" * 200)
    assert all(pdfmetrics.stringWidth(line, font, 17) <= 300 for line in lines)


def test_a_name_is_needed(issuing_ca, lesson):
    with pytest.raises(ValueError, match="name"):
        completion_issue(
            customer=None, lesson=lesson, learner_name="  ", tasks_done=[], verify_url_for=link
        )


def test_the_signature_is_the_document_signers_through_the_simulated_ca(completion):
    signed = cms.read_signed_data(bytes(completion.signature))
    common_name = signed.signer.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    assert common_name[0].value == "SIM Training 수료증 서명"
    issuer = signed.signer.issuer.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    assert issuer[0].value == "yessignCA-SIM Class 3"
    usage = signed.signer.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert signed.message_digest == hashlib.sha256(bytes(completion.pdf)).digest()


@pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")
def test_openssl_verifies_the_pdf_and_refuses_it_with_one_byte_changed(tmp_path, completion):
    document, signature = bytes(completion.pdf), bytes(completion.signature)
    assert openssl_verifies(tmp_path, document, signature)
    flipped = bytearray(document)
    flipped[len(flipped) // 2] ^= 0x01
    assert not openssl_verifies(tmp_path, bytes(flipped), signature)


def test_the_signer_is_made_once_its_key_encrypted(completion, issuing_ca, lesson):
    (row,) = CompletionSigner.objects.all()
    with pytest.raises(TypeError):  # a password is needed: never stored in the clear
        load_der_private_key(bytes(row.private_key_encrypted), None)
    completion_issue(
        customer=None, lesson=lesson, learner_name="이몽룡", tasks_done=[], verify_url_for=link
    )
    assert CompletionSigner.objects.count() == 1


def test_two_first_uses_at_once_make_one_signer(issuing_ca, monkeypatch):
    """The other request stores its signer between our look and our write: ours loses
    the race (the unique generation), and both sign with the one stored."""
    real_create = cms.create_signer
    theirs = {}

    def create_while_another_request_stores(issuing, **options):
        mine = real_create(issuing, **options)
        other = real_create(issuing, **options)
        stored, _ = signer_module.authority.issuing_ca()
        theirs["row"] = CompletionSigner.objects.create(
            issuer_digest=hashlib.sha256(stored.certificate_der).hexdigest(),
            generation=0,
            certificate_der=other.certificate.public_bytes(Encoding.DER),
            private_key_encrypted=pki.encrypt_ca_key(other.private_key, b"x"),
            not_before=other.certificate.not_valid_before_utc,
            not_after=other.certificate.not_valid_after_utc,
        )
        return mine

    monkeypatch.setattr(signer_module.cms, "create_signer", create_while_another_request_stores)
    monkeypatch.setattr(signer_module, "_load", lambda row, issuer: row)
    assert signer_module.document_signer() == theirs["row"]
    assert CompletionSigner.objects.count() == 1


# --- the verdict ---------------------------------------------------------------------------


def test_the_verdict_is_valid_altered_or_unknown(completion):
    assert verify.verdict(completion.pk) == verify.VALID
    assert verify.verdict(completion.pk, bytes(completion.pdf)) == verify.VALID
    changed = bytes(completion.pdf).replace("홍길동".encode("utf-16-be"), b"", 1) + b"\n"
    assert verify.verdict(completion.pk, changed) == verify.ALTERED
    assert verify.verdict(uuid.uuid4()) == verify.UNKNOWN
    assert verify.verdict("not-an-id") == verify.UNKNOWN


def test_a_record_changed_after_its_signature_is_altered(completion):
    Completion.objects.filter(pk=completion.pk).update(pdf=bytes(completion.pdf) + b"%%\n")
    assert verify.verdict(completion.pk) == verify.ALTERED
    data = bytes(completion.pdf) + b"%%\n"
    Completion.objects.filter(pk=completion.pk).update(pdf_sha256=hashlib.sha256(data).hexdigest())
    assert verify.verdict(completion.pk) == verify.ALTERED  # the signature still says no


def test_a_signature_that_does_not_lead_to_the_simulated_root_is_unknown(completion):
    stranger = pki.create_root_ca("SIM Training RootCA")
    CertificateAuthority.objects.filter(role=CertificateAuthority.Role.ROOT).update(
        certificate_der=stranger.certificate.public_bytes(Encoding.DER)
    )
    assert verify.verdict(completion.pk) == verify.UNKNOWN
    Completion.objects.filter(pk=completion.pk).update(signature=b"\x30\x00")
    assert verify.verdict(completion.pk) == verify.UNKNOWN
