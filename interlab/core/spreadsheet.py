"""Spreadsheet exports (CSV and XLSX) that a spreadsheet program can never run as formulas.

Every CSV or XLSX download of InterLab is written here. A name typed on the public form such as
`=HYPERLINK("http://evil", "click")` would otherwise become a live formula in the coach's spreadsheet (CSV
injection). OWASP's advice is followed: a text cell starting with = + - @, a tab or a carriage return gets a
leading apostrophe, which spreadsheets read as "this is text" and do not show.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | Decimal


def safe_cell(value) -> Cell:
    """The value as a spreadsheet may hold it: numbers stay numbers, text never starts like a formula.

    Idempotent: a neutralised cell starts with an apostrophe, so neutralising it again changes nothing.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_rows(rows: Iterable[Sequence]) -> list[list[Cell]]:
    return [[safe_cell(value) for value in row] for row in rows]


def to_csv(rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents and Arabic names right."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(safe_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Sequence], title: str) -> bytes:
    """One sheet; every text cell is stored as a string, never as a formula."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    # Excel limits sheet titles to 31 characters and forbids a few of them.
    sheet = workbook.create_sheet("".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet")
    for row in safe_rows(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":  # unreachable after safe_cell; kept so a formula can never slip through
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
