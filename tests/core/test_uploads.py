"""The one upload check for personal files: size, type by content and for the use, and what the file holds."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from interlab.core import uploads
from tests.factories import pdf_bytes, pdf_with_open_action, png_bytes


def code_of(caught: pytest.ExceptionInfo) -> str:
    (error,) = caught.value.error_dict["file"]
    return error.code


def test_a_plain_pdf_passes_with_its_page_count_and_sniffed_type():
    checked = uploads.check_upload(SimpleUploadedFile("scan.png", pdf_bytes(2), content_type="image/png"))
    assert (checked.content_type, checked.pages, checked.name) == ("application/pdf", 2, "scan.png")


def test_a_pdf_that_runs_a_script_on_opening_is_refused():
    hostile = pdf_with_open_action({"/S": "/JavaScript", "/JS": "app.alert(1)"})
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(SimpleUploadedFile("cv.pdf", hostile))
    assert code_of(caught) == "file_active"


@pytest.mark.parametrize(
    "action",
    [
        {"/S": "/URI", "/URI": "https://tracker.example/opened"},
        {"/S": "/GoToR", "/F": "\\\\evil\\share\\x.pdf"},
        {"/S": "/GoToE"},
    ],
    ids=["opens-a-web-address", "opens-a-remote-file", "opens-an-embedded-file"],
)
def test_a_pdf_that_acts_on_opening_is_refused(action):
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(SimpleUploadedFile("cv.pdf", pdf_with_open_action(action)))
    assert code_of(caught) == "file_active"


def test_a_pdf_that_only_opens_at_a_page_passes():
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page.indirect_reference, NameObject("/Fit")])
    out = io.BytesIO()
    writer.write(out)
    assert uploads.check_upload(SimpleUploadedFile("cv.pdf", out.getvalue())).pages == 1


def test_a_type_not_allowed_for_the_use_is_refused_with_the_types_that_are():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        uploads.check_upload(SimpleUploadedFile("photo.pdf", png_bytes()), allowed=frozenset({uploads.PDF}))
    assert code_of(caught) == "file_type"
    assert caught.value.messages == ["This kind of file is not accepted here; accepted: PDF."]


def test_the_size_limit_holds_while_reading_even_if_the_upload_understates_its_size(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.pdf", pdf_bytes(20))
    upload.size = 10  # what a broken upload handler could report
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload)
    assert code_of(caught) == "file_size"


def test_an_archive_of_too_many_parts_is_refused_before_anything_unpacks_it(settings):
    settings.ARCHIVE_MAX_MEMBERS = 3
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for n in range(4):
            archive.writestr(f"part{n}.xml", "<a/>")
    with pytest.raises(ValidationError) as caught:
        uploads.check_archive(packed.getvalue())
    assert code_of(caught) == "file_parts"
