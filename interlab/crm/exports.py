"""Export of the entrepreneurs a coach sees, to CSV or XLSX. Sensitive fields are never exported."""

import csv
import io

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Project

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a cell starting with = + - @ is prefixed with '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_rows(entrepreneurs) -> list[list[str]]:
    header = [
        _("id"),
        _("first name"),
        _("last name"),
        _("e-mail"),
        _("phone"),
        _("commune"),
        _("languages"),
        _("needs"),
        _("arrival year"),
        _("project"),
        _("stage"),
        _("coach"),
    ]
    rows = [header]
    projects = Prefetch("projects", queryset=Project.objects.select_related("stage", "coach").order_by("-created_at"))
    for person in entrepreneurs.prefetch_related("spoken_languages", projects).iterator(chunk_size=2000):
        project = next(iter(person.projects.all()), None)
        rows.append(
            [
                person.pk,
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                person.commune,
                " ".join(sl.code for sl in person.spoken_languages.all()),
                " ".join(person.needs or []),
                person.arrival_year or "",
                project.title if project else "",
                project.stage.display_name() if project else "",
                str(project.coach) if project and project.coach else "",
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Entrepreneurs"))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
