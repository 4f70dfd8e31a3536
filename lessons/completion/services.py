"""Issue a 수료증: render the PDF, sign its exact bytes (a detached CMS signature by the
simulated CA's document signer), keep both. The self-paced learner's page calls it
(lessons/views.py), and so does the class's (the lead's classroom side)."""

import hashlib
import uuid
from collections.abc import Callable, Iterable

from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone

from issuance.pki import cms
from lessons.completion import pdf
from lessons.completion.signer import document_signer
from lessons.models import Completion, Lesson

NAME_MAX = Completion._meta.get_field("learner_name").max_length
CLASS_MAX = Completion._meta.get_field("class_name").max_length
TRAINER_MAX = Completion._meta.get_field("trainer_name").max_length
TITLE_MAX = Completion._meta.get_field("lesson_title").max_length
SCORE_MAX = Completion._meta.get_field("quiz_score").max_length


def completion_issue(
    *,
    customer,
    lesson: Lesson,
    learner_name: str,
    class_name: str = "",
    trainer_name: str = "",
    tasks_done: Iterable[str],
    quiz_score: str = "",
    language: str = "ko",
    verify_url_for: Callable[[uuid.UUID], str],
) -> Completion:
    """The learner's 수료증 for ``lesson``, signed and stored. ``class_name`` empty: 개인
    연습. ``language`` "en…": English beside the Korean. ``verify_url_for(id)`` is the
    absolute address of the verification page the QR code opens.

    The caller decides that the lesson is complete (``selectors.checklist(...).complete``)."""
    name = " ".join(str(learner_name).split())
    if not name or len(name) > NAME_MAX:
        raise ValueError(f"the learner's name must be 1 to {NAME_MAX} characters")
    english = (language or "").lower().startswith("en")
    completion_id = uuid.uuid4()
    issued_at = timezone.now()
    signer = document_signer(now=issued_at)
    document = pdf.Document(
        certificate_id=str(completion_id),
        learner_name=name,
        lesson_title=lesson_title(lesson, english=english),
        issued_at=issued_at,
        verify_url=verify_url_for(completion_id),
        class_name=str(class_name).strip()[:CLASS_MAX],
        trainer_name=str(trainer_name).strip()[:TRAINER_MAX],
        tasks_done=[str(task) for task in tasks_done],
        quiz_score=str(quiz_score).strip()[:SCORE_MAX],
        english=english,
        signer_name=_common_name(signer.certificate),
        issuer_name=_common_name(signer.chain[0]) if signer.chain else "",
    )
    data = pdf.render(document, font_path=settings.CERTIFICATE_FONT)
    signature = cms.sign_detached(data, signer.private_key, signer.certificate, signer.chain)
    return Completion.objects.create(
        id=completion_id,
        customer=customer,
        lesson=lesson,
        learner_name=document.learner_name,
        lesson_title=document.lesson_title,
        class_name=document.class_name,
        trainer_name=document.trainer_name,
        tasks_done=document.tasks_done,
        quiz_score=document.quiz_score,
        language="en" if english else "ko",
        issued_at=issued_at,
        pdf=data,
        pdf_sha256=hashlib.sha256(data).hexdigest(),
        signature=signature,
    )


def lesson_title(lesson: Lesson, *, english: bool) -> str:
    """The Korean title; in English, the English one with the Korean beside."""
    title = f"{lesson.english} ({lesson.title})" if english and lesson.english else lesson.title
    return title[:TITLE_MAX]


def _common_name(certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""
