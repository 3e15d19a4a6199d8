"""One way of writing numbers and percentages on a page, the reader's language's: in the charts as in the tables."""

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

# A percentage as each language writes it: French with a non-breaking space before the sign, English without.
PERCENT = {
    "fr": re.compile(r"\d{1,3}(?:\u202f\d{3})*(?:,\d+)?\u00a0%"),
    "en": re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?%"),
}
ANY_PERCENT = re.compile(r"\d[\d.,\u00a0\u202f ]*%")


def page_text(client, language: str) -> str:
    """The text of the dashboard's main part (charts included), each tag replaced by a bar."""
    html = client.get("/app/impact/", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", "|", main).replace("&nbsp;", "\u00a0")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_percentage_on_the_dashboard_is_written_the_language_s_way(client, world, funder, language):
    client.force_login(funder)
    text = page_text(client, language)
    percentages = ANY_PERCENT.findall(text)
    assert percentages, "the world has survival rates and baselines to show"
    assert [p for p in percentages if not PERCENT[language].fullmatch(p)] == []
    # The Statbel baseline of 90.9 % and the survival rate at 12 months (7 of 12), in the chart and in the table.
    baseline, survival = {"fr": ("90,9\u00a0%", "58,3\u00a0%"), "en": ("90.9%", "58.3%")}[language]
    assert text.count(baseline) == 2 and text.count(survival) == 2


def test_the_french_page_writes_no_decimal_point_and_groups_thousands_one_way(client, world, funder):
    client.force_login(funder)
    text = page_text(client, "fr")
    assert not re.search(r"\d\.\d", text)  # "14,5" days in the chart as in the table, never "14.5"
    assert not re.search(r"\d[\u00a0 ]\d", text)  # thousands: CLDR's narrow no-break space, as in the tables
    assert text.count("50\u202f000") == 2  # microcredit: the chart and the table


def test_the_formatter_follows_the_active_language():
    from interlab.impact.formatting import format_number, format_percent

    with translation.override("fr"):
        assert (format_percent(90.9), format_percent(50.0), format_number(62000.0)) == (
            "90,9\u00a0%",
            "50\u00a0%",
            "62\u202f000",
        )
    with translation.override("en"):
        assert (format_percent(90.9), format_percent(50.0), format_number(62000.0)) == ("90.9%", "50%", "62,000")
    with translation.override("nl"):
        assert format_percent(12.5) == "12,5%"
