"""The fixed persona set: fictitious customers, one per situation of PRODUCT.md.

Every value here is made up. The 주민등록번호 deliberately fail the legacy check
digit (a test asserts it), so none can be a real person's. The data is fixed so
that a trainer's printed handout (``manage.py personas``) stays true after any
reset; the codes of each 보안카드 are derived from the persona's key.
"""

import hashlib
from dataclasses import dataclass

from accounts.rrn import is_foreign_registration_number


@dataclass(frozen=True)
class AccountSpec:
    number: str
    product_name: str
    balance: int
    pin: str
    internet_banking_registered: bool = True


@dataclass(frozen=True)
class SecurityCardSpec:
    serial: str
    # A generated persona's card carries random codes; a fixed persona's are derived.
    random_codes: tuple[str, ...] | None = None

    def codes(self) -> list[str]:
        """35 four-digit codes: the card's own, or the same every time for this serial."""
        if self.random_codes is not None:
            return list(self.random_codes)
        digest = b""
        counter = 0
        while len(digest) < 35 * 2:
            digest += hashlib.sha256(f"persona-card:{self.serial}:{counter}".encode()).digest()
            counter += 1
        return [f"{int.from_bytes(digest[i * 2 : i * 2 + 2]) % 10_000:04d}" for i in range(35)]


@dataclass(frozen=True)
class MobileAppSpec:
    device_label: str
    installed_version: str
    pin: str


@dataclass(frozen=True)
class Persona:
    key: str
    situation: str  # what a trainer uses this persona for (Korean)
    user_id: str
    password: str
    name: str
    name_en: str
    rrn: str
    phones: tuple[str, ...]
    member_since: str | None  # ISO date of the internet-banking membership
    accounts: tuple[AccountSpec, ...] = ()
    security_card: SecurityCardSpec | None = None
    mobile_app: MobileAppSpec | None = None
    holds_certificate: bool = False
    # The password of the certificate seed_personas issues when holds_certificate.
    certificate_password: str | None = None
    # Days until that certificate expires (None: a year): inside 30, it can be renewed.
    certificate_days_left: int | None = None
    # The bank that issued that certificate (None: this bank). Another bank's must be
    # registered here (타기관 인증서 등록) before it logs in.
    certificate_bank: str | None = None
    # The 금융인증서 held from the start, in the cloud: its PIN on the handout, or
    # ``finance_pin_forgotten`` (a PIN nobody was told: the learner must 재발급);
    # ``finance_days_left``: it expires that soon (None: three years).
    finance_pin: str | None = None
    finance_pin_forgotten: bool = False
    finance_days_left: int | None = None

    @property
    def holds_finance_certificate(self) -> bool:
        return bool(self.finance_pin or self.finance_pin_forgotten)


PERSONAS: tuple[Persona, ...] = (
    Persona(
        key="ready",
        situation="발급 준비 완료: 계좌·인터넷뱅킹·보안카드·모바일 앱을 모두 갖춤",
        user_id="kimhana",
        password="hana-2026!",
        name="김하나",
        name_en="KIM HANA",
        rrn="850315-1234567",
        phones=("010-2100-0001",),
        member_since="2019-03-02",
        accounts=(AccountSpec("110201-01-100001", "모의 입출금통장", 1_250_000, "1357"),),
        security_card=SecurityCardSpec("7010000001"),
        mobile_app=MobileAppSpec("Galaxy S24 (모의)", "5.2.0", "135790"),
    ),
    Persona(
        key="no-account",
        situation="계좌 없음: 발급 전 확인에서 '계좌가 없으면 발급할 수 없습니다'",
        user_id="leeduri",
        password="duri-2026!",
        name="이두리",
        name_en="LEE DURI",
        rrn="900722-2345678",
        phones=("010-2100-0002",),
        member_since="2024-11-20",
        security_card=SecurityCardSpec("7010000002"),
    ),
    Persona(
        key="not-member",
        situation="인터넷뱅킹 미가입: 발급 전에 가입부터 해야 함",
        user_id="parksechan",
        password="sechan-2026!",
        name="박세찬",
        name_en="PARK SECHAN",
        rrn="781104-1456789",
        phones=("010-2100-0003",),
        member_since=None,
        accounts=(AccountSpec("110201-01-100003", "모의 입출금통장", 480_000, "2468"),),
        security_card=SecurityCardSpec("7010000003"),
    ),
    Persona(
        key="no-medium",
        situation="보안매체 없음: 보안카드도 모바일 인증 앱도 없어 다른 방법을 골라야 함",
        user_id="choinemo",
        password="nemo-2026!",
        name="최네모",
        name_en="CHOI NEMO",
        rrn="650918-2567890",
        phones=("010-2100-0004",),
        member_since="2015-06-11",
        accounts=(AccountSpec("110201-01-100004", "모의 입출금통장", 3_400_000, "1122"),),
    ),
    Persona(
        key="outdated-app",
        situation="모바일 앱이 구버전: 푸시 승인 전에 '앱을 최신 버전으로 업데이트하세요'",
        user_id="jungdaseot",
        password="daseot-2026!",
        name="정다섯",
        name_en="JUNG DASEOT",
        rrn="520630-1678901",
        phones=("010-2100-0005", "02-2100-0005"),
        member_since="2010-01-15",
        accounts=(AccountSpec("110201-01-100005", "모의 연금통장", 820_000, "5252"),),
        security_card=SecurityCardSpec("7010000005"),
        mobile_app=MobileAppSpec("Galaxy A12 (모의)", "4.8.1", "525252"),
    ),
    Persona(
        key="several-accounts",
        situation="계좌 여러 개: 인터넷뱅킹 미등록 계좌(출금계좌 불가)와 잔액 부족 계좌 포함",
        user_id="kangyeoseot",
        password="yeoseot-2026!",
        name="강여섯",
        name_en="KANG YEOSEOT",
        rrn="880201-2789012",
        phones=("010-2100-0006", "010-2100-1006"),
        member_since="2018-08-08",
        accounts=(
            AccountSpec("110201-01-100006", "모의 입출금통장", 2_000_000, "8080"),
            AccountSpec("110201-02-200006", "모의 적금", 5_000_000, "8181", False),
            AccountSpec("110201-01-300006", "모의 생활비통장", 3_000, "8282"),
        ),
        security_card=SecurityCardSpec("7010000006"),
        mobile_app=MobileAppSpec("iPhone 15 (모의)", "5.2.0", "808080"),
    ),
    Persona(
        key="has-certificate",
        situation="이미 인증서 보유: 재발급·갱신 연습용",
        user_id="yoonilgop",
        password="ilgop-2026!",
        name="윤일곱",
        name_en="YOON ILGOP",
        rrn="950505-1890123",
        phones=("010-2100-0007",),
        member_since="2021-05-05",
        accounts=(AccountSpec("110201-01-100007", "모의 입출금통장", 640_000, "7777"),),
        security_card=SecurityCardSpec("7010000007"),
        mobile_app=MobileAppSpec("Galaxy Z Flip (모의)", "5.2.0", "777777"),
        holds_certificate=True,
        certificate_password="Ilgop#Cert26",
    ),
    Persona(
        key="expiring-certificate",
        situation="인증서 만료 임박: 20일 뒤 만료, 갱신 연습용",
        user_id="seoyeodeol",
        password="yeodeol-2026!",
        name="서여덟",
        name_en="SEO YEODEOL",
        rrn="670808-2901234",
        phones=("010-2100-0008",),
        member_since="2012-08-08",
        accounts=(AccountSpec("110201-01-100008", "모의 입출금통장", 910_000, "8888"),),
        security_card=SecurityCardSpec("7010000008"),
        mobile_app=MobileAppSpec("Galaxy S23 (모의)", "5.2.0", "808088"),
        holds_certificate=True,
        certificate_password="Yeodeol#Cert8",
        certificate_days_left=20,
    ),
    Persona(
        key="other-bank-certificate",
        situation="타행 인증서 보유: 신한은행(모의)에서 받은 인증서, 타기관 인증서 등록 연습용",
        user_id="moonahop",
        password="ahop-2026!",
        name="문아홉",
        name_en="MOON AHOP",
        rrn="880909-2012340",
        phones=("010-2100-0009",),
        member_since="2019-09-09",
        accounts=(AccountSpec("110201-01-100009", "모의 입출금통장", 420_000, "9999"),),
        security_card=SecurityCardSpec("7010000009"),
        mobile_app=MobileAppSpec("Galaxy A54 (모의)", "5.2.0", "909090"),
        holds_certificate=True,
        certificate_password="Ahop#Cert99",
        certificate_bank="088",
    ),
    Persona(
        key="foreign-resident",
        situation=(
            "외국인 주민 (베트남): 외국인등록번호로 발급 "
            "(이름은 외국인등록증에 적힌 대로 영문 대문자)"
        ),
        user_id="nguyenlan",
        password="lan-2026!",
        name="NGUYEN THI LAN",
        name_en="NGUYEN THI LAN",
        rrn="920415-6234560",  # 외국인등록번호: 7th digit 6 (a woman born in the 1900s)
        phones=("010-2100-0010",),
        member_since="2023-04-15",
        accounts=(AccountSpec("110201-01-100010", "모의 입출금통장", 730_000, "4152"),),
        security_card=SecurityCardSpec("7010000010"),
        mobile_app=MobileAppSpec("Galaxy A35 (모의)", "5.2.0", "415262"),
    ),
)

FINANCE_PERSONAS: tuple[Persona, ...] = (
    Persona(
        key="finance-practice",
        situation="금융인증서 발급 연습: 계좌·보안카드·본인 명의 휴대폰을 갖춤, 금융인증서 없음",
        user_id="hanyeolha",
        password="yeolha-2026!",
        name="한열하",
        name_en="HAN YEOLHA",
        rrn="780211-1345672",
        phones=("010-2100-0011",),
        member_since="2015-02-11",
        accounts=(AccountSpec("110201-01-100011", "모의 입출금통장", 830_000, "2468"),),
        security_card=SecurityCardSpec("7010000011"),
        mobile_app=MobileAppSpec("Galaxy S24 (모의)", "5.2.0", "246813"),
    ),
    Persona(
        key="finance-pin-lost",
        situation="금융인증서 보유 (비밀번호 분실): 비밀번호를 몰라 재발급해야 함",
        user_id="ohyeoldul",
        password="yeoldul-2026!",
        name="오열둘",
        name_en="OH YEOLDUL",
        rrn="660612-2456781",
        phones=("010-2100-0012",),
        member_since="2010-06-12",
        accounts=(AccountSpec("110201-01-100012", "모의 입출금통장", 560_000, "3579"),),
        security_card=SecurityCardSpec("7010000012"),
        mobile_app=MobileAppSpec("Galaxy A54 (모의)", "5.2.0", "357913"),
        finance_pin_forgotten=True,
    ),
    Persona(
        key="finance-expiring",
        situation="금융인증서 만료 임박: 60일 뒤 만료, 금융인증서 갱신 연습용",
        user_id="jangyeolset",
        password="yeolset-2026!",
        name="장열셋",
        name_en="JANG YEOLSET",
        rrn="590903-1567894",
        phones=("010-2100-0013",),
        member_since="2008-09-03",
        accounts=(AccountSpec("110201-01-100013", "모의 입출금통장", 1_120_000, "4826"),),
        security_card=SecurityCardSpec("7010000013"),
        mobile_app=MobileAppSpec("Galaxy Z Fold (모의)", "5.2.0", "482619"),
        finance_pin="385172",
        finance_days_left=60,
    ),
)
# The second largest community of foreign residents (issue #26): "foreign-resident" is a
# Vietnamese marriage migrant, this one a Chinese worker; both with a phone in their own
# name and the name as the 외국인등록증 writes it.
FOREIGN_PERSONAS: tuple[Persona, ...] = (
    Persona(
        key="foreign-resident-zh",
        situation=(
            "외국인 주민 (중국): 외국인등록번호로 발급 "
            "(이름은 외국인등록증에 적힌 대로 영문 대문자)"
        ),
        user_id="wangxiuying",
        password="xiuying-2026!",
        name="WANG XIUYING",
        name_en="WANG XIUYING",
        rrn="881120-6234561",  # 외국인등록번호: 7th digit 6 (a woman born in the 1900s)
        phones=("010-2100-0014",),
        member_since="2021-11-20",
        accounts=(AccountSpec("110201-01-100014", "모의 입출금통장", 1_260_000, "8812"),),
        security_card=SecurityCardSpec("7010000014"),
        mobile_app=MobileAppSpec("Galaxy A25 (모의)", "5.2.0", "881126"),
    ),
)
PERSONAS = PERSONAS + FINANCE_PERSONAS + FOREIGN_PERSONAS
PERSONAS_BY_KEY = {p.key: p for p in PERSONAS}


def handout(persona: Persona) -> dict:
    """Everything a learner needs on paper (and tests and tools read)."""
    card = persona.security_card
    app = persona.mobile_app
    return {
        "key": persona.key,
        "situation": persona.situation,
        "user_id": persona.user_id,
        "password": persona.password,
        "name": persona.name,
        "name_en": persona.name_en,
        "rrn": persona.rrn,
        # 외국인등록번호 (7th digit 5–8): the wallet shows a 외국인등록증
        "foreign_resident": is_foreign_registration_number(persona.rrn),
        "phones": list(persona.phones),
        "internet_banking_member": persona.member_since is not None,
        "accounts": [
            {
                "number": a.number,
                "product_name": a.product_name,
                "balance": a.balance,
                "pin": a.pin,
                "internet_banking_registered": a.internet_banking_registered,
            }
            for a in persona.accounts
        ],
        "security_card": {"serial": card.serial, "codes": card.codes()} if card else None,
        "mobile_app": (
            {"device": app.device_label, "version": app.installed_version, "pin": app.pin}
            if app
            else None
        ),
        "holds_certificate": persona.holds_certificate,
        "certificate_password": persona.certificate_password,
        "certificate_days_left": persona.certificate_days_left,
        "certificate_bank": persona.certificate_bank,
        "holds_finance_certificate": persona.holds_finance_certificate,
        "finance_pin": persona.finance_pin,
        "finance_pin_forgotten": persona.finance_pin_forgotten,
        "finance_days_left": persona.finance_days_left,
    }
