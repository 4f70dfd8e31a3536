"""The trainer's tables as a real spreadsheet program opens them (LibreOffice, headless):
the Korean intact and a learner's "=HYPERLINK(…)" name still text, never a formula.

LibreOffice reads the .xlsx as it is; the CSV needs its import's character set set to
UTF-8 (Excel reads the BOM by itself), which is why the dashboard offers the .xlsx first.
The LibreOffice tests are skipped where it is not installed (``apt-get install
libreoffice-calc-nogui``).
"""

import shutil
import subprocess

import pytest

from classroom.spreadsheets import csv_response, safe_cell, xlsx_bytes

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed"
)

ROWS = [
    ["자리", "이름", "상황"],
    [1, '=HYPERLINK("http://x")', "발급 준비 완료"],
    [2, "김하나", "인증서 보유 (재발급 연습)"],
    [3, "@SUM(1)", "-1+1"],
]
# The CSV filter's options: comma, double quote, UTF-8 (76), from line 1; on export also
# "formulas as formulas" off and "as shown" on, so a formula would show as its result.
CSV_FILTER = "44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(*args, cwd) -> None:
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{cwd}/profile", *args],
        cwd=cwd, check=True, capture_output=True, timeout=180,
    )  # fmt: skip


def as_libreoffice_reads_it(path, tmp_path, *, infilter: str | None = None) -> str:
    """The sheet LibreOffice loads from ``path``, written back as UTF-8 CSV."""
    ods = tmp_path / "ods"
    soffice(*(["--infilter=" + infilter] if infilter else []),
            "--convert-to", "ods", str(path), "--outdir", str(ods), cwd=tmp_path)  # fmt: skip
    (loaded,) = ods.glob("*.ods")
    out = tmp_path / "out"
    soffice("--convert-to", f"csv:Text - txt - csv (StarCalc):{CSV_FILTER}", str(loaded),
            "--outdir", str(out), cwd=tmp_path)  # fmt: skip
    (written,) = out.glob("*.csv")
    return written.read_text(encoding="utf-8")


@needs_libreoffice
def test_the_xlsx_opens_with_korean_intact_and_names_as_text(tmp_path):
    path = tmp_path / "results.xlsx"
    path.write_bytes(xlsx_bytes(ROWS, title="수업 결과"))
    sheet = as_libreoffice_reads_it(path, tmp_path)
    assert "김하나,인증서 보유 (재발급 연습)" in sheet
    assert '"=HYPERLINK(""http://x"")"' in sheet  # the text itself, not a link's result
    assert "@SUM(1),-1+1" in sheet  # not 1 and 0


@needs_libreoffice
def test_the_csv_opens_as_utf8_with_formulas_escaped(tmp_path):
    path = tmp_path / "results.csv"
    path.write_bytes(csv_response(ROWS, filename="x.csv").content)
    sheet = as_libreoffice_reads_it(path, tmp_path, infilter="CSV:44,34,76,1")
    assert sheet.startswith("자리,이름,상황")  # the BOM is not a character of the sheet
    assert "김하나,인증서 보유 (재발급 연습)" in sheet
    assert "'=HYPERLINK" in sheet and "'@SUM(1)" in sheet and "'-1+1" in sheet


def test_safe_cell_escapes_every_formula_start():
    for start in ["=", "+", "-", "@", "\t", "\r", "\n", "\0"]:
        assert safe_cell(start + "1") == "'" + start + "1"
    assert safe_cell("김하나") == "김하나"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5  # numbers are numbers
    assert safe_cell(True) == "True"
