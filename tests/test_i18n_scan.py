"""Nothing user-facing in Korean outside gettext (issue 13).

A scan of the templates and of the Python source: any Hangul left after taking away what
gettext already carries fails the test, with the file and line to fix. Run it alone to
list what is left:  .venv/bin/python tests/test_i18n_scan.py [path ...]

What is not user-facing, and so not scanned: comments and docstrings, log lines, the
management commands' console output, migrations, the tests, and the data modules listed
in DATA_MODULES (persona names and addresses: a Korean name stays Korean in English).
A Korean word that must stay Korean in both languages on a page is marked as such with
``lang="ko"`` on its element; a Python line that is not user-facing says why with
``# i18n: <reason>``.
"""

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("portal", "accounts", "issuance", "lessons", "classroom")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")

# Data, not interface: what a persona is (names, addresses, banks' real Korean names).
DATA_MODULES = {
    "accounts/personas.py",
    "accounts/persona_factory.py",
    "portal/glossary.py",
}
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}

TEMPLATE_CARRIERS = [
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S),
    re.compile(r"\{%\s*trans(?:late)?\s+.*?%\}", re.S),
    re.compile(r"""_\((["']).*?\1\)""", re.S),
    # A Korean term kept in both languages, on purpose: <span lang="ko">공동인증서</span>
    re.compile(r"""<(\w+)\b[^>]*\blang=["']ko["'][^>]*>.*?</\1>""", re.S),
]


def _blank(match: re.Match) -> str:
    """Keep the line numbers: replace what gettext carries by its newlines only."""
    return "\n" * match.group(0).count("\n")


def template_violations(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for carrier in TEMPLATE_CARRIERS:
        text = carrier.sub(_blank, text)
    where = path.relative_to(ROOT)
    return [
        f"{where}:{number}: {line.strip()[:90]}"
        for number, line in enumerate(text.splitlines(), 1)
        if HANGUL.search(line)
    ]


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in LOG_METHODS
        and "log" in ast.unparse(func.value).lower()
    )


def _carried(tree: ast.AST) -> set[int]:
    """ids of the string nodes that gettext carries, or that are not user-facing."""
    carried: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            carried.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and (_call_name(node) in GETTEXT or _is_log_call(node)):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                carried.update(id(n) for n in ast.walk(argument))
    return carried


def python_violations(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    carried = _carried(tree)
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in carried or not HANGUL.search(node.value):
            continue
        line = lines[node.lineno - 1]
        if "# i18n:" in line:
            continue
        found.add((node.lineno, line.strip()[:90]))
    where = path.relative_to(ROOT)
    return [f"{where}:{number}: {text}" for number, text in sorted(found)]


def templates():
    return sorted((ROOT / "templates").rglob("*.html"))


def python_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or "management" in path.parts:
                continue
            if relative not in DATA_MODULES:
                yield path


def violations(paths=None) -> list[str]:
    found = []
    for path in paths or [*templates(), *python_modules()]:
        path = Path(path).resolve()
        found += template_violations(path) if path.suffix == ".html" else python_violations(path)
    return found


def test_no_template_has_korean_outside_gettext():
    found = [v for path in templates() for v in template_violations(path)]
    assert not found, "Korean outside gettext:\n" + "\n".join(found)


def test_no_python_module_has_user_facing_korean_outside_gettext():
    found = [v for path in python_modules() for v in python_violations(path)]
    assert not found, "Korean outside gettext:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% translate "다음" %}', 0),
        ("{% blocktranslate %}{{ n }}건{% endblocktranslate %}", 0),
        ('<span lang="ko">공동인증서</span>', 0),
        ("{# 주석 #}<p>다음</p>", 1),
        ("<button>확인</button>", 1),
    ],
)
def test_the_template_scan_finds_what_it_should(tmp_path, source, expected, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    page = tmp_path / "page.html"
    page.write_text(source, encoding="utf-8")
    assert len(template_violations(page)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('from django.utils.translation import gettext as _\nX = _("다음")\n', 0),
        ('def f():\n    """설명"""\n', 0),
        ('logger.info("발급 %s", 1)\n', 0),
        ('X = "다음"  # i18n: a key, never shown\n', 0),
        ('X = "다음"\n', 1),
        ('raise ValueError(f"계좌 {n}")\n', 1),
    ],
)
def test_the_python_scan_finds_what_it_should(tmp_path, source, expected, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    assert len(python_violations(module)) == expected


if __name__ == "__main__":
    left = violations(sys.argv[1:] or None)
    print("\n".join(left) or "nothing left")
    print(f"{len(left)} line(s)", file=sys.stderr)
