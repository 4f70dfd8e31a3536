"""타기관 인증서 등록 of a 금융인증서 another bank issued: refused at login until it is
registered, then registered through the cloud's window and its PIN (never issued
again: one certificate for every bank), and the ARS call; then it logs in here."""

import re

import pytest
from django.urls import reverse

from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.devices import CLOUD_SESSION_KEY
from issuance.models import CertificateRegistration, PhoneRequest
from portal.refusals import Refused
from tests.issuance.center.test_register import ARS, CERTIFICATE, DIGITS, identify, text

pytestmark = pytest.mark.django_db
FINANCE_PIN = "294716"


@pytest.fixture
def shinhan_finance(finance_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="finance", password=FINANCE_PIN, medium="cloud", bank_code="088"
    )
    return issued.certificate.copies.get()


def test_it_is_refused_at_login_with_what_to_do(shinhan_finance):
    with pytest.raises(Refused) as refused:
        certificate_login(copy=shinhan_finance, password=FINANCE_PIN, challenge=new_challenge())
    assert refused.value.code == "unregistered"
    assert "다시 발급받지 말고" in refused.value.message


def test_registered_through_the_cloud_window_then_it_logs_in(client, holder, shinhan_finance):
    client.force_login(holder)
    identify(client, holder)
    page = text(client.get(CERTIFICATE + "?cert=finance"))
    assert "클라우드 연결하기" in page  # this browser is not connected to the cloud yet
    session = client.session
    session[CLOUD_SESSION_KEY] = [holder.pk]
    session.save()
    page = text(client.get(CERTIFICATE + "?cert=finance"))
    assert "모든 은행에서 쓰는 하나의 인증서" in page and f'value="{shinhan_finance.pk}"' in page
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    response = client.post(
        CERTIFICATE, {"copy": shinhan_finance.pk, "pin": FINANCE_PIN, "challenge": challenge}
    )
    assert response["Location"] == ARS
    digits = DIGITS.search(text(client.get(ARS))).group(1)
    call = PhoneRequest.objects.get(kind="ars", state="waiting")
    client.post(reverse("phone:request_ars"), {"request": call.pk, "digits": digits})
    client.get(reverse("center:register_ars_status"), HTTP_HX_REQUEST="true")
    assert CertificateRegistration.objects.get().certificate == shinhan_finance.certificate
    result = certificate_login(
        copy=shinhan_finance, password=FINANCE_PIN, challenge=new_challenge()
    )
    assert result.customer == holder


def test_a_wrong_pin_is_counted_beside_the_field(client, holder, shinhan_finance):
    client.force_login(holder)
    identify(client, holder)
    session = client.session
    session[CLOUD_SESSION_KEY] = [holder.pk]
    session.save()
    page = text(client.get(CERTIFICATE + "?cert=finance"))
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    response = client.post(
        CERTIFICATE, {"copy": shinhan_finance.pk, "pin": "000000", "challenge": challenge}
    )
    assert response.status_code == 400 and "(1/5회)" in text(response)
