"""A foreign resident issues with a 외국인등록번호 where the page asks for the 주민등록번호,
under the name on the 외국인등록증; the certificate's VID proves that number; the whole
number typed into the first box fills both."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import rrn
from accounts.personas import PERSONAS_BY_KEY, handout
from accounts.services import persona_apply
from issuance.center.login import certificate_login, new_challenge
from issuance.flow import services as flow
from issuance.flow.forms import IdentifyForm
from issuance.flow.machine import Step
from issuance.models import CertificateCopy
from tests.fixtures.flow import CERT_PASSWORD, walk

pytestmark = pytest.mark.django_db

FOREIGN = PERSONAS_BY_KEY["foreign-resident"]


def test_the_fixed_persona_holds_a_foreign_registration_number():
    number = rrn.validate(FOREIGN.rrn)
    assert number[6] in "5678" and rrn.is_foreign_registration_number(FOREIGN.rrn)
    assert not rrn.passes_legacy_checksum(number)  # fictitious, like every persona's
    assert FOREIGN.name == FOREIGN.name.upper() and FOREIGN.name.isascii()
    assert handout(FOREIGN)["foreign_resident"] is True
    assert handout(PERSONAS_BY_KEY["ready"])["foreign_resident"] is False


def test_a_foreign_resident_issues_and_the_vid_proves_the_number(issuing_ca):
    customer = persona_apply(persona=FOREIGN)
    session = walk(flow.session_start(customer=customer), Step.COMPLETED, handout=handout(FOREIGN))
    certificate = session.certificate
    assert "cn=NGUYEN THI LAN()" in certificate.subject_dn
    copy = CertificateCopy.objects.get(certificate=certificate)
    result = certificate_login(
        copy=copy, password=CERT_PASSWORD, challenge=new_challenge(), expected=customer
    )
    assert result.customer == customer
    assert any("VID" in str(check) for check in result.checks)


def test_the_identification_fields_name_the_foreign_number_too(client):
    page = client.get(reverse("flow:find_id")).content.decode()  # 아이디 조회 asks for it too
    assert "주민등록번호 (외국인: 외국인등록번호)" in page
    assert 'maxlength="14"' in page  # room for the whole number in the first box


@pytest.mark.parametrize("typed", ["920415-6234560", "9204156234560", " 920415 - 6234560 "])
def test_the_whole_number_in_the_first_box_fills_both(typed):
    form = IdentifyForm({"user_id": "nguyenlan", "rrn_front": typed, "rrn_back": ""})
    assert form.is_valid(), form.errors
    assert form.rrn == "9204156234560"


def test_a_wrong_first_box_still_says_six_digits():
    form = IdentifyForm({"user_id": "x", "rrn_front": "92041", "rrn_back": "6234560"})
    assert not form.is_valid()
    assert form.errors["rrn_front"] == ["앞자리는 숫자 6자리입니다."]


def test_the_wallet_of_a_foreign_persona_shows_the_registration_card(trainer_for_class):
    from classroom import services

    classroom = services.classroom_create(
        trainer=trainer_for_class, name="외국인반", situations=["foreign-resident"]
    )
    learner = Client()
    learner.post("/join/", {"code": classroom.code, "display_name": "Lan"})
    wallet = learner.get(reverse("learner:wallet")).content.decode()
    assert "외국인등록증" in wallet and "외국인등록번호" in wallet


@pytest.mark.parametrize(
    ("situation", "surnames"),
    [
        ("foreign-resident", {"NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "VU", "DANG", "BUI"}),
        ("foreign-resident-zh", {"WANG", "LI", "ZHANG", "LIU", "CHEN", "ZHAO", "HUANG", "ZHOU"}),
    ],
)
def test_each_community_gets_personas_of_its_own_with_a_registration_number(
    trainer_for_class, situation, surnames
):
    """Issue #26: the Vietnamese and the Chinese, named as the 외국인등록증 writes them
    (Latin capitals, surname first), a 외국인등록번호, a phone of their own."""
    from accounts.rrn import is_foreign_registration_number
    from classroom import services
    from classroom.handouts import handout_of
    from classroom.models import SeatPersona

    classroom = services.classroom_create(
        trainer=trainer_for_class, name="다문화반", situations=[situation]
    )
    for name in ("A", "B", "C"):
        Client().post("/join/", {"code": classroom.code, "display_name": name})
    handouts = [handout_of(persona) for persona in SeatPersona.objects.current()]
    assert len(handouts) == 3
    for paper in handouts:
        assert paper["name"].split()[0] in surnames and paper["name"] == paper["name"].upper()
        assert is_foreign_registration_number(paper["rrn"]) and paper["foreign_resident"]
        assert paper["phones"]
    assert len({paper["phones"][0] for paper in handouts}) == 3


def test_the_chinese_persona_issues_with_her_registration_number():
    persona = PERSONAS_BY_KEY["foreign-resident-zh"]
    assert persona.name == "WANG XIUYING"
    assert persona.rrn[7] == "6"  # 외국인등록번호: a woman born in the 1900s


@pytest.fixture
def trainer_for_class(db):
    from tests.factories import CustomerFactory

    return CustomerFactory(user_id="trainer9", is_trainer=True, rrn=None)
