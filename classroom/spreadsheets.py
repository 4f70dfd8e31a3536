"""Tables the trainer downloads, as CSV and as .xlsx, safe to open in a spreadsheet.

Learners choose their own display names, so a name such as ``=HYPERLINK("http://x")``
must never become a live formula in the trainer's Excel or LibreOffice. Every text
cell that starts with a character a spreadsheet reads as the start of a formula
(``=``, ``+``, ``-``, ``@``, a tab, a carriage return, a line feed or NUL) is escaped
with a leading apostrophe, as OWASP's CSV-injection advice and ASVS 1.2.10 say:

- in the CSV (RFC 4180, Python's ``csv``; UTF-8 with a BOM so that Excel and
  LibreOffice read the Korean) the apostrophe is written before the text;
- in the .xlsx (openpyxl) every text cell is stored as a string, never a formula, and
  such a cell carries the "quote prefix" style: the apostrophe Excel itself adds when
  one types ``'=…``, hidden on screen, so the cell stays text even when edited.
  Control characters XML cannot hold are dropped.

Numbers are written as numbers.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def could_be_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def safe_cell(value):
    """``value`` as a CSV cell: text that could start a formula is prefixed with an
    apostrophe; numbers stay numbers."""
    if is_number(value):
        return value
    text = str(value)
    return "'" + text if could_be_formula(text) else text


def safe_rows(rows):
    return [[safe_cell(value) for value in row] for row in rows]


def csv_response(rows, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM: Excel and LibreOffice then read the file as UTF-8
    csv.writer(response).writerows(safe_rows(rows))
    return response


def xlsx_bytes(rows, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit for a sheet name
    for values in rows:
        sheet.append(
            [value if is_number(value) else ILLEGAL_CHARACTERS_RE.sub("", str(value))
             for value in values]
        )  # fmt: skip
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # openpyxl would store "=…" as a formula
                cell.quotePrefix = could_be_formula(cell.value)
    if rows:
        sheet.freeze_panes = "A2"
        for index, heading in enumerate(rows[0], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(8, len(str(heading)) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(rows, *, filename: str, title: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(rows, title=title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
