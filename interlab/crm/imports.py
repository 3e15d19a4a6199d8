"""Import of entrepreneurs from CSV or XLSX: parse and check everything, show a preview, write on confirm.

Nothing is written before the coach confirms; the confirmation writes every accepted row in one
transaction or none. Possible duplicates (same e-mail, same phone, or same name) are never merged: they
are skipped unless the coach ticks them, and then imported with a "possible duplicate" flag to review.
"""

import csv
import io

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from interlab.core import uploads
from interlab.core.languages import is_language_code
from interlab.core.models import User
from interlab.core.text import normalise

from . import services
from .forms import parse_languages
from .models import Entrepreneur, ImportBatch, Need

COLUMNS = {
    "first_name": ["first_name", "first name", "prenom", "prénom", "firstname"],
    "last_name": ["last_name", "last name", "nom", "lastname", "nom de famille"],
    "email": ["email", "e-mail", "courriel", "mail"],
    "phone": ["phone", "telephone", "téléphone", "tel", "gsm"],
    "commune": ["commune", "city", "ville", "municipality"],
    "languages": ["languages", "langues", "language", "langue"],
    "needs": ["needs", "besoins"],
    "arrival_year": ["arrival_year", "arrival year", "annee d'arrivee", "année d'arrivée", "arrivee"],
    "project_title": ["project_title", "project", "projet", "titre du projet"],
}
NEED_ALIASES = (
    {normalise(str(label)): key for key, label in Need.choices}
    | {key: key for key in Need.values}
    | {
        "financement": "financing",
        "demarches administratives": "admin",
        "administratif": "admin",
        "langue": "language",
        "reconnaissance des diplomes": "diploma",
        "diplome": "diploma",
        "mentorat": "mentoring",
        "reseau": "network",
    }
)


class ImportRefused(Exception):
    """The file as a whole cannot be read: nothing is kept."""


def _header_map(header: list[str]) -> dict[int, str]:
    lookup = {normalise(alias): field for field, aliases in COLUMNS.items() for alias in aliases}
    mapping = {}
    for index, title in enumerate(header):
        field = lookup.get(normalise(str(title or "")))
        if field and field not in mapping.values():
            mapping[index] = field
    if "first_name" not in mapping.values():
        raise ImportRefused(
            _("The first row must hold column names, including a first name column (first_name or prénom).")
        )
    return mapping


def _read_table(data: bytes) -> list[list[str]]:
    if data[:4] == b"PK\x03\x04":
        try:
            # Bounded before openpyxl unpacks anything: it holds every shared string of the workbook in memory.
            uploads.check_archive(data)
        except ValidationError as exc:
            raise ImportRefused(" ".join(exc.messages)) from exc
        try:
            import openpyxl

            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = []
            # Stop past the row limit: a small, highly compressed file must not fill the memory.
            for row in sheet.iter_rows(values_only=True, max_row=settings.IMPORT_MAX_ROWS + 2):
                rows.append(["" if v is None else str(v).replace("\x00", "") for v in row])
            workbook.close()
            return rows
        except Exception as exc:  # openpyxl raises many kinds (zip, XML, KeyError) on a broken workbook
            raise ImportRefused(
                _("This spreadsheet cannot be read (%(error)s).") % {"error": exc.__class__.__name__}
            ) from exc
    if b"\x00" in data:
        raise ImportRefused(_("This file is neither a CSV text file nor an XLSX spreadsheet."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # spreadsheets saved by older Excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ImportRefused(_("This CSV file is malformed (%(error)s).") % {"error": exc}) from exc


def _year(value: str, errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        year = int(float(value))
    except ValueError:
        errors.append(_("arrival year “%(value)s” is not a year") % {"value": value})
        return None
    if not 1930 <= year <= 2100:
        errors.append(_("arrival year %(value)s is out of range") % {"value": year})
        return None
    return year


def _possible_phone(value: str) -> bool:
    """Whether the text can be a phone number at all (its length fits a country's plan); a number without its
    international prefix is of settings.SMS_DEFAULT_REGION. Lenient on purpose: a number a plan does not list
    yet is kept, "abc" or "+32 4" is not."""
    try:
        number = phonenumbers.parse(value, settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def _clean_row(raw: dict[str, str]) -> tuple[dict, list[str]]:
    errors: list[str] = []
    data = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    if not data["first_name"]:
        errors.append(_("the first name is missing"))
    limits = {"first_name": 100, "last_name": 100, "email": 254, "phone": 40, "commune": 100, "project_title": 200}
    for field, limit in limits.items():
        if len(data[field]) > limit:
            errors.append(_("“%(field)s” is longer than %(n)s characters") % {"field": field, "n": limit})
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors.append(_("“%(value)s” is not a valid e-mail address") % {"value": data["email"]})
    if data["phone"] and not _possible_phone(data["phone"]):
        errors.append(_("“%(value)s” is not a phone number") % {"value": data["phone"]})
    try:
        languages = parse_languages(data["languages"])
    except ValidationError as exc:
        errors.extend(exc.messages)
        languages = []
    for item in languages:
        if not is_language_code(item["code"]):
            errors.append(_("unknown language code “%(value)s”") % {"value": item["code"]})
    needs = []
    for item in filter(None, (n.strip() for n in data["needs"].replace(";", ",").split(","))):
        key = NEED_ALIASES.get(normalise(item))
        if key is None:
            errors.append(_("unknown need “%(value)s”") % {"value": item})
        elif key not in needs:
            needs.append(key)
    clean = {
        "first_name": data["first_name"][:100],
        "last_name": data["last_name"][:100],
        "email": data["email"][:254],
        "phone": data["phone"][:40],
        "commune": data["commune"][:100],
        "languages": languages,
        "needs": needs,
        "arrival_year": _year(data["arrival_year"], errors),
        "project_title": data["project_title"][:200],
    }
    return clean, errors


def _duplicate_keys(row: dict) -> list[str]:
    keys = []
    if row["email"]:
        keys.append("email:" + row["email"].lower())
    phone = "".join(ch for ch in row["phone"] if ch.isdigit())
    if len(phone) >= 8:
        keys.append("phone:" + phone[-9:])
    name = normalise(f"{row['first_name']} {row['last_name']}")
    if row["last_name"]:
        keys.append("name:" + name)
    return keys


def _existing_duplicates(rows: list[dict]) -> dict[str, int]:
    emails = {r["data"]["email"].lower() for r in rows if r["data"]["email"]}
    names = {normalise(f"{r['data']['first_name']} {r['data']['last_name']}") for r in rows if r["data"]["last_name"]}
    found: dict[str, int] = {}
    people = Entrepreneur.objects.active()
    for pk, email in people.filter(email__in=emails).values_list("pk", "email"):
        found.setdefault("email:" + email.lower(), pk)
    name_set = set(names)
    names = sorted(names)
    for start in range(0, len(names), 200):
        condition = Q(pk__in=[])
        for name in names[start : start + 200]:
            condition |= Q(search_text__startswith=name)
        for pk, first, last in people.filter(condition).values_list("pk", "first_name", "last_name"):
            key = "name:" + normalise(f"{first} {last}")
            if key[5:] in name_set:
                found.setdefault(key, pk)
    phones = {k for r in rows for k in _duplicate_keys(r["data"]) if k.startswith("phone:")}
    if phones:
        for pk, phone in people.exclude(phone="").values_list("pk", "phone").iterator():
            digits = "".join(ch for ch in phone if ch.isdigit())
            key = "phone:" + digits[-9:]
            if len(digits) >= 8 and key in phones:
                found.setdefault(key, pk)
    return found


def import_preview(*, uploaded, by: User) -> ImportBatch:
    """Read and check the whole file, store the result as a preview batch. Writes no entrepreneur."""
    try:
        data = uploads.read_upload(uploaded, limit=settings.IMPORT_MAX_BYTES)
    except ValidationError as exc:
        raise ImportRefused(" ".join(exc.messages)) from exc
    table = [row for row in _read_table(data) if any(str(cell).strip() for cell in row)]
    if len(table) < 2:
        raise ImportRefused(_("The file has no rows below its column names."))
    if len(table) - 1 > settings.IMPORT_MAX_ROWS:
        raise ImportRefused(_("The file has more than %(n)s rows; split it.") % {"n": settings.IMPORT_MAX_ROWS})
    mapping = _header_map(table[0])
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        raw = {field: (cells[i] if i < len(cells) else "") for i, field in mapping.items()}
        clean, errors = _clean_row(raw)
        rows.append({"line": line, "data": clean, "errors": errors, "duplicate_of": None, "duplicate_in_file": None})
    existing = _existing_duplicates(rows)
    seen: dict[str, int] = {}
    for row in rows:
        for key in _duplicate_keys(row["data"]):
            if key in existing and row["duplicate_of"] is None:
                row["duplicate_of"] = existing[key]
            if key in seen and row["duplicate_in_file"] is None:
                row["duplicate_in_file"] = seen[key]
            seen.setdefault(key, row["line"])
    return ImportBatch.objects.create(created_by=by, filename=(uploaded.name or "import")[:255], rows=rows)


def preview_summary(batch: ImportBatch) -> dict[str, int]:
    """What confirming will do: `ready` rows are imported, rows with errors left out, possible duplicates skipped
    unless ticked (each row counted once)."""
    rows = batch.rows
    errors = sum(1 for r in rows if r["errors"])
    duplicates = sum(1 for r in rows if not r["errors"] and (r["duplicate_of"] or r["duplicate_in_file"]))
    return {"total": len(rows), "ready": len(rows) - errors - duplicates, "errors": errors, "duplicates": duplicates}


def import_confirm(*, batch: ImportBatch, by: User, include_duplicates: set[int]) -> dict:
    """Write the batch: every valid row, duplicates only where ticked (then flagged). All or nothing."""
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportRefused(_("This import was already confirmed or cancelled."))
    created, skipped, invalid = [], [], []
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ImportRefused(_("This import was already confirmed or cancelled."))
        for row in batch.rows:
            if row["errors"]:
                invalid.append(row["line"])
                continue
            is_duplicate = row["duplicate_of"] or row["duplicate_in_file"]
            if is_duplicate and row["line"] not in include_duplicates:
                skipped.append(row["line"])
                continue
            data = dict(row["data"])
            try:
                with transaction.atomic():
                    entrepreneur = services.entrepreneur_create(by=by, **data)
            except ValidationError as exc:
                row["errors"] = exc.messages
                invalid.append(row["line"])
                continue
            if row["duplicate_of"]:
                Entrepreneur.objects.filter(pk=entrepreneur.pk).update(possible_duplicate_of_id=row["duplicate_of"])
            created.append(entrepreneur.pk)
        batch.status = ImportBatch.Status.CONFIRMED
        batch.result = {"created": created, "skipped": skipped, "invalid": invalid}
        batch.rows = []  # the people are in the pipeline now; no second copy of their data is kept
        batch.save(update_fields=["status", "result", "rows"])
    return batch.result


def import_cancel(*, batch: ImportBatch) -> None:
    """Drop a preview. Refused once confirmed: the message "nothing was written" must stay true."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ImportRefused(_("This import was already confirmed or cancelled."))
        batch.status = ImportBatch.Status.CANCELLED
        batch.rows = []
        batch.save(update_fields=["status", "rows"])
