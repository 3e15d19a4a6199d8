"""Amounts as people type them: Belgian, English and the app's own formats read exactly; ambiguous ones refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from interlab.core.money import AmountField, parse_amount

LANGUAGES = ["fr", "en", "nl", "ar", "uk", "es"]
AMOUNTS = st.decimals(min_value=0, max_value=999_999_999, places=2, allow_nan=False, allow_infinity=False)


def refusal(typed, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_amount(typed, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1250", "1250.00"),
        ("1250.50", "1250.50"),
        ("1250,50", "1250.50"),
        ("1250,5", "1250.50"),
        ("1 250,50", "1250.50"),
        ("1\u00a0250,50", "1250.50"),  # no-break space: Django's French format
        ("1\u202f250,50", "1250.50"),  # narrow no-break space: Babel's French format, the app's own display
        ("1 250.50", "1250.50"),
        ("1.250,50", "1250.50"),
        ("1,250.50", "1250.50"),  # English thousands: unambiguous with the cents after a point
        ("1.250.000", "1250000.00"),
        ("1,250,000", "1250000.00"),
        ("1 250 000", "1250000.00"),
        ("€ 1 250,50", "1250.50"),
        ("€1250", "1250.00"),
        ("1 250,50 €", "1250.50"),
        ("1\u202f250,50\u00a0€", "1250.50"),
        ("EUR 1250", "1250.00"),
        ("1250 eur", "1250.00"),
        ("  42  ", "42.00"),
        ("0,5", "0.50"),
        (",50", "0.50"),
        ("12,34", "12.34"),
        ("+5", "5.00"),
        ("1E+3", "1000.00"),  # what programs write
        ("\u0661\u066c\u0662\u0665\u0660\u066b\u0665\u0660", "1250.50"),  # Arabic-Indic digits and separators
        ("\u0661\u0662\u0665\u0660", "1250.00"),
        (1250, "1250.00"),
        (99.99, "99.99"),
        (Decimal("7.5"), "7.50"),
    ],
)
def test_the_formats_people_type_are_read_exactly(typed, expected):
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["−1 234,50 €", "-1234.50", "€ -1 234,50", "- 1.234,50"])
def test_a_negative_amount_is_read_where_allowed(typed):
    assert parse_amount(typed, allow_negative=True) == Decimal("-1234.50")
    assert refusal(typed).code == "negative"


@pytest.mark.parametrize("typed", ["1.250", "1,250", "7.500", "10.125", "999,999", "-1.250", "€ 1.250", "1,250 €"])
def test_one_separator_before_exactly_three_digits_is_refused_as_ambiguous(typed):
    assert refusal(typed, allow_negative=True).code == "ambiguous"


@pytest.mark.parametrize(
    "language, typed, hint",
    [
        ("fr", "1.250", "Écrivez 1250, ou 1,25."),
        ("en", "1,250", "Write 1250, or 1.25."),
        ("en", "10.125", "Write 10125, or give at most 2 decimals."),
    ],
)
def test_the_ambiguous_message_says_how_to_write_it(language, typed, hint):
    with translation.override(language):
        message = refusal(typed).messages[0]
    opening = "«\u00a0%s\u00a0» est ambigu" if language == "fr" else "“%s” is ambiguous"
    assert message.startswith(opening % typed) and message.endswith(hint), message


@pytest.mark.parametrize(
    "typed, code",
    [
        ("abc", "invalid"),
        ("", "invalid"),
        ("€", "invalid"),
        ("NaN", "invalid"),
        ("Infinity", "invalid"),
        ("1,2,3", "invalid"),
        ("1.250.50", "invalid"),
        ("12 50", "invalid"),  # thousands are grouped by three
        ("1250,", "invalid"),
        ("1..5", "invalid"),
        ("1 250.000,50", "invalid"),  # two kinds of thousands separators
        ("1,250 000", "invalid"),
        ("€ 5 €", "invalid"),
        ("5 $", "invalid"),
        ("0x10", "invalid"),
        (True, "invalid"),
        (None, "invalid"),
        (float("nan"), "invalid"),
        (float("inf"), "invalid"),
        ("0,500", "decimals"),
        ("1 250,505", "decimals"),
        ("1250.125", "decimals"),
        ("0.001", "decimals"),
        ("1,2500", "decimals"),
        (99.999, "decimals"),
        ("1e-999999999", "decimals"),
        ("-5", "negative"),
        ("1e12", "too_large"),
        ("1 000 000 000", "too_large"),
        ("9" * 5000, "too_large"),
        ("1e999999999", "too_large"),
        (1e308, "too_large"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_its_reason(typed, code):
    assert refusal(typed).code == code


@pytest.mark.parametrize("typed", ["-0", "−0,00", "-0.0", -0.0])
def test_minus_zero_is_zero(typed):
    assert str(parse_amount(typed)) == "0.00"


def test_the_limit_is_the_callers():
    assert parse_amount("100 000 000", limit=Decimal(100_000_001)) == Decimal(100_000_000)
    assert refusal("100 000 001", limit=Decimal(100_000_001)).code == "too_large"


@pytest.mark.parametrize("language", LANGUAGES)
@given(amount=AMOUNTS)
def test_an_amount_formatted_in_each_language_reads_back_the_same(language, amount):
    with translation.override(language):
        shown = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
        assert parse_amount(shown) == amount, shown
        negative = formats.number_format(-amount, decimal_pos=2, use_l10n=True, force_grouping=True)
        assert parse_amount(negative, allow_negative=True) == -amount, negative


@given(amount=AMOUNTS, thousands=st.sampled_from([" ", "\u00a0", "\u202f", ".", ","]))
def test_grouped_thousands_with_cents_read_back_the_same(amount, thousands):
    whole, cents = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}".split(",")
    point = "." if thousands == "," else ","
    assert parse_amount(f"{thousands.join(groups)}{point}{cents}") == amount


@given(amount=AMOUNTS)
def test_what_a_program_writes_reads_back_the_same(amount):
    assert parse_amount(str(amount)) == amount
    assert parse_amount(amount) == amount


@given(whole=st.integers(min_value=1, max_value=999), group=st.integers(min_value=0, max_value=999))
def test_a_thousands_group_is_never_taken_for_cents(whole, group):
    for point in ".,":
        with pytest.raises(ValidationError) as caught:
            parse_amount(f"{whole}{point}{group:03d}")
        assert caught.value.code == "ambiguous"


@given(st.text(max_size=40))
def test_any_text_is_an_amount_or_a_message_never_a_crash(text):
    try:
        amount = parse_amount(text, allow_negative=True)
    except ValidationError as exc:
        assert exc.messages and exc.code in {"invalid", "ambiguous", "decimals", "too_large"}
    else:
        assert amount == amount.quantize(Decimal("0.01")) and abs(amount) < 1_000_000_000


def test_the_form_field_keeps_empty_as_nothing_and_reads_the_rest():
    field = AmountField(required=False)
    assert field.clean("") is None and field.clean("   ") is None
    assert field.clean("1 250,50") == Decimal("1250.50")
    with pytest.raises(ValidationError):
        field.clean("1.250")
    html = field.widget.render("x", "")
    assert 'inputmode="decimal"' in html and 'maxlength="30"' in html
