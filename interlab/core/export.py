"""The right of access: everything InterLab holds about one person, as JSON or as one ZIP with their files.

Files are read through their storage (local disk today, S3 tomorrow), copied in chunks into a temporary file
that stays in memory only while small: a person with hundreds of MB of scans never fills the server's memory.
"""

import json
import logging
import re
import tempfile
import unicodedata
import zipfile
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpRequest
from django.utils import timezone

from . import interfaces
from .interfaces import ExportFile
from .models import User

audit_log = logging.getLogger("interlab.audit")
logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
CHUNK = 1024 * 1024
IN_MEMORY_UP_TO = 8 * 1024 * 1024
NAME_MAX = 80
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Names Windows refuses for a file, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}

README = """InterLab — vos données / your data
===================================

FRANÇAIS
Cette archive contient tout ce qu'InterLab conserve à votre sujet au moment de l'export :
- data.json : vos données, section par section (compte, dossier d'accompagnement, projets et étapes,
  rendez-vous et tâches partagés, orientations, consentements, mentorat, réservations du tiers-lieu,
  dossiers de carte professionnelle, inscriptions aux événements) ; la liste « files » donne chaque
  fichier, son empreinte SHA-256 et son état (« included » : joint, « missing » : introuvable sur le
  stockage au moment de l'export) ;
- files/<application>/ : vos fichiers (documents déposés, PDF des dossiers et leurs annexes, carte de
  membre).
Les notes internes des accompagnateurs ne font pas partie de cet export : vous pouvez les demander par
une demande d'accès formelle auprès de l'incubateur. Les dates suivent la norme ISO 8601, avec leur
décalage horaire.

ENGLISH
This archive holds everything InterLab keeps about you at the time of the export:
- data.json: your data, section by section (account, your file, projects and stages, shared meetings
  and tasks, referrals, consents, mentoring, tiers-lieu bookings, professional-card dossiers, event
  registrations); the "files" list names each file, its SHA-256 checksum and its state ("included",
  or "missing": not found in storage at the time of the export);
- files/<app>/: your files (uploaded documents, dossier PDFs and their annexes, member card).
Coaches' internal notes are not part of this export: ask the incubator for them with a formal access
request. Dates follow ISO 8601, with their time offset.
"""


# --- the data ---------------------------------------------------------------------------------------------------


def person_data(user: User, request: HttpRequest | None = None) -> dict:
    """Everything held about the user, as one JSON-ready document (GET /api/v1/me/export): each app's sections,
    through its data-protection interface (interlab.core.interfaces)."""
    return interfaces.export(user, request)


def person_files(user: User, request: HttpRequest | None = None) -> list[ExportFile]:
    """The person's files across the apps (shared documents, dossier PDFs and annexes, the member card)."""
    return interfaces.files(user, request)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(title: str, content_type: str) -> str:
    """A file name from a title typed by anyone: no folder, no control character, no hidden or reserved name."""
    name = unicodedata.normalize("NFC", str(title or ""))
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" ._-")[:NAME_MAX].strip(" ._-")
    extension = EXTENSIONS.get(content_type, ".bin")
    if name.lower().endswith(extension):
        name = name[: -len(extension)].rstrip(" ._-")
    if not name or name.split(".")[0].casefold() in RESERVED:
        name = f"file_{name}" if name else "file"
    return name + extension


class Namer:
    """Unique paths inside the archive: a second "CV.pdf" becomes "CV (2).pdf" (case-insensitively)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def path(self, app: str, title: str, content_type: str) -> str:
        name = safe_name(title, content_type)
        stem, dot, extension = name.rpartition(".")
        candidate, n = f"files/{app}/{name}", 1
        while candidate.casefold() in self.used:
            n += 1
            candidate = f"files/{app}/{stem} ({n}){dot}{extension}"
        self.used.add(candidate.casefold())
        return candidate


# --- the archive ------------------------------------------------------------------------------------------------


def _copy_into(archive: zipfile.ZipFile, path: str, source: ExportFile) -> int:
    """Copies one file in chunks; returns its size. Raises if it cannot be read (nothing is added then)."""
    handle = source.open()
    try:
        first = handle.read(CHUNK)
        compress = zipfile.ZIP_STORED if source.content_type in EXTENSIONS else zipfile.ZIP_DEFLATED
        info = zipfile.ZipInfo(path, date_time=timezone.localtime().timetuple()[:6])
        info.compress_type = compress
        size = int(source.meta.get("size") or 0)
        with archive.open(info, "w", force_zip64=size > 2**30) as out:
            out.write(first)
            written = len(first)
            while chunk := handle.read(CHUNK):
                out.write(chunk)
                written += len(chunk)
        return written
    finally:
        handle.close()


def build_zip(user: User, request: HttpRequest | None = None) -> tuple[IO[bytes], dict]:
    """The archive in a temporary file (in memory while small), rewound; and a summary for the audit log."""
    data = person_data(user, request)
    listing: list[dict] = []
    namer = Namer()
    seen: dict[tuple, str] = {}
    out = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_UP_TO)  # noqa: SIM115 - handed to the response
    summary = {"files": 0, "missing": 0, "bytes": 0}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for source in person_files(user, request):
            entry = {"app": source.app, "title": source.title, "content_type": source.content_type, **source.meta}
            if source.key and source.key in seen:
                # The same stored file listed twice (a shared document used as an annex): one copy in the archive.
                listing.append({**entry, "state": "included", "path": seen[source.key]})
                continue
            path = namer.path(source.app, source.title, source.content_type)
            try:
                written = _copy_into(archive, path, source)
            except Exception as error:  # noqa: BLE001 - a file gone from any storage backend is reported, never a 500
                logger.warning(
                    "export: a file of user %s could not be read (%s: %s)",
                    user.pk,
                    source.name or source.app,
                    type(error).__name__,
                )
                listing.append({**entry, "state": "missing", "path": None})
                summary["missing"] += 1
                continue
            if source.key:
                seen[source.key] = path
            listing.append({**entry, "state": "included", "path": path, "size": written})
            summary["files"] += 1
            summary["bytes"] += written
        document = {
            "format_version": FORMAT_VERSION,
            "generated_at": timezone.now(),
            **data,
            "files": listing,
        }
        archive.writestr("data.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    out.seek(0)
    return out, summary


def audit(user: User, fmt: str, summary: dict | None = None) -> None:
    """One line per export (who, when, what): enough to answer "who downloaded this person's data"."""
    extra = " ".join(f"{k}={v}" for k, v in (summary or {}).items())
    audit_log.info("personal data export: user=%s format=%s %s", user.pk, fmt, extra)


def zip_response(user: User, request: HttpRequest | None = None) -> FileResponse:
    archive, summary = build_zip(user, request)
    audit(user, "zip", summary)
    name = f"interlab-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response = FileResponse(archive, content_type="application/zip", as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def json_document(user: User, request: HttpRequest | None = None) -> dict:
    data = person_data(user, request)
    audit(user, "json")
    return data


def json_bytes(user: User, request: HttpRequest | None = None) -> bytes:
    """The JSON document as a file to save (the page's download), dates in ISO 8601."""
    data = {"format_version": FORMAT_VERSION, "generated_at": timezone.now(), **json_document(user, request)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
