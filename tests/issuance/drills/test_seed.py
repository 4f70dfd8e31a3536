"""The seeded drills: at least 8, every kind, each built from a public warning it cites,
loaded by the migration (admin-editable rows)."""

from issuance.drills.seed import DRILLS, problems
from issuance.models import Drill


def test_the_data_has_no_problem_and_cites_its_sources():
    assert problems() == []
    assert len(DRILLS) >= 8
    assert {d["kind"] for d in DRILLS} == {"call", "text", "app", "photo"}
    assert all("http" in d["source"] for d in DRILLS)
    assert all(d["fell"].endswith("교육용 모의 상황") for d in DRILLS)


def test_the_seed_loads_every_drill_once(db):
    from issuance.drills.seed import load

    load(Drill)  # again: rows already there are updated, not doubled
    assert set(Drill.objects.values_list("key", flat=True)) == {d["key"] for d in DRILLS}
    assert Drill.objects.count() == len(DRILLS)
