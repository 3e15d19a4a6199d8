"""Spreadsheet exports (CSV and XLSX) that a spreadsheet program can never run as formulas.

Every CSV or XLSX download of InterLab is written here. A name typed on the public form such as
`=HYPERLINK("http://evil", "click")` would otherwise become a live formula in the coach's spreadsheet (CSV
injection). In a CSV file, OWASP's advice is followed: a text cell starting with = + - @, a tab or a carriage
return gets a leading apostrophe, which spreadsheets read as "this is text". An XLSX file says what each cell
is, so its text cells are written as strings (never formulas, never error codes) exactly as typed: a phone
number "+32 470 06 12 34" or a name stays as people wrote it, with no apostrophe to see or to delete.

A CSV cell is also judged as each reader may split it (`csv_cell`). Our CSV files are separated by semicolons,
which is what Excel in French and Dutch (Belgium's list separator) reads into columns; Excel in English, or a
tool that ignores quotes, splits on commas, tabs or new lines instead. So every fragment that follows a `;`,
`,`, tab or new line and would start a formula gets the apostrophe too: `x;=HYPERLINK(…)` is written
`x;'=HYPERLINK(…)`, harmless however the line is cut. There is no `sep=;` first line: Excel then ignores the
byte-order mark and garbles accents and Arabic names, and every other program shows the line as data.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
# What a reader may trim from the start of a field (blanks, and quotes for one that strips them naively).
_TRIMMED = ' \t\r\n"'
# A separator some reader may split on, what it may trim, then a character that starts a formula.
_FRAGMENT_FORMULA = re.compile(r'([;,\t\r\n][ \t\r\n"]*)(?=[=+\-@])')

Cell = str | int | float | Decimal


def plain_cell(value) -> Cell:
    """The value as a spreadsheet cell holds it: numbers stay numbers, yes/no in words, anything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return value
    return str(value)


def plain_rows(rows: Iterable[Sequence]) -> list[list[Cell]]:
    return [[plain_cell(value) for value in row] for row in rows]


def safe_cell(value) -> Cell:
    """`plain_cell`, and text never starts like a formula (for CSV, whose cells carry no type).

    Idempotent: a neutralised cell starts with an apostrophe, so neutralising it again changes nothing.
    """
    value = plain_cell(value)
    if not isinstance(value, str):
        return value
    text = value
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value) -> Cell:
    """`safe_cell`, and no fragment after a separator a reader may split on starts like a formula either.

    Idempotent like safe_cell: a neutralised fragment starts with an apostrophe."""
    value = safe_cell(value)
    if not isinstance(value, str):
        return value
    if value[:1] in (" ", '"') and value.lstrip(_TRIMMED).startswith(FORMULA_STARTS):
        value = "'" + value  # a reader that trims the start of a field would otherwise meet the formula
    return _FRAGMENT_FORMULA.sub(r"\1'", value)


def safe_rows(rows: Iterable[Sequence]) -> list[list[Cell]]:
    return [[safe_cell(value) for value in row] for row in rows]


def to_csv(rows: Iterable[Sequence]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, so that Excel in French and Dutch reads columns,
    accents and Arabic names right; every cell through `csv_cell`. Every CSV of InterLab is written here."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=CSV_DELIMITER).writerows([[csv_cell(value) for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Sequence], title: str) -> bytes:
    """One sheet; every text cell is stored as a string as typed, never as a formula or an error code.

    The rows are given plain (`plain_rows`): the cell's type, not an apostrophe, keeps "=…" or "+32…" text."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    # Excel limits sheet titles to 31 characters and forbids a few of them.
    sheet = workbook.create_sheet("".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet")
    for row in plain_rows(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, str):  # openpyxl would read "=…" as a formula and "#N/A" as an error
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
