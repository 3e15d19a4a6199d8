"""The one check every personal file goes through on its way in, whichever app receives it.

A file is judged by its bytes, never by its name or the browser's claim: its size (settings.UPLOAD_MAX_BYTES
unless the use says otherwise), its type sniffed from the content and allowed for that use, then opened as what
it is: a PDF must parse, be unencrypted, carry no script or automatic action and not unpack to gigabytes; an
image must decode and stay under a pixel count. A compressed archive (an XLSX workbook) is bounded before
anything unpacks it (`check_archive`). Every refusal is a ValidationError on the "file" field, in words the
person can act on.
"""

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
# What a person may hand in as a document (an ID, a certificate, a scan, a photo).
DOCUMENT_TYPES = frozenset({PDF, JPEG, PNG})
TYPE_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}

# A 300 dpi A4 scan is 9 million pixels and a good phone photo 12 to 48 million: beyond this, a decompression bomb.
MAX_IMAGE_PIXELS = 50_000_000
# What the pages of one PDF may unpack to: text pages take tens of kilobytes, scans far less (images aside).
MAX_PDF_CONTENT_BYTES = 20_000_000
MAX_PDF_OBJECTS = 200_000
# Actions that run something, send something or reach another file (a remote file on a \\server\share path makes
# Windows hand over the reader's credentials); embedded files are refused too: a personal file is read, not run.
ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/Rendition", "/GoToR", "/GoToE"}
)
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/RichMedia", "/XFA", "/EmbeddedFiles"})


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed `check_upload`: its bytes, its sniffed type, its page count (1 for an image)."""

    name: str
    data: bytes
    content_type: str
    pages: int


def refusal(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def check_upload(uploaded, *, allowed: frozenset[str] = DOCUMENT_TYPES, limit: int | None = None) -> CheckedUpload:
    """Read the upload and check it whole; raises ValidationError({"file": ...}) with the first problem found."""
    data = read_upload(uploaded, limit=limit)
    content_type = sniff(data, allowed)
    pages = check_content(data, content_type)
    return CheckedUpload(name=uploaded.name or "", data=data, content_type=content_type, pages=pages)


def read_upload(uploaded, *, limit: int | None = None) -> bytes:
    """The upload's bytes, refused if empty or over `limit` (settings.UPLOAD_MAX_BYTES by default).

    The limit is also held while reading, so a size the upload handler got wrong cannot fill the memory."""
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    size = uploaded.size
    chunks, read = [], 0
    if size is None or size <= limit:
        for chunk in uploaded.chunks():
            read += len(chunk)
            if read > limit:
                size = read
                break
            chunks.append(chunk)
    if size is not None and size > limit:
        message = _("The file is too large (%(size)s); the limit is %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(limit),
        }
        raise refusal(message, "file_size")
    data = b"".join(chunks)
    if not data:
        raise refusal(_("The file is empty."), "file_empty")
    return data


def sniff(data: bytes, allowed: frozenset[str] = DOCUMENT_TYPES) -> str:
    """The content type from the bytes themselves; the file's name and the browser's claim are ignored."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else ""
    if mime not in allowed:
        if allowed == DOCUMENT_TYPES:
            message = _("Only PDF, JPEG or PNG files are accepted; this file is not one of them.")
        else:
            names = ", ".join(sorted(TYPE_NAMES.get(t, t) for t in allowed))
            message = _("This kind of file is not accepted here; accepted: %(types)s.") % {"types": names}
        raise refusal(message, "file_type")
    if mime == PDF and b"%%EOF" not in data[-2048:]:
        raise refusal(_("This PDF file is incomplete or damaged."), "file_damaged")
    return mime


def check_content(data: bytes, content_type: str) -> int:
    """Open the file as what it is; an encrypted, active or damaged one is refused. Returns its page count."""
    if content_type == PDF:
        return _check_pdf(data)
    if content_type in (JPEG, PNG):
        return _check_image(data)
    return 1


def _check_pdf(data: bytes) -> int:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Nothing inside can be checked without the password, and nobody downstream can open it either.
            raise refusal(
                _("This PDF is protected by a password or encrypted; upload an unprotected copy."), "file_encrypted"
            )
        pages = len(reader.pages)
        budget = MAX_PDF_CONTENT_BYTES
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reading every page's box proves the page tree is sound
            budget -= _page_content_size(page, budget)
            if budget < 0:
                raise refusal(
                    _(
                        "This PDF is too heavy to check (its pages unpack to too much content); "
                        "print it to a new PDF or scan the paper, and upload that copy."
                    ),
                    "file_complex",
                )
            page.get_contents()
        if pdf_has_active_content(reader):
            raise refusal(
                _(
                    "This PDF contains scripts or automatic actions, which are not accepted; "
                    "print it to a new PDF or scan the paper, and upload that copy."
                ),
                "file_active",
            )
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on a broken file; all mean "damaged"
        raise refusal(_("This PDF file is damaged and cannot be read."), "file_damaged") from None
    if pages == 0:
        raise refusal(_("This PDF has no pages."), "file_damaged")
    return pages


def _check_image(data: bytes) -> int:
    from PIL import Image

    too_large = refusal(
        _("This image is too large (more than %(limit)s million pixels); photograph or scan it at a lower resolution.")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        "file_pixels",
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The header gives the size before any pixel is decoded: a small file can unpack to gigabytes.
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_large
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise too_large from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on a broken image
        raise refusal(_("This image is damaged and cannot be read."), "file_damaged") from None
    return 1


def _page_content_size(page, budget: int) -> int:
    """How many bytes the page's drawing instructions unpack to, counting no further than `budget` + 1: a
    kilobyte of deflated zeros can unpack to tens of megabytes, and sixty such pages to gigabytes."""
    import zlib

    from pypdf.generic import ArrayObject, NameObject

    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
    total = 0
    for stream in streams:
        stream = stream.get_object()
        filters = stream.get("/Filter")
        names = [filters] if isinstance(filters, NameObject) else list(filters or [])
        raw = getattr(stream, "_data", b"") or b""
        if not names:
            size = len(raw)
        elif names == ["/FlateDecode"] and "/DecodeParms" not in stream:
            size = len(zlib.decompressobj().decompress(raw, max(budget - total, 0) + 1))
        else:
            size = len(stream.get_data())  # other filters: pypdf's own output limits apply
        total += size
        if total > budget:
            break
    return total


def pdf_has_active_content(reader) -> bool:
    """Whether any object of the file holds a script or an automatic action (walked from the trailer, so
    objects inside compressed object streams are seen too). A file too big to walk is treated as active."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return True
        if isinstance(obj, DictionaryObject):
            if ACTIVE_KEYS.intersection(obj.keys()) or obj.get("/S") in ACTIVE_ACTIONS:
                return True
            if "/OpenAction" in obj and _automatic_action(obj["/OpenAction"]):
                return True
            stack.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
    return False


def _automatic_action(value) -> bool:
    """What a PDF does on opening: showing a page (a destination, or a /GoTo action) is fine; any other action
    (opening a web address, another file...) runs without the reader asking for it."""
    from pypdf.generic import DictionaryObject

    value = value.get_object() if hasattr(value, "get_object") else value
    return isinstance(value, DictionaryObject) and value.get("/S") != "/GoTo"


def check_archive(data: bytes) -> None:
    """Refuse a ZIP (an XLSX workbook is one) that would unpack beyond sensible bounds, before anything unpacks it.

    Only the central directory is read. The sizes it declares are what Python's zipfile will ever hand out for
    each member (it stops there, and a member that lies fails its checksum), so they bound what a parser such
    as openpyxl can be made to hold: a 300 KB workbook whose shared strings unpack to 300 MB is refused here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise refusal(_("This compressed file is damaged and cannot be read."), "file_damaged") from None
    if len(members) > settings.ARCHIVE_MAX_MEMBERS:
        raise refusal(
            _("This file holds %(n)s compressed parts, more than the %(limit)s allowed.")
            % {"n": len(members), "limit": settings.ARCHIVE_MAX_MEMBERS},
            "file_parts",
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > settings.ARCHIVE_MAX_MEMBER_BYTES:
            raise refusal(
                _(
                    "Part of this file unpacks to %(size)s, more than the %(limit)s allowed; "
                    "remove what is not needed or split it."
                )
                % {
                    "size": filesizeformat(member.file_size),
                    "limit": filesizeformat(settings.ARCHIVE_MAX_MEMBER_BYTES),
                },
                "file_unpacks",
            )
        ratio = member.file_size / max(member.compress_size, 1)
        # Small parts (styles, an empty sheet) can pack very tightly without harm; the ratio matters for big ones.
        if member.file_size > settings.ARCHIVE_RATIO_FROM_BYTES and ratio > settings.ARCHIVE_MAX_RATIO:
            raise refusal(
                _(
                    "Part of this file unpacks to %(ratio)s times its packed size, which ordinary files never do; "
                    "it is refused. Save it again from the program that made it."
                )
                % {"ratio": int(ratio)},
                "file_unpacks",
            )
    if total > settings.ARCHIVE_MAX_UNPACKED_BYTES:
        raise refusal(
            _("This file unpacks to %(size)s, more than the %(limit)s allowed; remove what is not needed or split it.")
            % {"size": filesizeformat(total), "limit": filesizeformat(settings.ARCHIVE_MAX_UNPACKED_BYTES)},
            "file_unpacks",
        )
