"""Import from CSV/XLSX: preview first, errors per row, duplicates flagged, nothing written until confirmed."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from interlab.crm import imports
from interlab.crm.models import Entrepreneur, ImportBatch
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db

CSV = (
    "prénom;nom;e-mail;téléphone;langues;besoins;année d'arrivée;projet\n"
    "Fatou;Ndiaye;fatou@example.org;0470 11 22 33;wo:native, fr:C2;financement, mentorat;2015;Coopérative de tressage\n"
    ";SansPrénom;x@example.org;;;;;\n"
    "Luis;Herrera;pas-un-email;;es;;20x0;\n"
    "Emre;Tokgözlü;emre@example.org;;tr;;;Couture\n"
    "Fatou;Ndiaye;autre@example.org;;;;;\n"
)


def upload(content: bytes, name="people.csv"):
    return SimpleUploadedFile(name, content)


def test_the_preview_writes_nobody_and_reports_errors_per_row(coach):
    EntrepreneurFactory(first_name="Emre", last_name="Tokgozlu", email="EMRE@example.org")
    before = Entrepreneur.objects.count()
    batch = imports.import_preview(uploaded=upload(CSV.encode()), by=coach)
    assert Entrepreneur.objects.count() == before
    rows = {row["line"]: row for row in batch.rows}
    assert rows[2]["errors"] == [] and rows[2]["data"]["needs"] == ["financing", "mentoring"]
    assert rows[2]["data"]["languages"] == [{"code": "wo", "level": "native"}, {"code": "fr", "level": "C2"}]
    assert len(rows[3]["errors"]) == 1 and rows[3]["data"]["first_name"] == ""
    assert len(rows[4]["errors"]) == 2  # e-mail and year
    assert rows[5]["duplicate_of"] is not None  # same e-mail as an existing person
    assert rows[6]["duplicate_in_file"] == 2  # same name as row 2


def test_confirming_imports_valid_rows_skips_duplicates_unless_ticked_and_flags_them(coach):
    existing = EntrepreneurFactory(first_name="Emre", last_name="Tokgözlü", email="emre@example.org")
    batch = imports.import_preview(uploaded=upload(CSV.encode()), by=coach)
    result = imports.import_confirm(batch=batch, by=coach, include_duplicates={5})
    assert sorted(result["invalid"]) == [3, 4]
    assert result["skipped"] == [6]
    assert len(result["created"]) == 2
    fatou = Entrepreneur.objects.get(email="fatou@example.org")
    assert fatou.projects.get().title == "Coopérative de tressage"
    copy = Entrepreneur.objects.exclude(pk=existing.pk).get(last_name="Tokgözlü")
    assert copy.possible_duplicate_of == existing  # never merged silently
    with pytest.raises(imports.ImportRefused):
        imports.import_confirm(batch=batch, by=coach, include_duplicates=set())


def test_an_xlsx_file_is_read_the_same_way(coach):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["first_name", "last_name", "email", "languages", "arrival_year"])
    sheet.append(["Olena", "Kovalenko", "olena@example.org", "uk, en:B2", 2022])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = imports.import_preview(uploaded=upload(buffer.getvalue(), "people.xlsx"), by=coach)
    assert batch.rows[0]["errors"] == []
    assert batch.rows[0]["data"]["arrival_year"] == 2022


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02 binary junk",
        b"PK\x03\x04 a zip that is not a workbook",
        b"nom;ville\nDupont;Liege\n",  # no first-name column
        b"first_name\n",  # header only
    ],
)
def test_a_malformed_file_is_refused_whole_with_a_message(coach, content):
    with pytest.raises(imports.ImportRefused) as refused:
        imports.import_preview(uploaded=upload(content), by=coach)
    assert str(refused.value)
    assert not ImportBatch.objects.exists()


def test_the_import_pages_preview_then_confirm(client, coach):
    client.force_login(coach)
    response = client.post("/app/import/", {"file": upload(CSV.encode())})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Fatou" in preview.content.decode() and Entrepreneur.objects.count() == 0
    done = client.post(response["Location"], {"action": "confirm"})
    assert done.status_code == 302
    assert Entrepreneur.objects.count() == 2  # rows 2 and 5; 6 duplicates row 2 and is skipped


def test_a_bad_file_on_the_page_shows_the_message(client, coach):
    client.force_login(coach)
    response = client.post("/app/import/", {"file": upload(b"\x00\x00junk")})
    assert response.status_code == 422
    assert "CSV" in response.content.decode()


def _workbook_with_shared_strings_of(unpacked: int) -> bytes:
    """A real workbook whose shared strings part unpacks to `unpacked` bytes: one string of a repeated letter,
    which deflate packs about a thousand to one (the crafted 300 KB file that took the web process to 960 MB)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["first_name", "last_name"])
    workbook.active.append(["Olena", "Kovalenko"])
    plain = io.BytesIO()
    workbook.save(plain)
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                out.writestr(item, source.read(item))
        with out.open("xl/sharedStrings.xml", "w") as strings:  # streamed: the test never holds it whole
            strings.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(unpacked // (1024 * 1024)):
                strings.write(b"a" * (1024 * 1024))
            strings.write(b"</t></si></sst>")
    return bomb.getvalue()


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_parsed(coach, monkeypatch):
    bomb = _workbook_with_shared_strings_of(300 * 1024 * 1024)
    assert len(bomb) < 400 * 1024
    parsed = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kwargs: parsed.append(args))
    with translation.override("en"), pytest.raises(imports.ImportRefused) as refused:
        imports.import_preview(uploaded=upload(bomb, "people.xlsx"), by=coach)
    assert parsed == [], "openpyxl was asked to parse the workbook"
    assert "unpacks to" in str(refused.value)
    assert not ImportBatch.objects.exists()


def test_a_workbook_part_packed_far_tighter_than_a_spreadsheet_is_refused_even_when_small(coach, settings):
    bomb = _workbook_with_shared_strings_of(4 * 1024 * 1024)  # under the size bounds, a thousand to one
    with translation.override("en"), pytest.raises(imports.ImportRefused) as refused:
        imports.import_preview(uploaded=upload(bomb, "people.xlsx"), by=coach)
    assert "times its packed size" in str(refused.value)


def test_the_preview_counts_only_the_rows_that_will_really_be_imported(client, coach):
    """Rows with errors are left out and duplicates skipped unless ticked: "ready" counts neither."""
    EntrepreneurFactory(first_name="Emre", last_name="Tokgozlu", email="EMRE@example.org")
    batch = imports.import_preview(uploaded=upload(CSV.encode()), by=coach)
    assert imports.preview_summary(batch) == {"total": 5, "ready": 1, "errors": 2, "duplicates": 2}
    client.force_login(coach)
    with translation.override("en"):
        html = client.get(f"/app/import/{batch.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 ready to import" in html
    result = imports.import_confirm(batch=batch, by=coach, include_duplicates=set())
    assert len(result["created"]) == 1


def test_an_unknown_language_code_and_an_impossible_phone_number_are_flagged(coach):
    content = (
        "prénom;nom;téléphone;langues\n"
        "Awa;Diop;0470 11 22 33;wo, fr:B1\n"
        "Ilyas;Kaya;abc;fr\n"
        "Sara;Haile;;xx, ti\n"
        "Omar;Faruk;+32 4;fr\n"
    ).encode()
    with translation.override("en"):
        batch = imports.import_preview(uploaded=upload(content), by=coach)
    rows = {row["line"]: row for row in batch.rows}
    assert rows[2]["errors"] == []
    assert rows[3]["errors"] == ["“abc” is not a phone number"]
    assert rows[4]["errors"] == ["unknown language code “xx”"]
    assert rows[5]["errors"] == ["“+32 4” is not a phone number"]
    assert imports.preview_summary(batch)["ready"] == 1
