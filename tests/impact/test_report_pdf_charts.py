"""The report PDF draws its charts as HTML, not SVG: WeasyPrint shapes and orders the text of HTML, so an Arabic
chart's title and labels print as they are written and its bars grow from the right; a French one still shows
every chart with its values."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from interlab.impact.formatting import format_with_unit
from tests.pdfcheck import text, words_placed

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}
# The marks pdftotext puts around right-to-left and embedded left-to-right runs, and the isolates.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
CHART_TITLES = (
    "Projects entering each stage for the first time",
    "Businesses launched in the period, by legal form",
    "Median days in each stage, stays that ended in the period",
    "Survival of launched businesses (%)",
    "People accompanied, by gender",
    "People accompanied, by age at entry",
    "People accompanied, by education",
    "Financing obtained in the period, by source (EUR)",
)


def print_report(client, funder, language: str) -> bytes:
    client.force_login(funder)
    response = client.get("/app/impact/report.pdf", YEAR, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def lines(report: bytes) -> list[str]:
    """The report's lines in reading order, as pdftotext gives them, without direction marks and with every
    space written as one plain space."""
    return [re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", line)).strip() for line in text(report).splitlines()]


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        translated = gettext(message)
    assert translated != message, f"the {language} catalogue translates {message!r}"
    return translated


@pytest.fixture
def arabic_report(client, world, funder) -> bytes:
    return print_report(client, funder, "ar")


@pytest.fixture
def french_report(client, world, funder) -> bytes:
    return print_report(client, funder, "fr")


def arabic_words(line: str) -> list[str]:
    return ARABIC_WORD.findall(line)


def test_an_arabic_chart_title_prints_in_its_order(arabic_report):
    # Its Arabic words, in their order: pdftotext muddles the "(%)" at the end of a right-to-left line. The
    # table's caption is a longer sentence: the line with these words alone is the chart's title.
    title = in_language("ar", "Survival of launched businesses (%)")
    assert arabic_words(title) in [arabic_words(line) for line in lines(arabic_report)]


def test_an_arabic_chart_row_label_prints_in_its_order(arabic_report):
    # Only the chart writes "after 12 months" (its table says "12 months").
    label = in_language("ar", "after %(months)s months") % {"months": 12}
    assert label in lines(arabic_report)


def test_the_arabic_bars_grow_from_the_right(arabic_report):
    # The word "month" of the survival chart's row labels, as it is seen: its letters from left to right.
    month = in_language("ar", "after %(months)s months").split()[1][::-1]
    with translation.override("ar"):
        rate = BIDI_CONTROLS.sub("", format_with_unit(58.3, "%"))  # the survival rate after 12 months
    words = words_placed(arabic_report)
    labels = [left for _page, word, left, _top in words if word == month]
    values = [left for _page, word, left, _top in words if BIDI_CONTROLS.sub("", word) == rate]
    assert labels and values
    assert max(values) < min(labels)


def test_the_french_report_draws_every_chart_under_its_title(french_report):
    printed = lines(french_report)
    assert [title for title in CHART_TITLES if in_language("fr", title) not in printed] == []


def test_the_french_report_charts_show_the_values_of_the_tables(french_report):
    # Survival after 12, 36 and 60 months and the Statbel baselines; microcredit; the days in registration:
    # each printed once in its chart and once in its table, written the French way.
    with translation.override("fr"):
        expected = [format_with_unit(v, "%") for v in (58.3, 90.9, 50.0, 65.4)] + [
            format_with_unit(50000),
            format_with_unit(14.5),
        ]
    printed = lines(french_report)
    counts = {value: printed.count(re.sub(r"\s+", " ", value)) for value in expected}
    assert counts == dict.fromkeys(expected, 2)
