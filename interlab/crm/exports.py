"""Export of the entrepreneurs a coach sees, to CSV or XLSX. Sensitive fields are never exported."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from interlab.core import spreadsheet
from interlab.core.languages import language_name

from .choices import Need
from .models import Project


def need_label(code: str) -> str:
    """A need in words ("financing" → "financement"); a code the list no longer has stays as it was stored."""
    return str(Need(code).label) if code in Need.values else code


def export_rows(entrepreneurs) -> list[list]:
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
                ", ".join(language_name(sl.code) for sl in person.spoken_languages.all()),
                ", ".join(need_label(need) for need in person.needs or []),
                person.arrival_year or "",
                project.title if project else "",
                project.stage.display_name() if project else "",
                str(project.coach) if project and project.coach else "",
            ]
        )
    return spreadsheet.plain_rows(rows)


def to_csv(rows: list[list]) -> bytes:
    return spreadsheet.to_csv(rows)


def to_xlsx(rows: list[list]) -> bytes:
    return spreadsheet.to_xlsx(rows, _("Entrepreneurs"))


def export_response(entrepreneurs, fmt: str) -> HttpResponse:
    """The download of these people as a CSV or XLSX file (the list's export, or a selection of it)."""
    rows = export_rows(entrepreneurs)
    if fmt == "xlsx":
        content = to_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = to_csv(rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="interlab-entrepreneurs-{stamp}.{fmt}"'
    return response
