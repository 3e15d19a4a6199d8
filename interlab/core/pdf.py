"""HTML to a tagged PDF (PDF/UA-1) with WeasyPrint: the documents InterLab prints for people
(dossier, member card, impact report) are made here.

A screen reader follows the tags and reads the text in the document's language, taken from `<html lang>` into
the PDF's /Lang; the viewer shows the `<title>` (WeasyPrint sets /DisplayDocTitle for tagged PDFs). Both are
required: a template without them fails loudly here rather than printing a PDF that reads badly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import Document

VARIANT = "pdf/ua-1"


class UntaggablePdf(ValueError):
    """The HTML lacks what a tagged PDF needs (a language or a title): a template mistake."""


def render(html: str, *, base_url: str | None = None) -> Document:
    """Lay the HTML out as a tagged document, for callers that read its pages before writing it (the dossier)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render(pdf_variant=VARIANT)
    if not document.metadata.lang:
        raise UntaggablePdf("a tagged PDF needs the document's language: <html lang=…>")
    if not (document.metadata.title or "").strip():
        raise UntaggablePdf("a tagged PDF needs a title: <title>…</title>")
    return document


def write(document: Document) -> bytes:
    """The PDF bytes of a document laid out by render()."""
    return document.write_pdf(pdf_variant=VARIANT)


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The tagged PDF of an HTML page that has its `<html lang>` and `<title>`."""
    return write(render(html, base_url=base_url))
