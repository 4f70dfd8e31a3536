"""집에서 이어 하기: a learner's card (a short code, in its QR code too, and a 4-digit
number on the card only) brings any browser back to their own persona, progress and
checklist for ``TAKEHOME_DAYS``; then the persona is removed (``cards_expire``, run
daily by ``manage.py takehome_expire``).

Counted like every secret: a wrong number counts N/5 on the card and locks it; an
unknown code counts per client (accounts/throttle.py). The number is kept as a hash
(``accounts.hashers.make_pin_hash``: Argon2), shown once when the card is made. A
trainer can turn it off for a class; 수업 삭제 removes the cards with the personas.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.hashers import make_pin_hash
from classroom import codes
from classroom.models import SeatPersona, TakeHomeCard
from issuance.ca.revocation import certificates_discard
from portal.refusals import Refused

CODE_LENGTH = 8  # 22⁸ codes: guessed by nobody, typed by anyone
OFF = _("이 수업은 집에서 이어 하기를 쓰지 않습니다. 강사에게 물어보세요.")
UNKNOWN = _("카드 코드를 다시 확인하세요 (%(failures)d/%(threshold)d회).")
TOO_MANY = _("잘못 입력한 횟수가 너무 많습니다. 잠시 후 다시 시도하세요.")
EXPIRED = _("이어 하기 기간(%(days)d일)이 지났습니다. 연습 기록은 지워졌습니다.")
WRONG = _("번호가 맞지 않습니다 (%(failures)d/%(threshold)d회).")
LOCKED = _("번호를 %(threshold)d회 틀려 이 카드는 잠겼습니다. 수업에서 새 카드를 받으세요.")


def normalize(code: str) -> str:
    return codes.normalize(code)


def card_issue(*, persona: SeatPersona) -> tuple[TakeHomeCard, str]:
    """A new card for ``persona`` (the old one, if any, no longer works) and its
    4-digit number, returned once to be shown on the card: only its hash is kept."""
    if not persona.seat.classroom.takehome:
        raise Refused(OFF)
    number = f"{secrets.randbelow(10_000):04d}"
    code = "".join(secrets.choice(codes.ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        TakeHomeCard.objects.filter(persona=persona).delete()
        card = TakeHomeCard.objects.create(
            persona=persona,
            code=code,
            number_hash=make_pin_hash(number),
            expires_at=timezone.now() + timedelta(days=settings.TAKEHOME_DAYS),
        )
    return card, number


def card_resume(*, code: str, number: str, client: throttle.Client) -> SeatPersona:
    """The persona the card ``code`` and its ``number`` bring back, or ``Refused``."""
    threshold = settings.LOCK_THRESHOLDS["takehome"]
    if throttle.attempts(client, "takehome", threshold).locked:
        raise Refused(TOO_MANY, field="code")
    card = (
        TakeHomeCard.objects.select_related("persona__seat__classroom", "persona__customer")
        .filter(code=normalize(code))
        .first()
    )
    if card is None or card.persona.retired_at is not None:
        counted = throttle.attempt_failed(client, "takehome", threshold)
        if counted.locked:
            raise Refused(TOO_MANY, field="code")
        raise Refused(
            UNKNOWN % {"failures": counted.failures, "threshold": threshold}, field="code"
        )
    if not card.persona.seat.classroom.takehome:
        raise Refused(OFF)
    if card.expires_at <= timezone.now():
        raise Refused(EXPIRED % {"days": settings.TAKEHOME_DAYS})
    if card.locked_at is not None:
        raise Refused(LOCKED % {"threshold": threshold}, field="number")
    if not check_password(number.strip(), card.number_hash):
        return _wrong(card, threshold)
    TakeHomeCard.objects.filter(pk=card.pk).update(failure_count=0)
    throttle.attempts_clear(client, "takehome")
    return card.persona


def _wrong(card: TakeHomeCard, threshold: int):
    """One more wrong number on the card; at the threshold it locks (the count and the
    lock are written before the refusal is raised, outside any rolled-back block)."""
    TakeHomeCard.objects.filter(pk=card.pk).update(failure_count=F("failure_count") + 1)
    card.refresh_from_db(fields=["failure_count"])
    if card.failure_count >= threshold:
        TakeHomeCard.objects.filter(pk=card.pk, locked_at=None).update(locked_at=timezone.now())
        raise Refused(LOCKED % {"threshold": threshold}, field="number")
    message = WRONG % {"failures": card.failure_count, "threshold": threshold}
    raise Refused(message, field="number")


def cards_expire(*, now=None) -> int:
    """The personas whose cards ran out are removed (their certificates revoked in one
    CRL, as 수업 삭제 does); how many."""
    expired = TakeHomeCard.objects.filter(expires_at__lte=now or timezone.now())
    customer_ids = list(expired.values_list("persona__customer_id", flat=True))
    if not customer_ids:
        return 0
    certificates_discard(customer_ids=customer_ids)
    with transaction.atomic():
        get_user_model().objects.filter(pk__in=customer_ids).delete()
    return len(customer_ids)
