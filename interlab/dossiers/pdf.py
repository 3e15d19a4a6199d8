"""The printable dossier: a snapshot of its inputs, rendered in French by WeasyPrint, annexes appended with pypdf.

The document is addressed to the Walloon administration and is only ever produced in French, whatever
the language of the person who asks for it: its wording is French in the template, not a UI string.

Uploaded PDF annexes keep their own pages. So that the table of contents and the "page x / y" footers count
them, WeasyPrint lays out one empty slot page per annex page (with its footer); pypdf then draws each annex
page, scaled to fit, onto its slot. Outline, links and numbering all stay right.
"""

import base64
import hashlib
import io
import logging
import time
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from interlab.core import mail
from interlab.core import pdf as tagged_pdf
from interlab.core.countries import country_name
from interlab.core.languages import language_name

from . import finance
from .checklist import checklist
from .models import BuildState, Dossier, DossierBuild, ItemState, Status

logger = logging.getLogger(__name__)

A4 = (595.28, 841.89)
STATE_FR = {
    ItemState.MISSING: "manquant",
    ItemState.PROVIDED: "fourni",
    ItemState.VERIFIED: "vérifié",
    ItemState.NOT_APPLICABLE: "sans objet",
}
CRITERIA_FR = {
    "jobs": "Emplois créés",
    "investment": "Investissements",
    "innovation": "Activité innovante ou rare, nouveaux marchés",
    "local_need": "Besoin local non couvert",
    "social_cultural": "Valeur sociale et culturelle",
}
SOURCE_KIND_FR = {
    "own_funds": "Fonds propres",
    "microcredit": "Microcrédit",
    "loan": "Prêt bancaire",
    "grant": "Subside ou prime",
    "other": "Autre",
}
# Statuses in which the dossier has not been submitted yet: its PDF is a draft and says so on every page.
DRAFT_STATUSES = (Status.DRAFT, Status.READY)
# A build still "running" after this long was abandoned by its worker; a retry may take it over.
STALE_RUNNING = timedelta(minutes=15)
# Where an annex page is drawn on its slot: inside the margins, above the footer (points).
SLOT_BOX = (36.0, 62.0, A4[0] - 36.0, A4[1] - 40.0)


class BuildError(Exception):
    """A reason the coach can act on (an annex missing or changed on disk, an unreadable file)."""


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def _spoken(spoken) -> str:
    with translation.override("fr"):
        name = language_name(spoken.code, "fr")
        return f"{name} ({spoken.get_level_display()})" if spoken.level else name


def snapshot(dossier: Dossier) -> dict:
    """Everything the PDF is made from, as JSON: stored with the build, so any PDF can be explained later."""
    project = dossier.project
    person = project.entrepreneur
    with translation.override("fr"):
        lines = checklist(dossier)
        items = [
            {
                "key": line.key,
                "label": line.label,
                "state": line.state,
                "state_label": STATE_FR.get(line.state, line.state),
                "needed": line.rule.needed,
                "document_date": _iso(line.document_date),
            }
            for line in lines
        ]
        legal_form = project.get_legal_form_display()
        exemption = dossier.exemption.display_label() if dossier.exemption else ""
    annexes = [
        {
            "id": a.pk,
            "title": a.title,
            "document": a.document_id,
            "content_type": a.document.content_type,
            "sha256": a.document.sha256,
            "pages": a.pages,
            "item": a.rule.key if a.rule_id else "",
        }
        for a in dossier.annexes.select_related("document", "rule").order_by("order", "id")
    ]
    return {
        "dossier": dossier.pk,
        "generated_at": timezone.now().isoformat(),
        "status": dossier.status,
        "eligibility": dossier.eligibility,
        "exemption": exemption,
        "applicant": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "commune": person.commune,
            # The identity block the form asks; the nationality in French words (its read is logged at download).
            "nationality": country_name(dossier.applicant_nationality, "fr") if dossier.applicant_nationality else "",
            "birth_date": dossier.applicant_birth_date.strftime("%d/%m/%Y") if dossier.applicant_birth_date else "",
            "address": dossier.applicant_address,
            # Words, in the application's French: "ukrainien (langue maternelle)", never "uk native".
            "languages": [_spoken(sl) for sl in person.spoken_languages.all()],
            "skills": person.skills,
        },
        "project": {
            "title": project.title,
            "description": project.description,
            "sector": project.sector,
            "nace_code": project.nace_code,
            "legal_form": legal_form,
            "regulated": dossier.regulated,
        },
        "content": {
            "project_summary": dossier.project_summary,
            "market": dossier.market,
            "business_plan": dossier.business_plan,
            "interest": {key: dossier.interest.get(key, "") for key in CRITERIA_FR},
            "jobs_planned": dossier.jobs_planned,
        },
        "finance": finance.normalise(dossier.finance),
        "checklist": items,
        "annexes": annexes,
    }


def _annex_bytes(dossier: Dossier, annexes: list[dict]) -> dict[int, bytes]:
    documents = {a.pk: a.document for a in dossier.annexes.select_related("document")}
    data = {}
    for annex in annexes:
        document = documents.get(annex["id"])
        try:
            with document.file.open("rb") as handle:
                content = handle.read()
        except (FileNotFoundError, AttributeError, ValueError, OSError):
            raise BuildError(_("The annex “%(title)s” is missing from storage.") % {"title": annex["title"]}) from None
        if hashlib.sha256(content).hexdigest() != annex["sha256"]:
            raise BuildError(
                _("The annex “%(title)s” changed on disk since it was uploaded.") % {"title": annex["title"]}
            )
        data[annex["id"]] = content
    return data


def _context(snap: dict, blobs: dict[int, bytes]) -> dict:
    totals = finance.totals(snap["finance"])
    annexes = []
    for number, annex in enumerate(snap["annexes"], start=1):
        entry = {**annex, "number": number, "anchor": f"annex-{number}"}
        if annex["content_type"] == "application/pdf":
            entry["slots"] = [f"annex-{number}-p{page}" for page in range(1, annex["pages"] + 1)]
        else:
            encoded = base64.b64encode(blobs[annex["id"]]).decode("ascii")
            entry["image"] = f"data:{annex['content_type']};base64,{encoded}"
        annexes.append(entry)
    interest = [
        {"key": key, "label": CRITERIA_FR.get(key, key), "text": text}
        for key, text in snap["content"]["interest"].items()
    ]
    sources = [{**row, "kind_label": SOURCE_KIND_FR.get(row["kind"], row["kind"])} for row in totals.sources]
    by_kind = [(SOURCE_KIND_FR.get(kind, kind), amount) for kind, _label, amount in totals.by_kind]
    return {
        "snap": snap,
        "applicant": snap["applicant"],
        "project": snap["project"],
        "content": snap["content"],
        "interest": interest,
        "totals": totals,
        "sources": sources,
        "by_kind": by_kind,
        "checklist": [
            {**item, "document_date": date.fromisoformat(item["document_date"]) if item["document_date"] else None}
            for item in snap["checklist"]
        ],
        "annexes": annexes,
        "today": timezone.localdate(),
        "draft": snap["status"] in DRAFT_STATUSES,
    }


def render(snap: dict, blobs: dict[int, bytes], *, progress=None) -> tuple[bytes, int]:
    """The PDF bytes and page count for a snapshot and its annexes' bytes."""
    from pypdf import PdfReader, PdfWriter, Transformation

    with translation.override("fr"):
        html = render_to_string("dossiers/pdf/dossier.html", _context(snap, blobs))
    document = tagged_pdf.render(html, base_url=str(settings.BASE_DIR))
    slots: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("annex-") and "-p" in anchor:
                slots[anchor] = index
    main = tagged_pdf.write(document)
    if progress:
        progress("annexes")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(main)))
    x0, y0, x1, y1 = SLOT_BOX
    for number, annex in enumerate(snap["annexes"], start=1):
        if annex["content_type"] != "application/pdf":
            continue
        try:
            reader = PdfReader(io.BytesIO(blobs[annex["id"]]))
            pages = list(reader.pages)
        except Exception as exc:  # noqa: BLE001 - any pypdf failure means this annex cannot be read
            raise BuildError(_("The annex “%(title)s” cannot be read.") % {"title": annex["title"]}) from exc
        for page_number, source in enumerate(pages, start=1):
            slot = slots.get(f"annex-{number}-p{page_number}")
            if slot is None:
                raise BuildError(
                    _("The annex “%(title)s” has changed since it was attached.") % {"title": annex["title"]}
                )
            box = source.cropbox
            width, height = float(box.width), float(box.height)
            if width <= 0 or height <= 0:
                raise BuildError(_("The annex “%(title)s” has an empty page.") % {"title": annex["title"]})
            ctm = _upright(
                Transformation().translate(-float(box.left), -float(box.bottom)), source.rotation, width, height
            )
            if source.rotation % 180:
                width, height = height, width
            scale = min((x1 - x0) / width, (y1 - y0) / height)
            tx = x0 + ((x1 - x0) - width * scale) / 2
            ty = y0 + ((y1 - y0) - height * scale) / 2
            ctm = ctm.scale(scale).translate(tx, ty)
            writer.pages[slot].merge_transformed_page(source, ctm)
    # The title stays the template's <title>, the one WeasyPrint also wrote into the XMP metadata.
    writer.add_metadata({"/Creator": "InterLab"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _upright(ctm, rotation: int, width: float, height: float):
    """Apply a page's /Rotate (clockwise, in display) to its content, so it is drawn as a reader shows it."""
    rotation = rotation % 360
    if rotation == 90:
        return ctm.rotate(-90).translate(0, width)
    if rotation == 180:
        return ctm.rotate(180).translate(width, height)
    if rotation == 270:
        return ctm.rotate(90).translate(height, 0)
    return ctm


def _step(build: DossierBuild, step: str, **fields) -> None:
    DossierBuild.objects.filter(pk=build.pk).update(step=step, **fields)


def build_run(build_id: int) -> dict:
    """Run one queued build. A failure leaves earlier PDFs untouched and records why for the coach."""
    build = (
        DossierBuild.objects.select_related("dossier__project__entrepreneur", "dossier__project__coach")
        .filter(pk=build_id)
        .first()
    )
    if build is None:
        # Committed before queueing (see services.pdf_request); absent means the dossier was deleted since.
        return {"build": build_id, "state": "gone"}
    # Claim the build in one UPDATE: the same task queued twice (or retried while it runs) builds once.
    # A build left running by a worker that died is taken over once it is clearly stale.
    now = timezone.now()
    claimed = (
        DossierBuild.objects.filter(pk=build.pk)
        .filter(Q(state=BuildState.QUEUED) | Q(state=BuildState.RUNNING, started_at__lt=now - STALE_RUNNING))
        .update(state=BuildState.RUNNING, step="collecting", started_at=now, error="")
    )
    if not claimed:
        state = DossierBuild.objects.filter(pk=build.pk).values_list("state", flat=True).first()
        return {"build": build.pk, "state": state, "skipped": True}
    started = time.monotonic()
    dossier = build.dossier
    try:
        snap = snapshot(dossier)
        blobs = _annex_bytes(dossier, snap["annexes"])
        _step(build, "rendering")
        pdf, pages = render(snap, blobs, progress=lambda step: _step(build, step))
        _step(build, "saving")
        build.refresh_from_db()
        build.sha256 = hashlib.sha256(pdf).hexdigest()
        build.size, build.pages, build.snapshot = len(pdf), pages, snap
        build.file.save("dossier.pdf", ContentFile(pdf), save=False)
        build.state, build.step, build.finished_at = BuildState.DONE, "done", timezone.now()
        build.save()
    except Exception as exc:  # noqa: BLE001 - whatever happens, the build is marked failed with a reason
        if isinstance(exc, BuildError):
            reason = str(exc)
        else:
            logger.exception("dossier PDF build %s failed", build_id)
            with translation.override("fr"):
                reason = _("The PDF could not be produced (%(error)s).") % {"error": type(exc).__name__}
        DossierBuild.objects.filter(pk=build.pk).update(
            state=BuildState.FAILED, step="failed", error=reason, finished_at=timezone.now()
        )
        _tell_coach_of_failure(dossier, reason)
        return {"build": build.pk, "state": BuildState.FAILED, "error": reason}
    return {
        "build": build.pk,
        "state": BuildState.DONE,
        "pages": pages,
        "seconds": round(time.monotonic() - started, 3),
    }


def _tell_coach_of_failure(dossier: Dossier, reason: str) -> None:
    coach = dossier.project.coach
    if coach is None or not coach.email:
        return
    with translation.override(coach.preferred_language or settings.LANGUAGE_CODE):
        subject = _("The professional-card PDF of “%(title)s” could not be built") % {"title": dossier.project.title}
        body = render_to_string(
            "dossiers/email/build_failed.txt",
            {"dossier": dossier, "reason": reason, "url": f"{settings.SITE_URL}{dossier.get_absolute_url()}"},
        )
        html = mail.html_from_text(subject, body)
    try:
        mail.send(subject, body, [coach.email], html=html)
    except Exception:  # noqa: BLE001 - the failure is on the dossier's page; the mail is only a heads-up
        logger.exception("build failure mail to coach %s failed", coach.pk)
