"""The financial plan: amounts parsed exactly, totals, financing by kind, balance, the 3-year results."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from interlab.dossiers import finance
from tests.dossiers.factories import BALANCED_FINANCE


def test_totals_of_a_balanced_plan():
    totals = finance.totals(finance.normalise(BALANCED_FINANCE))
    assert totals.uses_total == Decimal("7500.50")
    assert totals.sources_total == Decimal("7500.50")
    assert totals.gap == 0 and totals.balanced
    assert {kind: amount for kind, _l, amount in totals.by_kind} == {
        "own_funds": Decimal("2000.00"),
        "microcredit": Decimal("5000.50"),
        "grant": Decimal("500.00"),
    }


def test_each_year_result_is_revenue_minus_costs_minus_the_founders_pay():
    totals = finance.totals(finance.normalise(BALANCED_FINANCE))
    assert [y["result"] for y in totals.forecast] == [Decimal("3000.00"), Decimal("8000.00"), Decimal("10000.00")]


def test_a_loss_shows_as_a_negative_result():
    plan = finance.normalise({"forecast": [{"revenue": "1000", "costs": "1500", "founder_income": "200"}]})
    assert finance.totals(plan).forecast[0]["result"] == Decimal("-700.00")
    assert finance.totals(plan).forecast[2]["result"] == 0


def test_sources_short_of_uses_leave_a_gap():
    plan = finance.normalise(
        {
            "uses": [{"label": "Four", "amount": "3000"}],
            "sources": [{"kind": "loan", "label": "Banque", "amount": 1000}],
        }
    )
    totals = finance.totals(plan)
    assert totals.gap == Decimal("2000.00") and not totals.balanced


def test_an_empty_plan_is_not_balanced():
    assert not finance.totals(finance.empty()).balanced


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1250,50", "1250.50"),
        ("1 250,50", "1250.50"),
        ("1\u00a0250 €", "1250.00"),
        ("1.250,50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("€ 1\u202f250,50", "1250.50"),
        (99.99, "99.99"),
        ("7,50", "7.50"),
        ("", "0.00"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, expected):
    assert finance.parse_amount(typed, where="x") == Decimal(expected)


@pytest.mark.parametrize(
    "bad",
    ["abc", "-5", "1e12", "NaN", "Infinity", True, "1,2,3", float("nan"), float("inf"), float("-inf"), 1e308, "1e308"],
)
def test_bad_amounts_are_refused_with_a_message(bad):
    with pytest.raises(ValidationError):
        finance.parse_amount(bad, where="x")


@pytest.mark.parametrize("huge", ["1e999999999", "-1E+100000000000", "9" * 5000])
def test_amounts_beyond_the_decimal_context_are_refused_not_crashed(huge, english):
    with pytest.raises(ValidationError) as caught:
        finance.parse_amount(huge, where="x")
    assert caught.value.message_dict["x"] == ["This amount is too large."]


@pytest.mark.parametrize("typed", [99.999, "1250,505", "0.001", "1e-999999999", "1 250,125", "0,500"])
def test_more_than_two_decimals_is_refused_never_rounded(typed, english):
    with pytest.raises(ValidationError) as caught:
        finance.parse_amount(typed, where="x")
    assert "2 decimals" in caught.value.message_dict["x"][0]


@pytest.mark.parametrize("typed", ["1.250", "1,250", "7.500", "€ 1.250", "1.250 €"])
def test_a_thousands_separator_is_never_read_as_a_decimal_point(typed, english):
    # Before: "1.250" and "1,250" were saved as 1.25 EUR, "7.500" as 7.50 EUR.
    with pytest.raises(ValidationError) as caught:
        finance.parse_amount(typed, where="x")
    assert "ambiguous" in caught.value.message_dict["x"][0]


def test_the_ambiguous_message_says_how_to_write_it_in_the_users_language():
    from django.utils import translation

    for language, cents in (("fr", "1,25"), ("en", "1.25")):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            finance.parse_amount("1.250", where="x")
        message = caught.value.message_dict["x"][0]
        assert "1250" in message and cents in message, (language, message)


@pytest.mark.parametrize("language", ["fr", "en", "nl", "ar", "uk", "es"])
@given(amount=st.decimals(min_value=0, max_value=999_999_999, places=2, allow_nan=False))
def test_an_amount_as_the_app_displays_it_reads_back_the_same(language, amount):
    from django.utils import translation

    from interlab.dossiers.templatetags.dossier_tags import eur

    with translation.override(language):
        assert finance.parse_amount(eur(amount), where="x") == amount
        assert finance.parse_amount(eur(-amount), where="x", allow_negative=True) == -amount


def test_a_nul_character_in_a_label_is_refused():
    with pytest.raises(ValidationError):
        finance.normalise({"uses": [{"label": "Four\x00", "amount": "10"}]})


@pytest.mark.parametrize(
    "plan",
    [
        "not an object",
        {"uses": "x"},
        {"uses": [["label", 3]]},
        {"uses": [{"label": "", "amount": "10"}]},
        {"sources": [{"kind": "lottery", "label": "x", "amount": "1"}]},
        {"forecast": [{}, {}, {}, {}]},
        {"uses": [{"label": "x" * 201, "amount": "1"}]},
        {"uses": [{"label": "x", "amount": "1"}] * 31},
        {"uses": [{"label": {"a": 1}, "amount": "1"}]},
    ],
)
def test_malformed_plans_are_refused(plan):
    with pytest.raises(ValidationError):
        finance.normalise(plan)


def test_empty_rows_are_dropped():
    plan = finance.normalise({"uses": [{"label": "", "amount": ""}, {"label": "Four", "amount": "10"}]})
    assert plan["uses"] == [{"label": "Four", "amount": "10.00"}]


@given(st.lists(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False), max_size=30))
def test_the_total_is_the_exact_sum_of_the_lines(amounts):
    plan = finance.normalise({"uses": [{"label": f"l{i}", "amount": str(a)} for i, a in enumerate(amounts)]})
    kept = [a for a in amounts if a]
    assert finance.totals(plan).uses_total == sum(kept, Decimal(0))
