"""The classroom's writes: classes, seats and their personas, scenarios, messages, resets.

Every learner's persona is built for them alone (``accounts.persona_factory``),
so a lock, a scenario or a 재발급 never reaches another learner. A reset retires a
seat's persona (its trail stays for the results) and gives the seat a new one.
"""

import contextlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import throttle
from accounts.models import BankAccount, SecurityCard, rrn_lookup_hash
from accounts.persona_factory import SITUATIONS, persona_generate
from accounts.rrn import normalize as rrn_normalize
from accounts.services import medium_unlock, persona_apply
from classroom import codes, messages
from classroom.handouts import handout_encrypt
from classroom.models import Classroom, Seat, SeatPersona
from classroom.scenarios import SWITCHES_BY_KEY
from issuance.ca.authority import CaNotInitialized
from issuance.ca.personas import persona_certificates_give
from issuance.ca.renewal import certificate_into_renewal_window
from issuance.ca.revocation import certificates_discard
from issuance.drills.services import drills_launch
from issuance.flow.services import sessions_end, sessions_follow_scenario
from issuance.models import (
    Certificate,
    CertificateCopy,
    CloudDevice,
    Drill,
    Scenario,
    StorageMedium,
)
from portal.refusals import Refused

# --- Classes ----------------------------------------------------------------------------


def classroom_create(
    *,
    trainer,
    name: str,
    situations: list[str] | tuple[str, ...] = ("ready",),
    mode: str = Classroom.Mode.GUIDED,
    scenario_defaults: list[str] | tuple[str, ...] = (),
    stuck_minutes: int = 3,
    stuck_failures: int = 3,
    language: str = "ko",
    keypad: bool = True,
    lesson=None,
) -> Classroom:
    unknown = [s for s in situations if s not in SITUATIONS]
    if unknown or not situations:
        raise ValueError(f"unknown situations: {unknown or situations}")
    if any(key not in SWITCHES_BY_KEY for key in scenario_defaults):
        raise ValueError(f"unknown scenarios: {scenario_defaults}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language: {language}")
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return Classroom.objects.create(
                    trainer=trainer,
                    name=name,
                    code=codes.new_code(),
                    mode=mode,
                    situations=list(situations),
                    scenario_defaults=list(scenario_defaults),
                    stuck_minutes=stuck_minutes,
                    stuck_failures=stuck_failures,
                    lesson=lesson,
                    language=language,
                    keypad=keypad,
                )
        except IntegrityError:
            continue  # the code is taken: draw another
    raise RuntimeError("no free join code")


def classroom_close(*, classroom: Classroom) -> None:
    """Joining ends; the learners already in go on."""
    if classroom.closed_at is None:
        classroom.closed_at = timezone.now()
        classroom.save(update_fields=["closed_at"])


def classroom_end(*, classroom: Classroom) -> None:
    """End of class: closed for joining, every learner's open flow ended (its page says
    the class is over). Results stay."""
    classroom_close(classroom=classroom)
    if classroom.ended_at is None:
        classroom.ended_at = timezone.now()
        classroom.save(update_fields=["ended_at"])
    learners = SeatPersona.objects.current().filter(seat__classroom=classroom)
    sessions_end(
        customer_ids=learners.values_list("customer_id", flat=True),
        reason=messages.FLOWS_ENDED_CLASS_OVER,
    )


def classroom_delete(*, classroom: Classroom) -> None:
    """The class, its seats and every persona its learners held, certificates included."""
    customer_ids = list(
        SeatPersona.objects.filter(seat__classroom=classroom).values_list("customer_id", flat=True)
    )
    scenario_ids = list(classroom.seats.values_list("scenario_id", flat=True))
    certificates_discard(customer_ids=customer_ids)  # one CRL, whatever the class's size
    with transaction.atomic():
        classroom.delete()
        get_user_model().objects.filter(pk__in=customer_ids).delete()
        Scenario.objects.filter(pk__in=[pk for pk in scenario_ids if pk]).delete()


def classroom_takehome(*, classroom: Classroom, on: bool) -> None:
    """집에서 이어 하기 on or off for the class: off, no card is made and none works."""
    Classroom.objects.filter(pk=classroom.pk).update(takehome=on)
    classroom.takehome = on


def classroom_reset(*, classroom: Classroom) -> None:
    """Every learner starts again with a new persona. What is class-wide runs once (the
    open flows end, the seats' scenarios go back to the class's defaults); each seat then
    gets its new persona (its own keys and hashes: the costly part)."""
    seats = list(classroom.seats.select_related("classroom"))
    learners = SeatPersona.objects.current().filter(seat__classroom=classroom)
    sessions_end(
        customer_ids=learners.values_list("customer_id", flat=True),
        reason=messages.FLOWS_ENDED_NEW_PERSONA,
    )
    _scenarios_to_defaults(classroom, [seat.scenario_id for seat in seats])
    for seat in seats:
        _persona_replace(seat)


# --- Seats and their personas -------------------------------------------------------------


def seat_join(*, code: str, display_name: str, client: throttle.Client | None = None) -> Seat:
    """A learner takes a seat: a new seat number, a fresh persona, its own scenario.

    Wrong codes are counted per ``client`` (the browser and its address, as 아이디 조회's
    misses are): at ``LOCK_THRESHOLDS["join_code"]`` it waits ``THROTTLE_MINUTES``.
    """
    code = codes.normalize(code)
    display_name = display_name.strip()
    if not codes.is_well_formed(code):
        raise Refused(messages.CODE_MALFORMED, field="code")
    threshold = settings.LOCK_THRESHOLDS["join_code"]
    if client is not None and throttle.attempts(client, "join-code", threshold).locked:
        raise Refused(_code_tries_exhausted(threshold), field="code")  # without looking
    classroom = Classroom.objects.filter(code=code).first() if codes.could_exist(code) else None
    if classroom is None:
        if client is None:
            raise Refused(messages.CODE_UNKNOWN, field="code")
        counted = throttle.attempt_failed(client, "join-code", threshold)
        if counted.locked:
            raise Refused(_code_tries_exhausted(threshold), field="code")
        raise Refused(
            messages.CODE_UNKNOWN_COUNTED % {"failures": counted.failures, "threshold": threshold},
            field="code",
        )
    if client is not None:
        throttle.attempts_clear(client, "join-code")
    if classroom.has_ended:
        raise Refused(messages.CLASS_ENDED, field="code")
    if not classroom.is_open:
        raise Refused(messages.CLASS_CLOSED, field="code")
    if not display_name:
        raise Refused(messages.NAME_REQUIRED, field="display_name")
    with transaction.atomic():
        # One join at a time per class, so two learners never take the same number.
        locked = Classroom.objects.select_for_update().get(pk=classroom.pk)
        count = locked.seats.count()
        if count >= settings.CLASS_MAX_SEATS:
            raise Refused(messages.CLASS_FULL, field="code")
        number = (locked.seats.aggregate(n=Max("number"))["n"] or 0) + 1
        situation = locked.situations[count % len(locked.situations)]
        scenario = Scenario.objects.create(
            name=_("수업 %(code)s · %(number)d번") % {"code": locked.code, "number": number}
        )
        for key in locked.scenario_defaults:
            SWITCHES_BY_KEY[key].set(scenario, True)
        scenario.save()
        seat = Seat.objects.create(
            classroom=locked,
            number=number,
            display_name=display_name[:40],
            situation=situation,
            scenario=scenario,
        )
    try:
        _persona_create(seat)
    except Exception:
        seat.delete()
        scenario.delete()
        raise
    return seat


def _code_tries_exhausted(threshold: int) -> str:
    return messages.CODE_TRIES_EXHAUSTED % {
        "threshold": threshold,
        "minutes": settings.THROTTLE_MINUTES,
    }


def _taken(kind: str, value: str) -> bool:
    customers = get_user_model().objects
    if kind == "user_id":
        return customers.filter(user_id=value).exists()
    if kind == "rrn":
        return customers.filter(rrn_hash=rrn_lookup_hash(rrn_normalize(value))).exists()
    if kind == "account":
        return BankAccount.objects.filter(number=value).exists()
    if kind == "card":
        return SecurityCard.objects.filter(serial=value).exists()
    return False


def _persona_prepare(seat: Seat):
    """A fresh persona's customer (and certificate) and its encrypted handout: the
    costly part (Argon2, RSA), done before any seat changes hands."""
    persona = persona_generate(seat.situation, taken=_taken)
    customer = persona_apply(persona=persona)
    if seat.scenario_id:
        customer.scenarios.add(seat.scenario_id)
    # No CA yet (init_ca): the learner starts without the certificates.
    with contextlib.suppress(CaNotInitialized):
        persona_certificates_give(customer=customer, persona=persona)
    return customer, handout_encrypt(persona)


def _persona_create(seat: Seat) -> SeatPersona:
    customer, blob = _persona_prepare(seat)
    return SeatPersona.objects.create(seat=seat, customer=customer, handout_encrypted=blob)


def seat_reset(*, seat: Seat) -> SeatPersona:
    """A new persona for the seat; the old one retires (its trail stays for the results),
    its flows end, and the seat's scenario goes back to the class's defaults.

    The new persona is made first; then, in one transaction, the old one retires and
    the new one takes the seat. A request of the learner's browser (the phone polls
    every 2 s) finds either persona, never a seat without one.
    """
    current = SeatPersona.objects.current().filter(seat=seat).first()
    if current is not None:
        sessions_end(customer_ids=[current.customer_id], reason=messages.FLOWS_ENDED_NEW_PERSONA)
    _scenarios_to_defaults(seat.classroom, [seat.scenario_id])
    return _persona_replace(seat)


def _scenarios_to_defaults(classroom: Classroom, scenario_ids) -> None:
    """The seats' scenarios back to what the class starts with (one UPDATE)."""
    changes = {"password_forgotten_before": None, "cloud_reset_at": None}
    for switch in SWITCHES_BY_KEY.values():
        changes.update(switch.changes(switch.key in classroom.scenario_defaults))
    Scenario.objects.filter(pk__in=[pk for pk in scenario_ids if pk]).update(**changes)


def _persona_replace(seat: Seat) -> SeatPersona:
    """The new persona is made first; then, in one transaction, the old one retires and
    the new one takes the seat (a poll of the learner's browser finds either persona,
    never a seat without one)."""
    customer, blob = _persona_prepare(seat)
    with transaction.atomic():
        current = SeatPersona.objects.current().filter(seat=seat).first()
        if current is not None:
            SeatPersona.objects.filter(pk=current.pk).update(retired_at=timezone.now())
            get_user_model().objects.filter(pk=current.customer_id).update(is_active=False)
        new = SeatPersona.objects.create(seat=seat, customer=customer, handout_encrypted=blob)
        Seat.objects.filter(pk=seat.pk).update(message="", message_sent_at=None)
    return new


def scenario_switch(*, seats, key: str, on: bool) -> int:
    """Turn a one-click scenario on or off for these seats, from their next step: the
    seats' scenarios in one UPDATE, their learners' unfinished flows in another."""
    seats = list(seats)
    scenario_ids = [seat.scenario_id for seat in seats if seat.scenario_id]
    changed = Scenario.objects.filter(pk__in=scenario_ids).update(
        **SWITCHES_BY_KEY[key].changes(on)
    )
    learners = SeatPersona.objects.current().filter(seat__in=[seat.pk for seat in seats])
    sessions_follow_scenario(customer_ids=learners.values_list("customer_id", flat=True))
    return changed


def password_forget(*, seats) -> int:
    """The learners "forget" their certificate password: certificates saved until now no
    longer open, so they must 재발급."""
    now = timezone.now()
    ids = [seat.scenario_id for seat in seats if seat.scenario_id]
    return Scenario.objects.filter(pk__in=ids).update(password_forgotten_before=now)


def cloud_devices_reset(*, seats) -> int:
    """ "새 기기에서 금융인증서": the learners' browsers are no longer connected to their
    cloud (자동연결 too), so the next use asks 이름·휴대폰·생년월일 and the SMS again."""
    now = timezone.now()
    seats = list(seats)
    ids = [seat.scenario_id for seat in seats if seat.scenario_id]
    learners = SeatPersona.objects.current().filter(seat__in=[seat.pk for seat in seats])
    CloudDevice.objects.filter(customer_id__in=learners.values("customer_id")).delete()
    return Scenario.objects.filter(pk__in=ids).update(cloud_reset_at=now)


def drill_launch(*, seats, drill: Drill, when: str = "now", at_step: str = "") -> int:
    """금융사기 예방 연습 for these seats' learners: now, at a random moment in the next
    ``DRILL_RANDOM_MINUTES`` ("soon"), or when their flow reaches ``at_step`` ("step");
    each learner gets it once (one already waiting for it is not given it twice)."""
    learners = SeatPersona.objects.current().filter(seat__in=[seat.pk for seat in seats])
    return drills_launch(
        drill=drill,
        customer_ids=list(learners.values_list("customer_id", flat=True)),
        within_minutes=settings.DRILL_RANDOM_MINUTES if when == "soon" else 0,
        at_step=at_step if when == "step" else "",
    )


def seat_into_renewal_window(*, seat: Seat) -> int:
    """The learner's valid certificates expire in 20 days: 갱신 can be practised now."""
    current = SeatPersona.objects.current().filter(seat=seat).first()
    if current is None:
        return 0
    moved = 0
    for certificate in Certificate.objects.valid().filter(customer_id=current.customer_id):
        certificate_into_renewal_window(certificate=certificate)
        moved += 1
    return moved


def message_send(*, seat: Seat, text: str) -> None:
    """A hint or a free-text message from the trainer, shown on the learner's page."""
    Seat.objects.filter(pk=seat.pk).update(
        message=text.strip()[:300], message_sent_at=timezone.now()
    )


def message_dismiss(*, seat: Seat) -> None:
    Seat.objects.filter(pk=seat.pk).update(message="", message_sent_at=None)


def seat_unlock(*, seat: Seat) -> int:
    """오류 해제 for everything the seat's persona can lock (login, accounts, card, app,
    certificate copies, 보안토큰), but a 금융인증서: after 5 wrong PINs only 재발급 helps."""
    current = SeatPersona.objects.current().filter(seat=seat).first()
    if current is None:
        return 0
    customer = current.customer
    media = [customer, *customer.accounts.all()]
    media += [m for m in (getattr(customer, "security_card", None),) if m]
    media += [m for m in (getattr(customer, "mobile_authenticator", None),) if m]
    media += [m for m in (getattr(customer, "security_token", None),) if m]
    copies = CertificateCopy.objects.filter(certificate__customer=customer)
    media += list(copies.exclude(medium=StorageMedium.CLOUD))
    media += list(customer.check_counters.all())  # 사용자 확인, ARS
    for medium in media:
        medium_unlock(medium=medium)
    return len(media)


def seat_keypad_shuffled(seat_id: int) -> None:
    """One more 재배열 on the seat's 보안 키패드: a sign the learner struggles."""
    Seat.objects.filter(pk=seat_id).update(
        keypad_shuffles=F("keypad_shuffles") + 1, keypad_shuffled_at=timezone.now()
    )
