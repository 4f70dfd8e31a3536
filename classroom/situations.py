"""The situations a class assigns to its seats: the fixed personas' (accounts/personas.py),
each with the short name a trainer picks it by."""

from django.utils.translation import gettext_lazy as _

from accounts.persona_factory import SITUATIONS

LABELS = {
    "ready": _("발급 준비 완료"),
    "no-account": _("계좌 없음"),
    "not-member": _("인터넷뱅킹 미가입"),
    "no-medium": _("보안매체 없음"),
    "outdated-app": _("모바일 앱 구버전"),
    "several-accounts": _("계좌 여러 개"),
    "has-certificate": _("인증서 보유 (재발급 연습)"),
    "expiring-certificate": _("인증서 만료 임박 (갱신 연습)"),
    "other-bank-certificate": _("타행 인증서 보유 (타기관 인증서 등록 연습)"),
    "foreign-resident": _("외국인 주민: 베트남 (외국인등록번호로 발급)"),
    "foreign-resident-zh": _("외국인 주민: 중국 (외국인등록번호로 발급)"),
    "finance-practice": _("금융인증서 발급 연습"),
    "finance-pin-lost": _("금융인증서 보유 (비밀번호 분실)"),
    "finance-expiring": _("금융인증서 만료 임박 (갱신 연습)"),
}

CHOICES = [(key, LABELS[key]) for key in SITUATIONS]
DEFAULT = ("ready",)


def label(key: str) -> str:
    return LABELS.get(key, key)
