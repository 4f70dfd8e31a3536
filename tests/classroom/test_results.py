"""The class's results as the trainer downloads them: one row per persona, steps completed
up to 발급 완료, only the certificates the learner issued, wrong attempts (not refusals
of a locked medium), a total time; as CSV and .xlsx, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from classroom import results, services
from classroom.handouts import handout_of
from classroom.models import SeatPersona
from issuance.flow import authentication
from issuance.flow import services as flow
from issuance.flow.machine import Step
from portal.refusals import Refused
from tests.fixtures.classroom import join, walk_flow, walk_to_medium

pytestmark = pytest.mark.django_db

HEADER = ["자리", "페르소나 (이 자리의 몇 번째)", "이름", "사용자 ID", "상황"]


def csv_rows(trainer_client, classroom) -> list[list[str]]:
    response = trainer_client.get(reverse("trainer:results", args=[classroom.code]))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # the BOM: Korean opens intact
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheet(trainer_client, classroom):
    response = trainer_client.get(reverse("trainer:results_xlsx", args=[classroom.code]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content)).active


def as_dict(rows) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_csv_has_one_row_per_learner_with_the_columns_in_order(trainer_client, classroom):
    join(classroom, "가")
    join(classroom, "나")
    rows = csv_rows(trainer_client, classroom)
    assert rows[0][:5] == HEADER
    assert "총 소요 시간(초)" in rows[0]
    assert [row[:3] for row in rows[1:]] == [["1", "1", "가"], ["2", "1", "나"]]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+82 1234", "-1+2", "@SUM(A1:A2)"])
def test_a_name_that_looks_like_a_formula_stays_text(trainer_client, classroom, name):
    join(classroom, name)
    row = csv_rows(trainer_client, classroom)[1]
    assert row[2] == "'" + name  # OWASP: the apostrophe makes the spreadsheet read text

    cell = xlsx_sheet(trainer_client, classroom)["C2"]
    assert cell.value == name and cell.data_type == "s"  # a string, never a formula
    assert cell.quotePrefix  # and kept text if the trainer edits it


def test_a_reset_seat_has_one_row_per_persona(trainer_client, classroom):
    _client, seat = join(classroom, "가")
    first = SeatPersona.objects.get(seat=seat).customer.user_id
    services.seat_reset(seat=seat)
    second = SeatPersona.objects.get(seat=seat, retired_at__isnull=True).customer.user_id
    rows = as_dict(csv_rows(trainer_client, classroom))
    assert [(r["자리"], r["페르소나 (이 자리의 몇 번째)"], r["사용자 ID"]) for r in rows] == [
        ("1", "1", first),
        ("1", "2", second),
    ]
    assert all(r["이름"] == "가" and r["상황"] == "발급 준비 완료" for r in rows)


def test_a_learner_who_reached_issuance_complete_has_done_9_of_9(
    trainer_client, classroom, issuing_ca
):
    _client, seat = join(classroom, "가")
    session = walk_flow(seat)
    assert session.status == Step.COMPLETED
    (row,) = as_dict(csv_rows(trainer_client, classroom))
    assert row["완료한 단계 (9단계 중)"] == "9"
    assert row["발급한 인증서"] == "1"
    timed = [int(row[f"{Step(step).label} 시간(초)"]) for step in results.TIMED_STEPS]
    assert int(row["총 소요 시간(초)"]) == sum(timed)


def test_steps_completed_is_the_furthest_step_passed(classroom, issuing_ca):
    _client, seat = join(classroom, "가")
    persona = SeatPersona.objects.get(seat=seat)
    session = flow.session_start(customer=persona.customer)
    walk_to_medium(session, persona.customer, handout_of(persona))
    (result,) = results.classroom_results(classroom)
    assert result.steps_completed == 5  # 발급 전 확인, 설치, 사용자 확인, 약관, ARS

    walk_flow(seat)  # a second flow to the end: the furthest counts
    (result,) = results.classroom_results(classroom)
    assert result.steps_completed == 9


def test_certificates_handed_out_by_the_situation_are_not_counted(
    trainer, trainer_client, issuing_ca
):
    classroom = services.classroom_create(
        trainer=trainer, name="재발급반", situations=["has-certificate"]
    )
    _client, seat = join(classroom, "가")
    assert SeatPersona.objects.get(seat=seat).customer.certificates.exists()
    (row,) = as_dict(csv_rows(trainer_client, classroom))
    assert row["발급한 인증서"] == "0"
    assert row["완료한 단계 (9단계 중)"] == "0"

    walk_flow(seat)  # 재발급: the one the learner made counts
    (row,) = as_dict(csv_rows(trainer_client, classroom))
    assert row["발급한 인증서"] == "1"


def test_a_right_pin_on_a_locked_account_is_a_refusal_not_a_failure(classroom, issuing_ca):
    _client, seat = join(classroom, "가")
    persona = SeatPersona.objects.get(seat=seat)
    customer, handout = persona.customer, handout_of(persona)
    walk = walk_to_medium(flow.session_start(customer=customer), customer, handout)
    right = handout["accounts"][0]["pin"]
    wrong = f"{(int(right) + 1) % 10000:04d}"
    for pin in [wrong] * 5 + [right]:
        with pytest.raises(Refused):
            authentication.medium_verify(session=walk, account=customer.accounts.first(), pin=pin)
    (result,) = results.classroom_results(classroom)
    assert result.failures[Step.MEDIUM] == 5  # the sixth, on a locked account, is no failure


def test_the_xlsx_holds_the_same_table_with_numbers_as_numbers(trainer_client, classroom):
    join(classroom, "가")
    sheet = xlsx_sheet(trainer_client, classroom)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:5] == HEADER
    assert values[1][:3] == [1, 1, "가"]  # seat and persona numbers are numbers


def test_a_finance_certificate_has_its_own_steps_and_count(trainer, trainer_client, finance_ca):
    from issuance.flow import finance
    from tests.fixtures.flow import walk

    classroom = services.classroom_create(
        trainer=trainer, name="금융인증서반", situations=["finance-practice"]
    )
    _client, seat = join(classroom, "가")
    persona = SeatPersona.objects.current().get(seat=seat)
    session = finance.finance_start(customer=persona.customer)
    walk(session, Step.COMPLETED, handout=handout_of(persona))
    (row,) = as_dict(csv_rows(trainer_client, classroom))
    assert row["금융인증서 완료 단계 (6단계 중)"] == "6"
    assert row["완료한 단계 (9단계 중)"] == "0"  # no 공동인증서 step
    assert row["발급한 인증서"] == "1" and row["그중 금융인증서"] == "1"
    assert "클라우드 연결 시간(초)" in row and row["인증서 비밀번호(PIN) 설정 오류"] == "0"
