"""The seeded drills, in every test here: a browser test elsewhere empties the database
(transactional tests flush it), the migration's rows with it."""

import pytest

from issuance.drills import seed
from issuance.models import Drill


@pytest.fixture(autouse=True)
def seeded_drills(db):
    seed.load(Drill)
