"""The classroom's services: classes, joining, isolation between learners, scenarios, resets."""

import pytest
from django.utils import timezone

from accounts.models import BankAccount, Customer, MobileAuthenticator, SecurityCard
from accounts.services import security_card_verify
from classroom import codes, services
from classroom.handouts import handout_of
from classroom.models import Classroom, Seat, SeatPersona
from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.flow import selectors
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import (
    Certificate,
    CertificateCopy,
    IssuanceSession,
    Scenario,
    SecurityToken,
)
from portal.refusals import Refused
from tests.fixtures.classroom import walk_flow
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


def seat_join(classroom, name="학습자"):
    return services.seat_join(code=classroom.code, display_name=name)


def persona_of(seat) -> Customer:
    return SeatPersona.objects.get(seat=seat, retired_at__isnull=True).customer


class TestClassroom:
    def test_a_class_gets_a_code_without_look_alike_characters(self, trainer):
        made = [services.classroom_create(trainer=trainer, name=f"반{i}") for i in range(30)]
        assert len({c.code for c in made}) == 30
        for classroom in made:
            assert codes.is_well_formed(classroom.code)
            assert not set(classroom.code) & set("0O1IL2Z5S6G8BQ")

    def test_unknown_situations_or_scenarios_are_refused(self, trainer):
        with pytest.raises(ValueError, match="situations"):
            services.classroom_create(trainer=trainer, name="x", situations=["rich"])
        with pytest.raises(ValueError, match="scenarios"):
            services.classroom_create(trainer=trainer, name="x", scenario_defaults=["fly"])

    def test_typed_codes_are_forgiving(self):
        assert codes.normalize(" k7m-pxa ") == "K7MPXA"
        assert codes.normalize("ＫＭ７ ｐｘａ") == "KM7PXA"  # full-width, from a Korean keyboard


class TestJoining:
    def test_each_learner_gets_a_seat_and_a_persona_of_their_own(self, classroom):
        first, second = seat_join(classroom, "가"), seat_join(classroom, "나")
        assert (first.number, second.number) == (1, 2)
        a, b = persona_of(first), persona_of(second)
        assert a.pk != b.pk and a.user_id != b.user_id and a.rrn_hash != b.rrn_hash
        assert not set(a.accounts.values_list("pk", flat=True)) & set(
            b.accounts.values_list("pk", flat=True)
        )
        assert a.security_card.pk != b.security_card.pk
        assert a.mobile_authenticator.pk != b.mobile_authenticator.pk
        assert first.scenario_id != second.scenario_id
        assert list(a.scenarios.all()) == [first.scenario]

    def test_situations_are_assigned_in_turn(self, trainer, issuing_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="혼합반", situations=["ready", "no-account", "has-certificate"]
        )
        seats = [seat_join(classroom, str(i)) for i in range(4)]
        assert [s.situation for s in seats] == ["ready", "no-account", "has-certificate", "ready"]
        assert not persona_of(seats[1]).accounts.exists()
        holder = persona_of(seats[2])
        copy = CertificateCopy.objects.get(certificate__customer=holder)
        assert copy.medium == "hdd"

    def test_the_other_bank_situation_holds_a_shinhan_certificate(self, trainer, issuing_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="등록반", situations=["other-bank-certificate"]
        )
        holder = persona_of(seat_join(classroom, "가"))
        copy = CertificateCopy.objects.get(certificate__customer=holder)
        assert copy.medium == "hdd" and copy.certificate.bank_code == "088"
        assert not copy.certificate.issued_here

    def test_the_class_defaults_switch_the_seats_scenario_on(self, trainer):
        classroom = services.classroom_create(
            trainer=trainer, name="반", scenario_defaults=["app-outdated", "low-threshold"]
        )
        scenario = seat_join(classroom).scenario
        assert scenario.app_outdated and scenario.lock_threshold == 3
        assert not scenario.install_fails_once

    @pytest.mark.parametrize(
        ("code", "name", "field", "words"),
        [
            ("ABC", "가", "code", "6자리"),
            ("AAAAAA", "가", "code", "수업이 없습니다"),
            (None, "  ", "display_name", "이름이나 자리 번호"),
        ],
    )
    def test_refusals_say_why_beside_the_field(self, classroom, code, name, field, words):
        with pytest.raises(Refused) as refused:
            services.seat_join(code=code or classroom.code, display_name=name)
        assert refused.value.field == field and words in str(refused.value.message)
        assert not Seat.objects.exists()

    def test_a_closed_class_takes_no_one(self, classroom):
        seat_join(classroom)
        services.classroom_close(classroom=classroom)
        with pytest.raises(Refused, match="마감"):
            seat_join(classroom)
        assert classroom.seats.count() == 1

    def test_a_full_class_says_so_beside_the_code(self, classroom, settings):
        """CLASS_MAX_SEATS (1,200 by default: a class of 1,000 fits) bounds a class."""
        settings.CLASS_MAX_SEATS = 2
        seat_join(classroom, "가"), seat_join(classroom, "나")
        with pytest.raises(Refused, match="정원이 찼습니다") as refused:
            seat_join(classroom, "다")
        assert refused.value.field == "code"
        assert classroom.seats.count() == 2


class TestIsolation:
    """What one learner does never reaches another."""

    def test_a_lock_stays_with_its_learner(self, classroom):
        one, two = persona_of(seat_join(classroom)), persona_of(seat_join(classroom))
        for _ in range(5):
            security_card_verify(
                card=one.security_card, slot_a=1, first_two="xx", slot_b=2, last_two="xx"
            )
        assert SecurityCard.objects.get(customer=one).is_locked
        assert not SecurityCard.objects.get(customer=two).is_locked

    def test_a_scenario_reaches_one_learner_from_their_next_step(self, classroom):
        seat_one, seat_two = seat_join(classroom), seat_join(classroom)
        sessions = {}
        for seat in (seat_one, seat_two):
            session = flow.session_start(customer=persona_of(seat))
            sessions[seat.pk] = session
        services.scenario_switch(seats=[seat_one], key="install-fails", on=True)
        for seat in (seat_one, seat_two):
            session = IssuanceSession.objects.get(pk=sessions[seat.pk].pk)
            flow.install_start(session=session, full=True)
            session.install_started_at = timezone.now() - timezone.timedelta(seconds=30)
            IssuanceSession.objects.filter(pk=session.pk).update(
                install_started_at=session.install_started_at
            )
            sessions[seat.pk] = flow.install_finish(session=session)
        assert sessions == {seat_one.pk: False, seat_two.pk: True}

    def test_the_outdated_app_switch_writes_no_app_row(self, classroom):
        seat = seat_join(classroom)
        customer = persona_of(seat)
        version = customer.mobile_authenticator.installed_version
        services.scenario_switch(seats=[seat], key="app-outdated", on=True)
        session = IssuanceSession(customer=customer, scenario=Scenario.objects.get(seat=seat))
        session.push_state = IssuanceSession.PushState.PENDING
        session.push_sent_at = timezone.now()
        assert selectors.app_outdated(session)
        assert MobileAuthenticator.objects.get(customer=customer).installed_version == version

    def test_a_reissue_revokes_only_the_learners_own_certificate(self, classroom, issuing_ca):
        one, two = persona_of(seat_join(classroom)), persona_of(seat_join(classroom))
        mine = certificate_issue(customer=one, cert_type="bank", password=CERT_PASSWORD)
        theirs = certificate_issue(customer=two, cert_type="bank", password=CERT_PASSWORD)
        certificate_issue(
            customer=one, cert_type="bank", password=CERT_PASSWORD, replaces=mine.certificate
        )
        assert Certificate.objects.get(pk=mine.certificate.pk).revoked_at is not None
        assert Certificate.objects.get(pk=theirs.certificate.pk).revoked_at is None


class TestTrainerActions:
    def test_switches_turn_on_and_off(self, classroom):
        seat = seat_join(classroom)
        services.scenario_switch(seats=[seat], key="short-limits", on=True)
        scenario = Scenario.objects.get(seat=seat)
        assert (scenario.ars_timeout_seconds, scenario.session_minutes) == (60, 5)
        services.scenario_switch(seats=[seat], key="short-limits", on=False)
        scenario.refresh_from_db()
        assert scenario.ars_timeout_seconds is None and scenario.session_minutes is None

    def test_a_forgotten_password_means_reissue(self, trainer, issuing_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="반", situations=["has-certificate"]
        )
        seat = seat_join(classroom)
        customer = persona_of(seat)
        password = handout_of(SeatPersona.objects.get(seat=seat))["certificate_password"]
        copy = CertificateCopy.objects.get(certificate__customer=customer)
        certificate_login(copy=copy, password=password, challenge=new_challenge())
        services.password_forget(seats=[seat])
        with pytest.raises(Refused) as refused:
            certificate_login(copy=copy, password=password, challenge=new_challenge())
        assert refused.value.code == "wrong_password"
        # A certificate issued after that opens again.
        issued = certificate_issue(customer=customer, cert_type="universal", password=CERT_PASSWORD)
        new_copy = CertificateCopy.objects.create(
            certificate=issued.certificate, device="pc", medium="usb", key_file=issued.key_file
        )
        certificate_login(copy=new_copy, password=CERT_PASSWORD, challenge=new_challenge())

    def test_a_message_and_its_dismissal(self, classroom):
        seat = seat_join(classroom)
        services.message_send(seat=seat, text="  보안카드 뒷면을 보세요  ")
        seat.refresh_from_db()
        assert seat.message == "보안카드 뒷면을 보세요" and seat.message_sent_at
        services.message_dismiss(seat=seat)
        seat.refresh_from_db()
        assert seat.message == ""

    def test_unlock_clears_every_lock_of_the_persona(self, classroom):
        seat = seat_join(classroom)
        customer = persona_of(seat)
        now = timezone.now()
        BankAccount.objects.filter(customer=customer).update(failure_count=5, locked_at=now)
        SecurityCard.objects.filter(customer=customer).update(failure_count=5, locked_at=now)
        Customer.objects.filter(pk=customer.pk).update(failure_count=5, locked_at=now)
        token = SecurityToken.objects.create(
            customer=customer, pin_hash="x", failure_count=5, locked_at=now
        )
        services.seat_unlock(seat=seat)
        token.refresh_from_db()
        assert not token.is_locked and token.failure_count == 0
        assert not BankAccount.objects.filter(customer=customer, locked_at__isnull=False).exists()
        assert not SecurityCard.objects.get(customer=customer).is_locked
        assert not Customer.objects.get(pk=customer.pk).is_locked


class TestReset:
    def test_a_reset_learner_gets_a_new_persona_and_the_old_one_retires(self, classroom):
        seat = seat_join(classroom)
        old = persona_of(seat)
        session = flow.session_start(customer=old)
        services.scenario_switch(seats=[seat], key="app-outdated", on=True)
        services.message_send(seat=seat, text="도움")
        services.seat_reset(seat=seat)
        new = persona_of(seat)
        assert new.pk != old.pk and new.user_id != old.user_id
        assert not Customer.objects.get(pk=old.pk).is_active
        session.refresh_from_db()
        assert session.expires_at <= timezone.now()  # the old flow ended
        seat.refresh_from_db()
        assert not seat.scenario.app_outdated and seat.message == ""
        assert list(new.scenarios.all()) == [seat.scenario]
        assert seat.personas.count() == 2  # the old trail stays for the results

    def test_resetting_the_class_resets_every_seat(self, classroom):
        seats = [seat_join(classroom) for _ in range(3)]
        before = {persona_of(s).pk for s in seats}
        services.classroom_reset(classroom=classroom)
        assert not before & {persona_of(s).pk for s in seats}

    def test_end_of_class_closes_and_ends_open_flows(self, classroom):
        seat = seat_join(classroom)
        session = flow.session_start(customer=persona_of(seat))
        services.classroom_end(classroom=classroom)
        classroom.refresh_from_db()
        session.refresh_from_db()
        assert not classroom.is_open and session.expires_at <= timezone.now()

    def test_deleting_a_class_removes_its_personas_and_certificates(self, trainer, issuing_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="반", situations=["has-certificate"]
        )
        seat = seat_join(classroom)
        customer_id = persona_of(seat).pk
        scenario_id = seat.scenario_id
        services.seat_reset(seat=seat)
        services.classroom_delete(classroom=classroom)
        assert not Classroom.objects.exists() and not Seat.objects.exists()
        assert not Customer.objects.filter(pk=customer_id).exists()
        assert not Certificate.objects.exists()
        assert not Scenario.objects.filter(pk=scenario_id).exists()


def test_a_whole_flow_as_a_seat_persona(classroom, issuing_ca):
    """A learner's own persona walks the flow and ends with a certificate of their own."""
    seat = seat_join(classroom)
    session = walk_flow(seat)
    assert session.status == Step.COMPLETED
    assert session.certificate.customer == persona_of(seat)


def test_every_persona_situation_has_a_short_label():
    from accounts.persona_factory import SITUATIONS
    from classroom.situations import LABELS

    assert set(LABELS) == set(SITUATIONS)


class TestClassWideActionsInBulk:
    """A class-wide action costs the same few queries for 2 learners or 6 (not a set of
    queries per seat), and deleting a class publishes one CRL, not one per learner."""

    def test_a_scenario_for_everyone(self, trainer):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = []
        for learners in (2, 6):
            classroom = services.classroom_create(trainer=trainer, name=f"반{learners}")
            for n in range(learners):
                seat_join(classroom, f"{n}번")
            seats = classroom.seats.select_related("scenario", "classroom")
            with CaptureQueriesContext(connection) as captured:
                services.scenario_switch(seats=seats, key="app-outdated", on=True)
            counts.append(len(captured))
            seats = Seat.objects.filter(classroom=classroom).select_related("scenario")
            assert all(seat.scenario.app_outdated for seat in seats)
        assert counts[0] == counts[1], counts

    def test_ending_the_class(self, trainer):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = []
        for learners in (2, 6):
            classroom = services.classroom_create(trainer=trainer, name=f"끝{learners}")
            for n in range(learners):
                flow.session_start(customer=persona_of(seat_join(classroom, f"{n}번")))
            with CaptureQueriesContext(connection) as captured:
                services.classroom_end(classroom=classroom)
            counts.append(len(captured))
            assert (
                not IssuanceSession.objects.open()
                .filter(customer__seat_persona__seat__classroom=classroom)
                .exists()
            )
        assert counts[0] == counts[1], counts

    def test_deleting_a_class_publishes_one_crl(self, trainer, issuing_ca):
        from issuance.ca.revocation import certificate_revoke
        from issuance.models import RevocationList

        classroom = services.classroom_create(
            trainer=trainer, name="재발급반", situations=["has-certificate"]
        )
        for n in range(3):
            customer = persona_of(seat_join(classroom, f"{n}번"))
            certificate_revoke(certificate=customer.certificates.get())
        before = RevocationList.objects.count()
        services.classroom_delete(classroom=classroom)
        assert RevocationList.objects.count() == before + 1
        assert not Certificate.objects.exists()
