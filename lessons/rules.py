"""How a task is checked: from the events the learner really produced, never a tick box.

Each rule answers one question for a set of customers in one query ("which of these
customers did it?"), so a class's grid costs one query per rule whatever its size. The
events are the site's own records: the flow's trail (``IssuanceEvent``), the centre's
(``CenterEvent``), certificates, transfers, the phone's copy requests and scam-drill runs.
A rule never reads an event's message (it is stored in the learner's language): only
steps, actions, results and rows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Customer
from issuance.choices import CertificateProduct
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateAuthority,
    DrillRun,
    IssuanceEvent,
    IssuanceSession,
    IssuanceStep,
    PhoneRequest,
    Transfer,
)

Step = IssuanceStep
OK = IssuanceEvent.Result.OK
Action = CenterEvent.Action
FINANCE_CA = CertificateAuthority.Role.FINANCE
TRANSFER_AMOUNT = 10_000  # 10,000원 전자서명 이체


@dataclass(frozen=True)
class Rule:
    key: str
    label: Promise
    done: Callable[[list[int]], Iterable[int]]  # the customers among these who did it


def _passed(step: str) -> Q:
    """The line that says ``step`` passed, where it is not a line of that step: the 저장
    위치·인증서 암호 step passes with the issuance (``storage_submit`` records 발급 완료, of
    a 공동인증서: the 금융인증서 has no such step); the 발급 전 확인 of a learner not logged
    in is checked at 사용자 확인 (``user_identify``), so a flow stopped there before any
    사용자 확인 passed (no account, no membership, no medium; or locked) has not passed it."""
    if step == Step.STORAGE:
        return Q(step=Step.COMPLETED, session__product=CertificateProduct.JOINT)
    if step == Step.PREREQUISITES:
        identified = IssuanceEvent.objects.filter(
            session=OuterRef("session"), step=Step.IDENTIFY, result=OK
        )
        return Q(step=step) & (~Q(session__status=Step.STOPPED) | Q(Exists(identified)))
    return Q(step=step)


def _step_ok(step: str):
    def done(ids):
        return IssuanceEvent.objects.filter(
            _passed(step), session__customer_id__in=ids, result=OK
        ).values_list("session__customer_id", flat=True)

    return done


def _center_ok(*actions: str, joint_only: bool = False):
    """The centre's work done (ok); ``joint_only``: not on a 금융인증서 (its PIN change
    and 갱신 are the same actions, on its own certificate)."""

    def done(ids):
        events = CenterEvent.objects.filter(
            customer_id__in=ids, action__in=actions, result=CenterEvent.Result.OK
        )
        if joint_only:
            events = events.exclude(certificate__issuer__role=FINANCE_CA)
        return events.values_list("customer_id", flat=True)

    return done


def _issued(*, finance: bool, reissue: bool = False):
    """Issued through the learner's own flow: a persona's starting certificate has no
    session, nor has a renewal or the trainer's move into the renewal window (they
    replace one too, but they are not a 재발급)."""

    def done(ids):
        certificates = Certificate.objects.filter(
            customer_id__in=ids, issuance_session__isnull=False
        )
        if finance:
            certificates = certificates.filter(issuer__role=FINANCE_CA)
        else:
            certificates = certificates.exclude(issuer__role=FINANCE_CA)
        if reissue:  # 재발급: it replaced a certificate of the learner's
            certificates = certificates.filter(replaces__isnull=False)
        return certificates.values_list("customer_id", flat=True)

    return done


def _login(*, finance: bool):
    def done(ids):
        logins = CenterEvent.objects.filter(
            customer_id__in=ids, action=Action.LOGIN, result=CenterEvent.Result.OK
        )
        finance_used = Q(certificate__issuer__role=FINANCE_CA)
        logins = logins.filter(finance_used) if finance else logins.exclude(finance_used)
        return logins.values_list("customer_id", flat=True)

    return done


def _signed_transfer(ids):
    return Transfer.objects.filter(
        customer_id__in=ids, state=Transfer.State.DONE, amount=TRANSFER_AMOUNT
    ).values_list("customer_id", flat=True)


def _phone_copy(ids):
    """PC → 스마트폰 done: the phone's 인증번호 typed on the PC with the certificate password
    (the request ends "done" with the copy). The 인증서 선택창's 인증서 복사 onto another
    drive of the PC is a ``COPY`` on the trail as well, but not to a phone."""
    return PhoneRequest.objects.filter(
        customer_id__in=ids, kind=PhoneRequest.Kind.COPY_TO_PHONE, state=PhoneRequest.State.DONE
    ).values_list("customer_id", flat=True)


def _drill_refused(ids):
    safe = (DrillRun.State.REFUSED, DrillRun.State.REPORTED)
    return DrillRun.objects.filter(customer_id__in=ids, state__in=safe).values_list(
        "customer_id", flat=True
    )


def _recovered(step: str, failed: Q):
    """A failure at ``step`` (``failed``), then the same step passed later: the learner
    met the seeded trouble and got through it (in that flow or a new one)."""

    def done(ids):
        events = IssuanceEvent.objects.filter(session__customer_id=OuterRef("pk"), step=step)
        first_failure = events.filter(failed).order_by().values("session__customer_id")
        last_pass = events.filter(result=OK).order_by().values("session__customer_id")
        return (
            Customer.objects.filter(pk__in=ids)
            .annotate(
                failed_at=first_failure.annotate(at=Min("created_at")).values("at")[:1],
                passed_at=last_pass.annotate(at=Max("created_at")).values("at")[:1],
            )
            .filter(failed_at__lt=F("passed_at"))
            .values_list("pk", flat=True)
        )

    return done


def _app_updated(ids):
    """The banking app updated inside a flow (the outdated-app situation), then approved."""
    approved = IssuanceEvent.objects.filter(session=OuterRef("pk"), step=Step.PUSH, result=OK)
    return (
        IssuanceSession.objects.filter(customer_id__in=ids)
        .exclude(app_version="")
        .filter(Exists(approved))
        .values_list("customer_id", flat=True)
    )


def _lock_recovered(ids):
    """The 계좌비밀번호 or the 보안카드 locked at the 보안매체 step, then the step passed
    later (in that flow or a new one): the learner asked for 오류 해제 and went on.

    A lock at the step does not stop the flow (the step has no edge to 중단): it is a
    flow with as many wrong tries there as lock a medium (the flow's scenario's threshold,
    else the lower of the two media's), or with a try refused because it was locked."""
    failed, refused = IssuanceEvent.Result.FAILED, IssuanceEvent.Result.REFUSED
    lock_at = min(
        settings.LOCK_THRESHOLDS["account_pin"], settings.LOCK_THRESHOLDS["security_card"]
    )
    threshold = Coalesce("session__scenario__lock_threshold", Value(lock_at))
    locked = (  # per flow: its wrong tries and refusals at the step, and the last one's time
        IssuanceEvent.objects.filter(
            session__customer_id=OuterRef("pk"), step=Step.MEDIUM, result__in=(failed, refused)
        )
        .order_by()
        .values("session_id", "session__scenario__lock_threshold")
        .annotate(
            wrong=Count("pk", filter=Q(result=failed)),
            refused=Count("pk", filter=Q(result=refused)),
            stuck_at=Max("created_at"),
        )
        .filter(Q(refused__gt=0) | Q(wrong__gte=threshold))
        .order_by("stuck_at")
        .values("stuck_at")
    )
    passed = IssuanceEvent.objects.filter(
        session__customer_id=OuterRef("pk"), step=Step.MEDIUM, result=OK
    )
    return (
        Customer.objects.filter(pk__in=ids)
        .annotate(
            stuck_at=locked[:1],
            passed_at=passed.order_by()
            .values("session__customer_id")
            .annotate(at=Max("created_at"))
            .values("at")[:1],
        )
        .filter(stuck_at__lt=F("passed_at"))
        .values_list("pk", flat=True)
    )


INSTALL_FAILED = Q(result=IssuanceEvent.Result.FAILED)

RULES = {
    rule.key: rule
    for rule in (
        Rule("joint_issued", _("공동인증서를 발급받았다"), _issued(finance=False)),
        Rule("joint_login", _("공동인증서로 인증서 로그인을 했다"), _login(finance=False)),
        Rule(
            "transfer_signed",
            _("10,000원을 전자서명 이체했다"),
            _signed_transfer,
        ),
        Rule(
            "password_changed",
            _("인증서 암호를 변경했다"),
            _center_ok(Action.PASSWORD, joint_only=True),
        ),
        Rule("renewed", _("인증서를 갱신했다"), _center_ok(Action.RENEW, joint_only=True)),
        Rule("phone_copy", _("스마트폰으로 인증서를 복사했다"), _phone_copy),
        Rule("reissued", _("인증서를 재발급받았다"), _issued(finance=False, reissue=True)),
        Rule("finance_issued", _("금융인증서를 발급받았다"), _issued(finance=True)),
        Rule("finance_login", _("금융인증서로 로그인했다"), _login(finance=True)),
        Rule("drill_refused", _("금융사기 연습에서 거절하거나 신고했다"), _drill_refused),
        Rule(
            "recovered_install",
            _("설치 오류 뒤 다시 설치해 통과했다"),
            _recovered(Step.INSTALL, INSTALL_FAILED),
        ),
        Rule("recovered_app", _("구버전 앱을 업데이트하고 승인했다"), _app_updated),
        Rule(
            "recovered_lock",
            _("잠긴 보안매체를 오류 해제받고 통과했다"),
            _lock_recovered,
        ),
        Rule(
            "managed",
            _("인증서 관리 업무를 했다"),
            _center_ok(
                *[
                    Action.PASSWORD,
                    Action.RENEW,
                    Action.COPY,
                    Action.EXPORT,
                    Action.REVOKE,
                ]
            ),
        ),
        *(
            Rule(f"step_{step}", step.label, _step_ok(step))
            for step in (
                Step.PREREQUISITES,
                Step.INSTALL,
                Step.IDENTIFY,
                Step.TERMS,
                Step.PUSH,
                Step.STORAGE,
            )
        ),
    )
}


def done_by(rule_keys: Iterable[str], customer_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each customer, which of ``rule_keys`` they did: one query per rule."""
    ids = list(customer_ids)
    done: dict[int, set[str]] = {pk: set() for pk in ids}
    if not ids:
        return done
    for key in dict.fromkeys(rule_keys):
        for customer_id in set(RULES[key].done(ids)):
            done.setdefault(customer_id, set()).add(key)
    return done
