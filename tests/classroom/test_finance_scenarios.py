"""The trainer's 금융인증서 switches, seen where the learner meets them: a new device ends
every cloud connection, a forgotten password reaches the 금융인증서 too, and nobody
unlocks a 금융인증서 locked by 5 wrong PINs."""

import pytest

from classroom import services
from classroom.handouts import handout_of
from classroom.models import Seat, SeatPersona
from portal.refusals import Refused
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


class TestFinanceScenarios:
    """The trainer's 금융인증서 switches, seen where the learner meets them."""

    @pytest.fixture
    def seat(self, trainer, finance_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="금융인증서반", situations=["finance-expiring"]
        )
        _client, seat = join(classroom, "가")
        return seat

    def test_a_new_device_ends_every_cloud_connection(self, seat, rf):
        from django.contrib.sessions.backends.db import SessionStore
        from django.http import HttpResponse

        from issuance.devices import CLOUD_COOKIE, cloud_connect_here, cloud_connected_ids
        from issuance.models import CloudDevice

        customer = SeatPersona.objects.current().get(seat=seat).customer
        request = rf.get("/")
        request.session = SessionStore()
        response = HttpResponse()
        cloud_connect_here(request, customer.pk, auto=True, response=response)
        request.COOKIES[CLOUD_COOKIE] = response.cookies[CLOUD_COOKIE].value
        assert cloud_connected_ids(request) == [customer.pk]

        services.cloud_devices_reset(seats=[seat])
        assert cloud_connected_ids(request) == []  # 자동연결 and this visit's, both over
        assert not CloudDevice.objects.filter(customer=customer).exists()
        cloud_connect_here(request, customer.pk)  # connecting again works
        assert cloud_connected_ids(request) == [customer.pk]

    def test_a_forgotten_password_locks_the_finance_certificate_too(self, seat):
        from issuance.ca.keystores import copy_open

        persona = SeatPersona.objects.current().get(seat=seat)
        pin = handout_of(persona)["finance_pin"]
        copy = persona.customer.certificates.get(cert_type="finance").copies.get()
        assert copy_open(copy, pin)
        services.password_forget(seats=[Seat.objects.select_related("scenario").get(pk=seat.pk)])
        with pytest.raises(Refused):
            copy_open(copy, pin)

    def test_the_trainers_unlock_leaves_a_locked_finance_certificate_locked(self, seat):
        from issuance.ca.keystores import copy_open

        persona = SeatPersona.objects.current().get(seat=seat)
        copy = persona.customer.certificates.get(cert_type="finance").copies.get()
        for _attempt in range(5):
            with pytest.raises(Refused):
                copy_open(copy, "000000")
        services.seat_unlock(seat=seat)
        copy.refresh_from_db()
        assert copy.is_locked  # only 재발급 helps, as at 금융결제원
        with pytest.raises(Refused) as refused:
            copy_open(copy, handout_of(persona)["finance_pin"])
        assert refused.value.code == "locked"
