"""Annex uploads are checked by their content: encrypted, damaged, foreign or oversized files are refused clearly."""

import io

import pytest
from django.core.exceptions import ValidationError

from interlab.core import uploads
from interlab.crm.models import Document
from interlab.dossiers import services
from interlab.dossiers.models import DossierAnnex
from tests.dossiers.factories import pdf_bytes, png_bytes, upload


def refused(dossier, by, data, name="piece.pdf", content_type="application/pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        services.annex_add(dossier=dossier, by=by, uploaded=upload(data, name, content_type))
    assert not DossierAnnex.objects.exists() and not Document.objects.exists(), "nothing half-written"
    return caught.value


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_dict["file"]]


def test_a_pdf_is_attached_with_its_page_count(dossier, entrepreneur_user):
    annex = services.annex_add(dossier=dossier, by=entrepreneur_user, uploaded=upload(pdf_bytes(3)), title="Passeport")
    assert annex.pages == 3 and annex.title == "Passeport"
    assert annex.document.content_type == "application/pdf" and len(annex.document.sha256) == 64


def test_an_image_is_attached(dossier, entrepreneur_user):
    annex = services.annex_add(
        dossier=dossier, by=entrepreneur_user, uploaded=upload(png_bytes(), "photo.png", "image/png"), rule_key="photos"
    )
    assert annex.document.content_type == "image/png" and annex.title == "Deux photos d'identité"


def test_an_encrypted_pdf_is_refused(dossier, entrepreneur_user, english):
    error = refused(dossier, entrepreneur_user, pdf_bytes(password="secret"))
    assert codes(error) == ["file_encrypted"]
    assert "password" in error.messages[0]


def test_a_damaged_pdf_is_refused(dossier, entrepreneur_user):
    data = pdf_bytes(2)
    damaged = data[:40] + b"\x00garbage" * 50 + b"\n%%EOF\n"
    assert codes(refused(dossier, entrepreneur_user, damaged)) == ["file_damaged"]


def test_a_truncated_pdf_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(2)[:-200])) == ["file_damaged"]


def test_a_file_that_is_not_a_pdf_nor_an_image_is_refused_whatever_its_name(dossier, entrepreneur_user):
    error = refused(dossier, entrepreneur_user, b"MZ\x90\x00 this is an executable" * 10, "passport.pdf")
    assert codes(error) == ["file_type"]
    zip_bytes = b"PK\x03\x04" + b"\x00" * 100
    assert codes(refused(dossier, entrepreneur_user, zip_bytes, "scan.pdf")) == ["file_type"]


def test_a_damaged_image_is_refused(dossier, entrepreneur_user):
    data = png_bytes()
    assert codes(refused(dossier, entrepreneur_user, data[:60], "photo.png", "image/png")) == ["file_damaged"]


def test_a_file_over_the_size_limit_is_refused(dossier, entrepreneur_user, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(20))) == ["file_size"]


def test_an_empty_file_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, b"")) == ["file_empty"]


def test_a_pdf_with_too_many_pages_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(services.MAX_ANNEX_PAGES + 1))) == ["file_pages"]


def test_the_annex_upload_page_says_why_a_file_is_refused(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"/app/dossiers/{dossier.pk}/annexes/new/"
    response = client.post(url, {"file": upload(pdf_bytes(password="x")), "title": "Passeport"})
    assert response.status_code == 422
    assert "password" in response.content.decode() or "mot de passe" in response.content.decode()
    response = client.post(url, {"file": upload(pdf_bytes(1)), "title": "Passeport", "item": "identity"})
    assert response.status_code == 302
    assert DossierAnnex.objects.get().rule.key == "identity"


def _pdf_with(extra: dict) -> bytes:
    """A one-page PDF whose catalogue carries `extra` (an action dictionary), as a hostile file would."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v)) for k, v in extra.items()}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "action",
    [{"/S": "/JavaScript", "/JS": "app.alert(1)"}, {"/S": "/Launch", "/F": "cmd.exe"}],
    ids=["javascript", "launch"],
)
def test_a_pdf_with_a_script_or_an_automatic_action_is_refused(dossier, entrepreneur_user, action):
    error = refused(dossier, entrepreneur_user, _pdf_with(action))
    assert codes(error) == ["file_active"]
    assert "scripts" in error.messages[0]


def test_a_script_hidden_in_a_compressed_object_stream_is_found(dossier, entrepreneur_user):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    names = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("this.print()")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(names)})
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue().replace(b"/JavaScript", b"/JavaScr#69pt")  # the same name, spelled with an escape
    assert b"/JavaScript" not in data
    assert codes(refused(dossier, entrepreneur_user, data)) == ["file_active"]


def test_an_ordinary_pdf_made_by_a_text_tool_is_not_taken_for_active(dossier, entrepreneur_user):
    from tests.dossiers.factories import text_pdf_bytes

    annex = services.annex_add(dossier=dossier, by=entrepreneur_user, uploaded=upload(text_pdf_bytes("Bail", pages=2)))
    assert annex.pages == 2


@pytest.mark.parametrize("size", [(10_000, 6_000), (20_000, 20_000)], ids=["over-our-limit", "pillow-bomb"])
def test_a_decompression_bomb_image_is_refused_as_too_large(dossier, entrepreneur_user, english, size):
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", size).save(out, format="PNG")  # a few kilobytes that unpack to hundreds of megabytes
    assert len(out.getvalue()) < 100_000
    error = refused(dossier, entrepreneur_user, out.getvalue(), "photo.png", "image/png")
    assert codes(error) == ["file_pixels"]
    assert "too large" in error.messages[0]


@pytest.mark.parametrize(
    "data, name",
    [
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "photo.png"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "passeport.pdf"),
    ],
    ids=["svg", "svg-named-png", "html-named-pdf"],
)
def test_svg_and_html_are_refused_whatever_their_name(dossier, entrepreneur_user, data, name):
    assert codes(refused(dossier, entrepreneur_user, data, name)) == ["file_type"]


def test_html_behind_a_pdf_header_is_refused_as_damaged(dossier, entrepreneur_user):
    data = b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n"
    assert codes(refused(dossier, entrepreneur_user, data)) == ["file_damaged"]


def test_the_upload_page_refuses_a_script_pdf_and_an_empty_file_with_a_message(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"/app/dossiers/{dossier.pk}/annexes/new/"
    for data in (_pdf_with({"/S": "/JavaScript", "/JS": "x"}), b""):
        response = client.post(url, {"file": upload(data)})
        assert response.status_code == 422
        assert b"data-error-summary" in response.content  # the summary, an alert that takes the focus
        assert b'<div class="error" id="id_file_error">' in response.content
    assert not DossierAnnex.objects.exists() and not Document.objects.exists()


def _deflate_bomb_pdf(pages: int, unpacked: int) -> bytes:
    """A small PDF whose pages' drawing instructions are deflated runs that unpack to `unpacked` bytes each."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    packed = zlib.compress(b"q Q\n" * (unpacked // 4), 9)
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        stream = StreamObject()
        stream._data = packed
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_whose_pages_unpack_to_gigabytes_is_refused_before_unpacking(dossier, entrepreneur_user, english):
    data = _deflate_bomb_pdf(pages=3, unpacked=uploads.MAX_PDF_CONTENT_BYTES // 2)
    assert len(data) < 200_000
    error = refused(dossier, entrepreneur_user, data)
    assert codes(error) == ["file_complex"]
    assert "too heavy" in error.messages[0]


def test_a_pdf_with_ordinary_deflated_pages_is_accepted(dossier, entrepreneur_user):
    annex = services.annex_add(
        dossier=dossier, by=entrepreneur_user, uploaded=upload(_deflate_bomb_pdf(pages=3, unpacked=200_000))
    )
    assert annex.pages == 3
