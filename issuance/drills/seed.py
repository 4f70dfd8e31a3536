"""The starting set of 금융사기 예방 연습 (scam drills), as plain data.

Every scene is fictitious and visibly training: the caller IDs, the bank ("모의국민은행")
and the look-alike addresses are made up, and every "fell" line ends with "교육용 모의
상황". Each drill follows one public warning (금융감독원, 경찰, 우정사업본부·지자체, a
bank, or a news report of one) and cites it in ``source`` as "<title> — <url>"; the lines
are our own short wording, not copied text.

The drills themselves are ``drills.json`` beside this module (data, not code); the seed
migration loads ``DRILLS`` into ``issuance.Drill`` rows, and from then on the rows are
edited in the admin. ``problems()`` checks the data (run it after an edit):

    .venv/bin/python -c "from issuance.drills.seed import DRILLS, problems; print(problems())"
"""

import json
from pathlib import Path

KINDS = ("call", "text", "app", "photo")
OUTCOMES = ("refused", "reported", "fell")
ASKS = (
    "certificate_password",
    "security_card_all",
    "account_pin",
    "copy_code",
    "reissue",
    "app_install",
    "transfer",
)
FIELDS = (
    "key",
    "kind",
    "title",
    "sender",
    "lines",
    "link",
    "asks",
    "choices",
    "fell",
    "signs",
    "todo",
    "call",
    "source",
    "english",
)
OPTIONAL = ("translations",)  # {"en": {...}}: the texts in another language, same shapes
TRANSLATED = ("lines", "choices", "fell", "signs", "todo", "call")
TRAINING = " — 교육용 모의 상황"  # i18n: data, how every seeded outcome ends
REAL_ADDRESS = "mockbank.example"
REPORT_NUMBERS = ("112", "1332", "1301", "118", "bank")  # drills/reports.NUMBERS

# The model's column sizes (issuance/models/drills.py), so a seed row always fits.
MAX_LENGTH = {
    "key": 60,
    "title": 120,
    "english": 160,
    "sender": 60,
    "link": 80,
    "fell": 200,
    "call": 160,
    "source": 400,
}
MAX_LABEL = 120  # DrillRun.choice keeps the label

DRILLS: tuple[dict, ...] = tuple(
    json.loads((Path(__file__).parent / "drills.json").read_text(encoding="utf-8"))
)


def load(model) -> int:
    """Put the seed's drills into ``model``'s table (the migration's historical model,
    or ``issuance.Drill``), in their order; rows already there are updated. A key the
    model has no column for yet (an older migration's model) is left out."""
    columns = {field.name for field in model._meta.get_fields()}
    for order, data in enumerate(DRILLS, start=1):
        defaults = {name: value for name, value in data.items() if name in columns}
        model.objects.update_or_create(key=data["key"], defaults={**defaults, "order": order})
    return len(DRILLS)


def _translation_problems(name: str, drill: dict) -> list[str]:
    found = []
    for language, texts in drill.get("translations", {}).items():
        for field in TRANSLATED:
            korean, other = drill[field], texts.get(field)
            if field == "choices":
                korean = [choice["label"] for choice in korean]
            if other is None or type(other) is not type(korean):
                found.append(f"{name}: {language} {field} missing")
            elif isinstance(korean, list) and len(other) != len(korean):
                found.append(f"{name}: {language} {field} should have {len(korean)} entries")
        if language != "en" and not isinstance(texts.get("title"), str):
            found.append(f"{name}: {language} title missing (English's is the english field)")
    return found


def problems() -> list[str]:
    """What is wrong with ``DRILLS``: an empty list when the data is fit to load."""
    found: list[str] = []
    kinds: dict[str, int] = dict.fromkeys(KINDS, 0)
    seen: set[str] = set()
    for number, drill in enumerate(DRILLS, 1):
        name = f"drill {number} ({drill.get('key', '?')})"
        missing = [field for field in FIELDS if field not in drill]
        extra = [field for field in drill if field not in FIELDS + OPTIONAL]
        if missing:
            found.append(f"{name}: missing {', '.join(missing)}")
            continue
        if extra:
            found.append(f"{name}: unknown keys {', '.join(extra)}")
        key, kind = drill["key"], drill["kind"]
        if key in seen:
            found.append(f"{name}: duplicate key")
        seen.add(key)
        if kind not in KINDS:
            found.append(f"{name}: unknown kind {kind!r}")
        else:
            kinds[kind] += 1
        for field, limit in MAX_LENGTH.items():
            if len(drill[field]) > limit:
                found.append(f"{name}: {field} longer than {limit}")
        for field in ("key", "title", "sender", "fell", "call", "source", "english"):
            if not drill[field]:
                found.append(f"{name}: empty {field}")
        if not 3 <= len(drill["lines"]) <= 6:
            found.append(f"{name}: lines should be 3 to 6")
        if kind == "text":
            if not drill["link"] or drill["link"] == REAL_ADDRESS:
                found.append(f"{name}: a text needs a look-alike link")
            elif drill["link"] not in drill["lines"][-1]:
                found.append(f"{name}: the last line should show the link")
        elif drill["link"]:
            found.append(f"{name}: only a text has a link")
        unknown = [ask for ask in drill["asks"] if ask not in ASKS]
        if unknown:
            found.append(f"{name}: unknown asks {', '.join(unknown)}")
        if kind in ("call", "text") and not drill["asks"]:
            found.append(f"{name}: a call or a text should say what it asks for")
        choices = drill["choices"]
        if not 3 <= len(choices) <= 4:
            found.append(f"{name}: choices should be 3 to 4")
        outcomes = []
        for choice in choices:
            keys = set(choice)
            if (
                not {"label", "outcome"} <= keys <= {"label", "outcome", "dial"}
                or not choice["label"]
            ):
                found.append(f"{name}: a choice needs a label and an outcome (and a dial)")
                continue
            if "dial" in choice and (
                choice["dial"] not in REPORT_NUMBERS or choice["outcome"] != "reported"
            ):
                found.append(f"{name}: a dial is a report number of a 'reported' choice")
            if len(choice["label"]) > MAX_LABEL:
                found.append(f"{name}: choice label longer than {MAX_LABEL}")
            if choice["outcome"] not in OUTCOMES:
                found.append(f"{name}: unknown outcome {choice['outcome']!r}")
            outcomes.append(choice["outcome"])
        if not 1 <= outcomes.count("fell") <= 2:
            found.append(f"{name}: one or two choices should lead to 'fell'")
        if "refused" not in outcomes:
            found.append(f"{name}: no 'refused' choice")
        if "reported" not in outcomes:
            found.append(f"{name}: no 'reported' choice")
        if not drill["fell"].endswith(TRAINING):
            found.append(f"{name}: fell should end with {TRAINING.strip()!r}")
        for field in ("signs", "todo"):
            if not 2 <= len(drill[field]) <= 3:
                found.append(f"{name}: {field} should have 2 to 3 sentences")
        if " — http" not in drill["source"]:
            found.append(f"{name}: source should read '<title> — <url>'")
        found += _translation_problems(name, drill)
    if len(DRILLS) < 9:
        found.append(f"only {len(DRILLS)} drills, at least 9 wanted")
    for kind, least in (("call", 3), ("text", 3), ("app", 1), ("photo", 1)):
        if kinds[kind] < least:
            found.append(f"at least {least} {kind} drill(s) wanted, found {kinds[kind]}")
    return found


def update(model) -> int:
    """For rows an admin may have edited since they were seeded: the seed's translations
    in the languages the row has none of, and a choice's report number (``dial``) where its label is
    still the seed's. Nothing else of the row changes."""
    updated = 0
    for data in DRILLS:
        row = model.objects.filter(key=data["key"]).first()
        if row is None:
            continue
        dials = {choice["label"]: choice["dial"] for choice in data["choices"] if "dial" in choice}
        row.choices = [
            {**choice, "dial": dials[choice.get("label")]}
            if choice.get("label") in dials and choice.get("outcome") == "reported"
            else choice
            for choice in row.choices
        ]
        # A language the row lacks comes from the seed; the row's own languages stay.
        row.translations = {**data.get("translations", {}), **(row.translations or {})}
        row.save(update_fields=["choices", "translations"])
        updated += 1
    return updated
