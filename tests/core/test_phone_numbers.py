"""Phone numbers are normalised to E.164 by phonenumbers, Belgian when written without their country."""

import pytest

from interlab.core.sms import normalise_phone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0470 12 34 56", "+32470123456"),  # a Belgian mobile, as people write it
        ("0470/12.34.56", "+32470123456"),
        ("04 221 11 11", "+3242211111"),  # a Liège landline
        ("0032 470 12 34 56", "+32470123456"),
        ("+32 (0)470 12 34 56", "+32470123456"),
        ("+33 6 12 34 56 78", "+33612345678"),  # a French mobile keeps its country
        ("0049 1512 3456789", "+4915123456789"),  # a German mobile, with the 00 prefix
        ("+380 67 123 4567", "+380671234567"),  # a Ukrainian mobile
    ],
)
def test_a_number_is_normalised_to_e164(typed, expected):
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "12", "not a number", "0470 12", "+32 1234"])
def test_what_cannot_be_a_phone_number_is_none(typed):
    assert normalise_phone(typed) is None


def test_a_number_without_its_country_takes_the_configured_region(settings):
    settings.SMS_DEFAULT_REGION = "FR"
    assert normalise_phone("06 12 34 56 78") == "+33612345678"
