"""The 금융인증서's PIN rules, as banks state them: six digits, no digit three times in a
row, no three digits in a row up or down, and not the holder's birth date.

Returns the codes of the broken rules (``issuance/pki_messages.py`` words them), so a
learner reads every rule they broke, each in its own sentence.
"""

from datetime import date

PIN_LENGTH = 6
RULES = ("length", "repeated", "sequential", "birth_date")


def pin_problems(pin: str, *, birth: date | None = None) -> list[str]:
    """The codes of the rules ``pin`` breaks, in ``RULES``' order ([] when it is fine)."""
    if len(pin) != PIN_LENGTH or not pin.isascii() or not pin.isdigit():
        return ["length"]
    problems = []
    triples = [pin[i : i + 3] for i in range(PIN_LENGTH - 2)]
    if any(len(set(triple)) == 1 for triple in triples):
        problems.append("repeated")
    if any(_runs(triple) for triple in triples):
        problems.append("sequential")
    if birth is not None and pin == birth.strftime("%y%m%d"):
        problems.append("birth_date")
    return problems


def _runs(triple: str) -> bool:
    """123, 789, 890 (0 after 9, as on a keypad's last row), 321, 098."""
    a, b, c = (int(digit) for digit in triple)
    return ((b - a) % 10, (c - b) % 10) in ((1, 1), (9, 9))
