"""Every CSV and XLSX export neutralises formulas: a hostile name is text in the spreadsheet, never a formula.

CSV cells get an apostrophe; XLSX cells are typed as strings and keep their text exactly as typed."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from interlab.core.spreadsheet import csv_cell, safe_cell, to_csv, to_xlsx
from interlab.crm.models import Partner
from tests.factories import EntrepreneurFactory
from tests.impact.conftest import funded, funder, unfunded, world  # noqa: F401 - the impact tests' world

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A9)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_starting_like_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


def test_plain_text_and_numbers_are_kept_as_they_are():
    assert safe_cell("Amina Diallo") == "Amina Diallo"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(-2) == -2 and safe_cell(1.5) == 1.5 and safe_cell(Decimal("3.10")) == Decimal("3.10")
    assert safe_cell(None) == ""
    with translation.override("en"):
        assert safe_cell(True) == "yes"


def test_neutralising_twice_changes_nothing():
    assert safe_cell(safe_cell("=1+1")) == "'=1+1"


def cells_of_csv(content: bytes, delimiter: str = ";") -> list[str]:
    """Our CSV files are separated by semicolons; Wagtail's admin writes commas."""
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter) for cell in row]


def cells_of_xlsx(content: bytes) -> list:
    """Every cell as openpyxl reads it; a formula would come back as its '=…' text with data_type 'f'.

    The sheet's XML is read too: no cell holds a formula (`<f>`), whatever openpyxl makes of it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml, "a cell is stored as a formula"
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a cell is stored as a formula"
    assert not [c.coordinate for c in cells if isinstance(c.value, str) and c.data_type != "s"], "text not typed"
    return [cell.value for cell in cells]


def test_the_shared_csv_writer_neutralises_rows_built_without_the_helper():
    rows = [["name"], *[[value] for value in HOSTILE]]
    assert {"'" + v for v in HOSTILE} <= set(cells_of_csv(to_csv(rows)))


def test_the_xlsx_writer_stores_formula_looking_text_as_strings_without_an_apostrophe():
    rows = [["name"], *[[value] for value in HOSTILE], ["#N/A"]]
    values = cells_of_xlsx(to_xlsx(rows, "Test: a [long] title that Excel would refuse"))
    # XML stores a carriage return as a line feed.
    assert values[1:] == [v.replace("\r", "\n") for v in HOSTILE] + ["#N/A"]


def test_the_xlsx_writer_keeps_phone_numbers_and_names_as_plain_text_and_numbers_as_numbers():
    rows = [["phone", "name", "count"], ["+32 470 06 12 34", "-Amina", 3], ["0470061234", "@amina", Decimal("1.5")]]
    values = cells_of_xlsx(to_xlsx(rows, "People"))
    assert values == ["phone", "name", "count", "+32 470 06 12 34", "-Amina", 3, "0470061234", "@amina", 1.5]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_entrepreneurs_export_neutralises_hostile_names(client, coach, fmt):
    EntrepreneurFactory(first_name=HOSTILE[0], last_name="+1", commune="-2", phone="@SUM(A1:A9)")
    client.force_login(coach)
    response = client.get(f"/app/export.{fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        values = cells_of_csv(response.content)
        assert {"'" + HOSTILE[0], "'+1", "'-2", "'@SUM(A1:A9)"} <= set(values)
        assert HOSTILE[0] not in values and "+1" not in values
    else:  # typed as strings, shown as typed
        values = cells_of_xlsx(response.content)
        assert {HOSTILE[0], "+1", "-2", "@SUM(A1:A9)"} <= set(values)
        assert not [v for v in values if isinstance(v, str) and v.startswith("'")]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_impact_needs_export_neutralises_a_hostile_partner_name(client, world, funder, fmt):  # noqa: F811
    Partner.objects.filter(name="Microcrédit test").update(name=HOSTILE[0])
    client.force_login(funder)
    response = client.get(f"/app/impact/needs/export.{fmt}", {"start": "2025-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    if fmt == "csv":
        values = cells_of_csv(response.content)
        assert "'" + HOSTILE[0] in values and HOSTILE[0] not in values
    else:
        values = cells_of_xlsx(response.content)
        assert HOSTILE[0] in values and "'" + HOSTILE[0] not in values


@pytest.mark.django_db
def test_the_wagtail_admins_csv_reports_neutralise_a_hostile_page_title(client, admin_user):
    from tests.cms import factories

    home = factories.home()
    home.title = HOSTILE[0]
    home.save_revision(user=admin_user).publish()
    client.force_login(admin_user)
    response = client.get("/cms-admin/reports/aging-pages/", {"export": "csv"})
    assert response.status_code == 200
    values = cells_of_csv(b"".join(response.streaming_content), delimiter=",")
    assert "'" + HOSTILE[0] in values and HOSTILE[0] not in values


INJECTED = [
    'Liège;=HYPERLINK("http://evil.example","click")',
    "Dupont,+cmd|' /C calc'!A0",
    "a;b, @SUM(A1:A9)",
    'x; "=1+1"',
    "first line\n-2+3",
    "tab\t=1",
    " =2+2",
]
FORMULA_CHARACTERS = ("=", "+", "-", "@")


def fields_as_split_by(text: str, separator: str) -> list[str]:
    """The fields a reader that splits on `separator` and ignores quotes would meet, trimmed as it may trim them."""
    lines = text.replace("\r", "\n").split("\n")
    return [field.strip(' \t"') for line in lines for field in line.split(separator)]


@pytest.mark.parametrize("separator", [";", ","])
def test_no_fragment_of_a_csv_cell_starts_a_formula_whatever_the_reader_splits_on(separator):
    content = to_csv([["name"], *[[value] for value in INJECTED]]).decode("utf-8-sig")
    naive = fields_as_split_by(content, separator)
    parsed = [field.strip(' \t"') for row in csv.reader(io.StringIO(content), delimiter=separator) for field in row]
    for field in naive + parsed:
        assert not field.startswith(FORMULA_CHARACTERS), field


def test_csv_files_are_separated_by_semicolons_and_keep_their_text_when_read_as_excel_in_french_does():
    content = to_csv([["name", "commune"], ['Liège;=HYPERLINK("http://evil.example")', "Namur"]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows == [["name", "commune"], ['Liège;\'=HYPERLINK("http://evil.example")', "Namur"]]


def test_neutralising_a_csv_cell_twice_changes_nothing():
    once = [csv_cell(value) for value in INJECTED]
    assert [csv_cell(value) for value in once] == once


@pytest.mark.django_db
def test_the_entrepreneurs_csv_export_neutralises_a_formula_after_a_semicolon(client, coach):
    EntrepreneurFactory(first_name='Amina;=HYPERLINK("http://evil.example","click")', commune="Liège,@SUM(A1)")
    client.force_login(coach)
    response = client.get("/app/export.csv")
    text = response.content.decode("utf-8-sig")
    for separator in (";", ","):
        assert not [f for f in fields_as_split_by(text, separator) if f.startswith(FORMULA_CHARACTERS)]
    assert "Amina;'=HYPERLINK" in text


@pytest.mark.django_db
def test_the_wagtail_admins_csv_reports_neutralise_a_formula_after_a_semicolon(client, admin_user):
    from tests.cms import factories

    home = factories.home()
    home.title = "Accueil;=1+1"
    home.save_revision(user=admin_user).publish()
    client.force_login(admin_user)
    response = client.get("/cms-admin/reports/aging-pages/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    for separator in (";", ","):
        assert not [f for f in fields_as_split_by(text, separator) if f.startswith(FORMULA_CHARACTERS)]
    assert "Accueil;'=1+1" in text
