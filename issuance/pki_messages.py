"""What the learner is told of what ``issuance.pki`` reports by code: the certificate
password rules (인증서 암호 규칙), key-file errors and the certificate policies' names.

``issuance.pki`` knows no Django and no language; every area (the CA, the issuance
flow, the certificate centre) says these through here, so each says them alike.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from issuance import pki
from issuance.pki.password_rules import MIN_LENGTH


def password_rule_messages() -> dict[str, str]:
    """Every password rule's code and message, in the order ``pki.PASSWORD_RULES`` reports
    them (the rule list beside the password field; the live check ticks them)."""
    messages = {
        "too_short": gettext("%(n)d자 이상 입력해야 합니다.") % {"n": MIN_LENGTH},
        "no_letter": gettext("영문자를 1자 이상 포함해야 합니다."),
        "no_digit": gettext("숫자를 1자 이상 포함해야 합니다."),
        "no_special": gettext("특수문자를 1자 이상 포함해야 합니다."),
        "forbidden_character": gettext(
            "따옴표(' \" ‘ ’ “ ”), 역슬래시(\\), 세로선(|)은 사용할 수 없습니다."
        ),
        "sequential": gettext(
            "연속된 숫자나 영문자를 3자 이상 사용할 수 없습니다 (예: 123, abc, 321, cba)."
        ),
        "repeated": gettext("같은 문자를 3번 이상 연속해서 사용할 수 없습니다 (예: 111, aaa)."),
        "not_ascii": gettext(
            "한글 등 영문 자판에 없는 문자는 사용할 수 없습니다 (한/영 키를 확인하세요)."
        ),
    }
    return {code: messages[code] for code in pki.PASSWORD_RULES}


def password_problems_message(codes: list[str]) -> str:
    """The broken rules (``pki.password_problems``), all in one error message."""
    messages = password_rule_messages()
    return " ".join(messages[code] for code in codes)


def pin_rule_messages() -> dict[str, str]:
    """The 금융인증서 PIN rules (``pki.pin_rules.RULES``), each in one sentence."""
    return {
        "length": _("금융인증서 비밀번호는 숫자 6자리입니다."),
        "repeated": _("같은 숫자를 3번 이상 연속해서 쓸 수 없습니다 (예: 111)."),
        "sequential": _("연속된 숫자를 3자리 이상 쓸 수 없습니다 (예: 123, 987)."),
        "birth_date": _("생년월일은 비밀번호로 쓸 수 없습니다."),
    }


def pin_problems_message(codes: list[str]) -> str:
    """The broken PIN rules (``pki.pin_rules.pin_problems``), all in one error message."""
    messages = pin_rule_messages()
    return " ".join(str(messages[code]) for code in codes)


# --- 개인키 파일 ------------------------------------------------------------------------------
PKI_ERRORS = {
    "wrong_password": _("인증서 암호가 올바르지 않습니다."),
    "damaged_key_file": _("인증서 파일이 손상되었거나 올바른 개인키 파일이 아닙니다."),
}
PKI_ERROR = _("인증서를 처리하는 중 오류가 발생했습니다.")


def pki_error_message(error: pki.PkiError) -> str:
    """What to tell the learner of a ``pki.PkiError``, by its code."""
    return str(PKI_ERRORS.get(error.code, PKI_ERROR))


# --- 인증서 종류 (정책) -------------------------------------------------------------------------
POLICY_LABELS = {
    "bank": _("은행·신용카드·보험용"),
    "universal": _("전자거래범용"),
    "finance": _("금융인증서"),
}


def policy_label(policy: pki.CertificatePolicy) -> str:
    """The name users know a certificate policy by."""
    return str(POLICY_LABELS[policy.cert_type])


def policies_shown() -> dict[str, dict[str, str]]:
    """Every policy as a page lists it: its name and OID, by certificate type."""
    return {
        key: {"cert_type": key, "label": policy_label(policy), "oid": policy.oid}
        for key, policy in pki.POLICIES.items()
    }
