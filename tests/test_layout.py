"""The shape of the tree (docs/ARCHITECTURE.md): the import contracts hold, modules (the
tests' too) stay small enough to read, and the tests mirror the source tree."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("portal", "accounts", "issuance", "lessons", "classroom", "tests")
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
    for part in ("portal", "accounts", "issuance", "lessons", "classroom"):
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


# Every source module with behaviour has its tests: a module named after it beside it
# (tests/<path>/test_<name>.py), or, where its behaviour is tested through the pages
# and services of an area, the modules named here. A new module has neither: it fails.
DECLARATIONS = {  # no behaviour of their own: words, choices, wiring
    "accounts/context_processors.py", "classroom/messages.py", "classroom/situations.py",
    "issuance/center/messages.py", "issuance/flow/messages.py", "issuance/transfer/messages.py",
    "issuance/pki/errors.py", "portal/asgi.py", "portal/wsgi.py", "portal/site_urls.py",
    "portal/context_processors.py", "classroom/admin.py",
}  # fmt: skip
TESTED_BY = {
    **{
        f"portal/formats/{language}/formats.py": ["tests/portal/test_formats.py"]
        for language in ("ko", "en", "vi", "zh_Hans")
    },
    "accounts/admin_forms.py": ["tests/accounts/test_admin.py"],
    "accounts/backends.py": ["tests/accounts/test_login.py", "tests/accounts/test_lockout.py"],
    "accounts/crypto.py": ["tests/accounts/test_secrets_at_rest.py"],
    "accounts/forms.py": ["tests/accounts/test_login.py", "tests/accounts/test_join.py"],
    "accounts/hashers.py": ["tests/accounts/test_secrets_at_rest.py"],
    "accounts/idle.py": ["tests/accounts/test_idle_logout.py"],
    "accounts/rrn.py": [
        "tests/accounts/test_models.py",
        "tests/issuance/flow/test_foreign_resident.py",
    ],
    "accounts/services.py": [
        "tests/accounts/test_lockout.py",
        "tests/accounts/test_join.py",
        "tests/accounts/test_lockout_concurrency.py",
    ],
    "accounts/throttle.py": [
        "tests/accounts/test_login.py",
        "tests/issuance/flow/test_counters.py",
    ],
    "accounts/validators.py": ["tests/accounts/test_models.py", "tests/accounts/test_join.py"],
    "accounts/views.py": [
        "tests/accounts/test_login.py",
        "tests/accounts/test_join.py",
        "tests/accounts/test_banking.py",
    ],
    "classroom/codes.py": [
        "tests/classroom/test_services.py",
        "tests/classroom/test_learner_live.py",
    ],
    "classroom/context_processors.py": ["tests/classroom/test_views.py"],
    "classroom/handouts.py": ["tests/classroom/test_views.py"],
    "classroom/help_models.py": [
        "tests/classroom/test_helpers.py",
        "tests/classroom/test_help_queue.py",
    ],
    "classroom/learner/browser.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_learner_live.py",
    ],
    "classroom/learner/forms.py": ["tests/classroom/test_learner_live.py"],
    "classroom/learner/views.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_learner_live.py",
    ],
    "classroom/links.py": ["tests/classroom/test_commands.py"],
    "classroom/middleware.py": ["tests/classroom/test_views.py"],
    "classroom/models.py": ["tests/classroom/test_services.py"],
    "classroom/scenarios.py": ["tests/classroom/test_services.py"],
    "classroom/selectors.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_trainer_pages.py",
    ],
    "classroom/trainer/forms.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_trainer_pages.py",
    ],
    "classroom/trainer/views.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_trainer_pages.py",
    ],
    "classroom/trainer/access.py": [
        "tests/classroom/test_views.py",
        "tests/classroom/test_helpers.py",
    ],
    "classroom/trainer/help_views.py": [
        "tests/classroom/test_helpers.py",
        "tests/classroom/test_help_queue.py",
    ],
    "lessons/checklist.py": ["tests/lessons/test_seed.py", "tests/lessons/test_views.py"],
    "lessons/models.py": ["tests/lessons/test_seed.py", "tests/lessons/test_admin.py"],
    "lessons/selectors.py": ["tests/lessons/test_views.py", "tests/classroom/test_lessons.py"],
    "classroom/trainer/quiz_views.py": ["tests/classroom/test_quiz.py"],
    "classroom/trainer/pack_views.py": ["tests/classroom/test_pack_views.py"],
    "classroom/learner/quiz_views.py": ["tests/classroom/test_quiz.py"],
    "classroom/learner/takehome_views.py": ["tests/classroom/test_takehome.py"],
    "classroom/management/commands/takehome_expire.py": ["tests/classroom/test_takehome.py"],
    "issuance/ca/authority.py": [
        "tests/issuance/ca/test_services.py",
        "tests/issuance/ca/test_views.py",
    ],
    "issuance/ca/crl.py": ["tests/issuance/ca/test_services.py", "tests/issuance/ca/test_views.py"],
    "issuance/ca/exports.py": [
        "tests/issuance/ca/test_keystores.py",
        "tests/issuance/center/test_manage.py",
    ],
    "issuance/ca/renewal.py": ["tests/issuance/center/test_renew.py"],
    "issuance/ca/revocation.py": [
        "tests/issuance/ca/test_services.py",
        "tests/issuance/test_transitions.py",
    ],
    "issuance/ca/selectors.py": ["tests/issuance/flow/test_services.py"],
    "issuance/ca/sequence.py": [
        "tests/issuance/ca/test_concurrency.py",
        "tests/issuance/ca/test_services.py",
    ],
    "issuance/center/challenges.py": ["tests/issuance/center/test_certificate_login.py"],
    "issuance/center/copying.py": ["tests/issuance/center/test_copy.py"],
    "issuance/center/token.py": ["tests/issuance/center/test_token_pin.py"],
    "issuance/center/forms.py": [
        "tests/issuance/center/test_certificate_login.py",
        "tests/issuance/center/test_copy.py",
    ],
    "issuance/center/login.py": ["tests/issuance/center/test_certificate_login.py"],
    "issuance/center/pages.py": ["tests/issuance/center/test_manage.py"],
    "issuance/center/registration.py": ["tests/issuance/center/test_register.py"],
    "issuance/center/requests.py": [
        "tests/issuance/center/test_copy.py",
        "tests/issuance/test_transitions.py",
    ],
    "issuance/center/selectors.py": ["tests/issuance/center/test_manage.py"],
    "issuance/center/services.py": [
        "tests/issuance/center/test_manage.py",
        "tests/issuance/center/test_renew.py",
    ],
    "issuance/center/signing.py": [
        "tests/issuance/center/test_certificate_login.py",
        "tests/issuance/transfer/test_transfer.py",
    ],
    "issuance/center/views/copy.py": ["tests/issuance/center/test_copy.py"],
    "issuance/center/views/dialog.py": ["tests/issuance/center/test_dialog_tools.py"],
    "issuance/center/views/finance.py": ["tests/issuance/center/test_finance_views.py"],
    "issuance/center/views/cloud.py": ["tests/issuance/center/test_cloud_login.py"],
    "issuance/center/cloud_login.py": ["tests/issuance/center/test_cloud_login.py"],
    "issuance/flow/views/finance.py": ["tests/issuance/flow/test_finance_views.py"],
    "issuance/phone/screens.py": ["tests/issuance/phone/test_views.py"],
    "issuance/phone/drill_views.py": ["tests/issuance/drills/test_views.py"],
    "issuance/drills/fake_page.py": ["tests/issuance/drills/test_views.py"],
    "issuance/drills/selectors.py": ["tests/issuance/drills/test_views.py"],
    "issuance/drills/messages.py": ["tests/issuance/drills/test_services.py"],
    "issuance/center/views/install.py": ["tests/issuance/center/test_security_install.py"],
    "issuance/center/views/login.py": ["tests/issuance/center/test_certificate_login.py"],
    "issuance/center/views/manage.py": [
        "tests/issuance/center/test_manage.py",
        "tests/issuance/center/test_renew.py",
    ],
    "issuance/center/views/register.py": ["tests/issuance/center/test_register.py"],
    "issuance/choices.py": ["tests/issuance/ca/test_keystores.py"],
    "issuance/devices.py": [
        "tests/issuance/center/test_certificate_login.py",
        "tests/test_cross_customer.py",
    ],
    "issuance/fields.py": [
        "tests/issuance/flow/test_foreign_resident.py",
        "tests/portal/test_secret_fields.py",
    ],
    "issuance/flow/browser.py": ["tests/issuance/flow/test_tampering.py"],
    "issuance/flow/forms.py": ["tests/issuance/flow/test_views.py"],
    "issuance/flow/limits.py": [
        "tests/issuance/flow/test_counters.py",
        "tests/issuance/test_scenario_rules.py",
    ],
    "issuance/flow/pages.py": [
        "tests/issuance/flow/test_tampering.py",
        "tests/issuance/flow/test_views.py",
    ],
    "issuance/flow/selectors.py": [
        "tests/issuance/flow/test_services.py",
        "tests/issuance/flow/test_views.py",
    ],
    "issuance/flow/views/clock.py": ["tests/issuance/flow/test_clock.py"],
    "issuance/flow/views/install.py": ["tests/issuance/flow/test_views.py"],
    "issuance/flow/views/steps.py": ["tests/issuance/flow/test_views.py"],
    "issuance/models/ca.py": ["tests/issuance/ca/test_services.py"],
    "issuance/models/center.py": ["tests/issuance/test_transitions.py"],
    "issuance/models/flow.py": ["tests/issuance/flow/test_machine.py"],
    "issuance/models/transfer.py": ["tests/issuance/transfer/test_transfer.py"],
    "issuance/models/drills.py": ["tests/issuance/drills/test_services.py"],
    "issuance/personas.py": ["tests/issuance/test_persona_reset.py"],
    "issuance/phone/forms.py": ["tests/issuance/phone/test_views.py"],
    "issuance/querysets.py": [
        "tests/issuance/test_transitions.py",
        "tests/issuance/test_data_size.py",
    ],
    "issuance/transfer/forms.py": ["tests/issuance/transfer/test_transfer.py"],
    "issuance/transfer/services.py": [
        "tests/issuance/transfer/test_transfer.py",
        "tests/issuance/transfer/test_concurrency.py",
    ],
    "issuance/transfer/views.py": ["tests/issuance/transfer/test_transfer.py"],
    "issuance/pki/cms.py": ["tests/lessons/test_cms.py"],  # the 수료증's signature
    "lessons/completion/browser.py": ["tests/lessons/test_completion.py"],
    "lessons/completion/forms.py": ["tests/lessons/test_completion.py"],
    "lessons/completion/pdf.py": ["tests/lessons/test_completion.py"],
    "lessons/completion/page.py": [
        "tests/lessons/test_completion_pages.py",
        "tests/classroom/test_lessons.py",
    ],
    "lessons/completion/services.py": ["tests/lessons/test_completion.py"],
    "lessons/completion/signer.py": ["tests/lessons/test_completion.py"],
    "lessons/completion/verify.py": ["tests/lessons/test_completion.py"],
    "portal/catalogues.py": ["tests/test_i18n_po.py"],
    "portal/checks.py": ["tests/test_settings.py"],
    "portal/display.py": ["tests/portal/test_easy_view.py"],
    "portal/glossary.py": ["tests/portal/test_info_pages.py"],
    "portal/middleware.py": ["tests/portal/test_shell.py"],
    "portal/secrets.py": ["tests/test_settings.py"],
    "portal/settings.py": ["tests/test_settings.py"],
    "portal/templatetags/page.py": ["tests/portal/test_shell.py"],
    "portal/views.py": ["tests/portal/test_shell.py", "tests/portal/test_info_pages.py"],
}


def modules_with_behaviour():
    for package in ("accounts", "classroom", "issuance", "lessons", "portal"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "management" in parts:
                continue
            if path.name in ("__init__.py", "apps.py", "urls.py"):
                continue
            yield path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("module", list(modules_with_behaviour()))
def test_every_module_with_behaviour_has_its_tests(module):
    if module in DECLARATIONS:
        return
    path = Path(module)
    beside = ROOT / "tests" / path.parent / f"test_{path.stem}.py"
    elsewhere = [ROOT / test for test in TESTED_BY.get(module, [])]
    assert beside.exists() or elsewhere, f"{module}: no tests/{path.parent}/test_{path.stem}.py"
    missing = [test for test in elsewhere if not test.exists()]
    assert not missing, missing
