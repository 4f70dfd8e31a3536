"""The 금융인증서 PIN rules: six digits, no 3 repeated or sequential digits, not the
birth date; every broken rule named."""

from datetime import date

import pytest

from issuance.pki.pin_rules import pin_problems

BIRTH = date(1985, 3, 15)


@pytest.mark.parametrize(
    ("pin", "problems"),
    [
        ("294716", []),
        ("12345", ["length"]),
        ("1234567", ["length"]),
        ("12a456", ["length"]),
        ("١٢٣٤٥٦", ["length"]),  # Arabic-Indic digits are not the keypad's
        ("111829", ["repeated"]),
        ("829111", ["repeated"]),
        ("123829", ["sequential"]),
        ("829321", ["sequential"]),
        ("890462", ["sequential"]),  # 8-9-0 as on the keypad's last row
        ("555123", ["repeated", "sequential"]),
        ("850315", ["birth_date"]),
    ],
)
def test_each_broken_rule_is_named(pin, problems):
    assert pin_problems(pin, birth=BIRTH) == problems


def test_the_birth_date_is_only_refused_for_its_holder():
    assert pin_problems("850315") == []
    assert pin_problems("850315", birth=date(1990, 1, 1)) == []


def test_two_steps_apart_is_not_a_run():
    assert pin_problems("135792", birth=BIRTH) == []
