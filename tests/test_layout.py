"""The shape of the tree (docs/ARCHITECTURE.md): the import contracts hold, modules (the
tests' too) stay small enough to read, and the tests mirror the source tree."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("portal", "accounts", "issuance", "classroom", "tests")
MAX_MODULE_LINES = 400


def source_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("path", list(source_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_a_reader_can_hold(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)}: {lines} lines"


@pytest.mark.parametrize("area", ["ca", "flow", "center", "phone", "pki"])
def test_every_area_has_its_tests_beside_it(area):
    assert (ROOT / "issuance" / area).is_dir()
    assert list((ROOT / "tests" / "issuance" / area).glob("test_*.py"))


def test_property_tests_run_without_a_deadline():
    from hypothesis import settings

    assert settings().deadline is None


def test_a_new_views_module_is_held_by_the_contract_without_being_named(tmp_path):
    """The contract names views by pattern (``**.views``, ``**.views.*``): a module added
    to a views package that imports another views module breaks it at once."""
    for part in ("portal", "accounts", "issuance", "classroom"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "issuance" / "center" / "views" / "newpage.py").write_text(
        "from issuance.center.views import manage  # noqa: F401\n"
    )
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode != 0
    assert "No views module imports another views module BROKEN" in result.stdout
    assert "issuance.center.views.newpage -> issuance.center.views.manage" in result.stdout
