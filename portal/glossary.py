"""용어 사전 (glossary): the Korean words a learner meets on a real bank's pages, with their
romanisation (Revised Romanisation of Korean), their meaning in the learner's language, and
where on the page they appear. The Korean and the romanisation are data (the same in every
language); the meaning is English here and Vietnamese and Chinese in glossary_meanings.json;
"where" is interface text. The screen terms (terms.json) head the page: how each key term
is written on screen in the four languages."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

HERE = Path(__file__).resolve().parent


@cache
def meanings() -> dict[str, dict[str, str]]:
    """Korean → {"vi": …, "zh-hans": …}: a term's meaning in the other languages."""
    return json.loads((HERE / "glossary_meanings.json").read_text(encoding="utf-8"))


@cache
def screen_terms() -> list[dict]:
    """The screen terms: {"ko", "en", "vi", "zh-hans", "checked"} each (docs/I18N.md)."""
    return json.loads((HERE / "terms.json").read_text(encoding="utf-8"))["terms"]


@dataclass(frozen=True)
class Term:
    korean: str
    romanised: str
    english: str
    where: str

    def meaning(self, language: str) -> str:
        """In ``language`` (ko, en, vi, zh-hans); English on a Korean or English page."""
        return meanings().get(self.korean, {}).get(language) or self.english


@dataclass(frozen=True)
class Section:
    title: str
    terms: tuple[Term, ...]


GLOSSARY: tuple[Section, ...] = (
    Section(
        _("인증서"),
        (
            Term(
                "공동인증서",
                "gongdong injeungseo",
                "joint certificate",
                _("인증센터 메뉴, 모든 발급 화면"),
            ),
            Term(
                "금융인증서",
                "geumyung injeungseo",
                "financial certificate (kept in the KFTC cloud, 6-digit PIN, 3 years)",
                _("인증센터 메뉴, 인증서 로그인·전자서명의 첫 번째 탭"),
            ),
            Term(
                "클라우드 연결",
                "keullaudeu yeongyeol",
                "cloud connection (a device proves it is yours by SMS)",
                _("금융인증서 발급, 새 기기에서 처음 쓸 때"),
            ),
            Term(
                "자동연결",
                "jadong yeongyeol",
                "automatic connection (this device skips the SMS next time)",
                _("금융인증서 발급 완료, 클라우드 연결 화면"),
            ),
            Term(
                "금융결제원",
                "geumyung gyeoljewon",
                "KFTC, the Korea Financial Telecommunications and Clearings Institute",
                _("금융인증서 약관, 발급자, 문자 발신"),
            ),
            Term(
                "공인인증서",
                "gongin injeungseo",
                "accredited certificate (the old name, until 2020)",
                _("오래된 안내문, 다른 은행의 메뉴"),
            ),
            Term("인증센터", "injeung senteo", "certificate centre", _("은행 홈페이지 맨 위 메뉴")),
            Term("발급", "balgeup", "issue", _("공동인증서 발급/재발급 메뉴")),
            Term(
                "재발급",
                "jaebalgeup",
                "reissue (a new certificate replacing one you have)",
                _("공동인증서 발급/재발급 메뉴"),
            ),
            Term("갱신", "gaengsin", "renew (before it expires)", _("인증서 갱신 메뉴, 만료 안내")),
            Term("폐지", "pyeji", "revoke", _("인증서 관리 화면")),
            Term(
                "인증서 암호",
                "injeungseo amho",
                "certificate password",
                _("저장 단계, 인증서 선택창"),
            ),
            Term(
                "인증서 선택창",
                "injeungseo seontaekchang",
                "certificate selection window",
                _("인증서 로그인, 이체 서명"),
            ),
            Term(
                "저장매체", "jeojang maeche", "storage medium", _("저장 단계, 인증서 선택창 위쪽")
            ),
            Term("하드디스크", "hadeu diseukeu", "hard disk", _("저장매체 선택")),
            Term(
                "이동식디스크",
                "idongsik diseukeu",
                "removable disk (USB drive)",
                _("저장매체 선택"),
            ),
            Term(
                "용도",
                "yongdo",
                "purpose (bank use or all-purpose)",
                _("약관 동의 후 인증서 종류 선택"),
            ),
            Term(
                "은행·신용카드·보험용",
                "eunhaeng sinyongkadeu boheomyong",
                "for banking, credit cards and insurance (free)",
                _("인증서 종류 선택"),
            ),
            Term(
                "전자거래범용",
                "jeonja georae beomyong",
                "all-purpose e-commerce (paid)",
                _("인증서 종류 선택"),
            ),
            Term("만료일", "mallyoil", "expiry date", _("인증서 선택창, 인증서 관리")),
            Term(
                "타기관 인증서 등록",
                "tagigwan injeungseo deungnok",
                "register a certificate from another bank",
                _("인증센터 메뉴"),
            ),
            Term(
                "인증서 복사",
                "injeungseo boksa",
                "copy a certificate (PC ↔ smartphone)",
                _("스마트폰 인증서 복사 메뉴"),
            ),
        ),
    ),
    Section(
        _("본인 확인"),
        (
            Term("사용자 ID", "sayongja aidi", "user ID", _("발급 첫 단계, 로그인")),
            Term(
                "주민등록번호",
                "jumin deungnok beonho",
                "resident registration number (외국인등록번호 for foreign residents)",
                _("발급 첫 단계 (앞 6자리, 뒤 7자리)"),
            ),
            Term(
                "외국인등록번호",
                "oegugin deungnok beonho",
                "alien registration number",
                _("외국인 고객의 본인 확인"),
            ),
            Term("본인 확인", "bonin hwagin", "identity check", _("발급 첫 단계")),
            Term(
                "추가인증",
                "chuga injeung",
                "additional authentication",
                _("ARS 단계 (해외 IP, 새 기기)"),
            ),
            Term(
                "ARS 인증",
                "ei-al-eseu injeung",
                "automated phone call authentication",
                _("ARS 단계: 휴대전화로 전화가 옵니다"),
            ),
            Term("계좌번호", "gyejwa beonho", "account number", _("보안매체 단계, 이체")),
            Term(
                "계좌비밀번호",
                "gyejwa bimilbeonho",
                "account PIN (4 digits)",
                _("보안매체 단계, 이체"),
            ),
            Term(
                "보안카드",
                "boan kadeu",
                "security card (a card of numbered codes)",
                _("보안매체 단계, 이체"),
            ),
            Term(
                "보안매체", "boan maeche", "security medium (보안카드 or OTP)", _("보안매체 단계")
            ),
            Term(
                "모바일 인증",
                "mobail injeung",
                "mobile authentication (push approval in the bank app)",
                _("푸시 승인 단계"),
            ),
            Term(
                "인증 PIN",
                "injeung pin",
                "authentication PIN (6 digits, in the bank app)",
                _("휴대전화의 은행 앱"),
            ),
            Term(
                "오류 횟수 초과",
                "oryu hoetsu chogwa",
                "too many wrong attempts (locked)",
                _("비밀번호나 PIN을 여러 번 틀렸을 때"),
            ),
        ),
    ),
    Section(
        _("은행 화면"),
        (
            Term("인터넷뱅킹", "inteonet baengking", "internet banking", _("은행 홈페이지")),
            Term("조회", "johoe", "inquiry (balances, history)", _("개인 메뉴")),
            Term("이체", "iche", "transfer", _("개인 메뉴")),
            Term("거래내역", "georae naeyeok", "transaction history", _("조회 화면")),
            Term(
                "보안프로그램",
                "boan peurogeuraem",
                "security program (keyboard protection etc.)",
                _("발급 전 설치 화면"),
            ),
            Term("약관 동의", "yakgwan dongui", "agree to the terms", _("발급 두 번째 단계")),
            Term("다음", "daeum", "next", _("모든 단계의 버튼")),
            Term("이전", "ijeon", "previous", _("모든 단계의 버튼")),
            Term("확인", "hwagin", "confirm / OK", _("버튼, 인증서 선택창")),
            Term("취소", "chwiso", "cancel", _("버튼, 인증서 선택창")),
            Term("닫기", "datgi", "close", _("창과 안내의 버튼")),
            Term("동의", "dongui", "agree", _("약관 화면의 버튼")),
            Term(
                "자동 로그아웃",
                "jadong logeuaut",
                "automatic logout (after some minutes idle)",
                _("화면 위쪽 시간 표시"),
            ),
            Term("연장", "yeonjang", "extend (the time before logout)", _("자동 로그아웃 옆 버튼")),
        ),
    ),
)
