"""The flow's clock as a learner in 쉬운 화면 meets it (고령자 지침: a time limit shows the
time left and gives more, docs/EASY.md).

A flow started in 쉬운 화면 keeps ``time_factor`` = settings.EASY_VIEW_TIME_FACTOR: its
session, ARS and push clocks run that many times longer (``limits`` multiplies them).
"시간 더 주기" adds settings.FLOW_EXTEND_MINUTES to the session, at most
FLOW_EXTEND_LIMIT times, never to a flow that already expired or ended.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issuance.flow.machine import FINAL, is_expired, is_finished, record
from issuance.models import IssuanceEvent, IssuanceSession
from portal.refusals import Refused

TIME_OVER = _("이미 시간이 지났습니다. 처음부터 다시 시작하세요.")
NO_MORE_TIME = _("시간은 더 늘릴 수 없습니다. 화면의 남은 시간 안에 진행하세요.")
TIME_EXTENDED = _("시간을 더 드렸습니다.")


def time_factor(easy_view: bool) -> int:
    """How many times longer a new flow's clocks run (쉬운 화면: the setting; else 1)."""
    return max(settings.EASY_VIEW_TIME_FACTOR, 1) if easy_view else 1


def extensions_left(session: IssuanceSession) -> int:
    return max(settings.FLOW_EXTEND_LIMIT - session.time_extensions, 0)


def session_extend(*, session: IssuanceSession) -> None:
    """시간 더 주기: FLOW_EXTEND_MINUTES more for ``session`` (one atomic update, so two
    clicks cannot both pass the limit); ``Refused`` once it expired, ended, or used up
    its extensions. ``session`` is refreshed with its new deadline."""
    if is_finished(session) or is_expired(session):
        raise Refused(TIME_OVER, code="expired")
    now = timezone.now()
    with transaction.atomic():
        extended = (
            IssuanceSession.objects.filter(
                pk=session.pk,
                expires_at__gt=now,
                time_extensions__lt=settings.FLOW_EXTEND_LIMIT,
            )
            .exclude(status__in=FINAL)
            .update(
                expires_at=F("expires_at") + timedelta(minutes=settings.FLOW_EXTEND_MINUTES),
                time_extensions=F("time_extensions") + 1,
            )
        )
        if extended:
            record(session, session.status, IssuanceEvent.Result.INFO, TIME_EXTENDED)
    session.refresh_from_db(fields=["expires_at", "time_extensions", "status"])
    if not extended:
        if is_finished(session) or is_expired(session):
            raise Refused(TIME_OVER, code="expired")
        raise Refused(NO_MORE_TIME, code="limit")
