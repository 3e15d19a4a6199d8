"""Amounts of money as people type them ("1 250,50", "1.250,50", "1250.50 €") read exactly, or refused with a
message that says how to write them. A thousands separator is never taken for a decimal point."""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import pairwise

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
LIMIT = Decimal("1000000000")
# Spaces that group thousands: plain, no-break (Django's French format), narrow no-break (Babel's French and
# InterLab's own display), thin, figure; and the Arabic thousands separator. None of them is ever a decimal mark.
GROUP_MARKS = frozenset(" \u00a0\u202f\u2009\u2007\u066c")
ARABIC_DECIMAL = "\u066b"  # only ever a decimal mark
POINTS = frozenset(".,")
MINUS = ("-", "\u2212")  # the hyphen people type, the minus sign the app displays
PLUS = "+"
CURRENCY = re.compile(r"^(?:€|eur)\s*|\s*(?:€|eur)$", re.IGNORECASE)
SCIENTIFIC = re.compile(r"[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+")
GROUP_CLASS = " "  # every group mark counts as one kind when telling them apart
# Direction marks and isolates carry no meaning in an amount: CLDR's Arabic puts a right-to-left mark before
# money ("\u200f1,250.50 €"), and a copy from a right-to-left page may bring isolates along.
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"))


def _decimal_mark() -> str:
    return str(formats.get_format("DECIMAL_SEPARATOR") or ",")


def _not_an_amount(value: str) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not an amount in euros: write it with digits, like 1250 or %(example)s.")
        % {"value": value[:40], "example": f"1250{_decimal_mark()}50"},
        code="invalid",
    )


def _too_many_decimals() -> ValidationError:
    return ValidationError(_("Give the amount in euros and cents (at most 2 decimals)."), code="decimals")


def _ambiguous(value: str, sign: str, whole: str, cents: str) -> ValidationError:
    """One point or comma followed by exactly 3 digits: thousands ("1.250" = 1250) or cents ("1.250" = 1,25)."""
    thousands = f"{sign}{whole}{cents}"
    significant = cents.rstrip("0")
    if len(significant) <= 2:
        as_cents = f"{sign}{whole}{_decimal_mark()}{significant.ljust(2, '0')}"
        message = _(
            "“%(value)s” is ambiguous: the separator may mark thousands or cents. Write %(thousands)s, or %(cents)s."
        )
        return ValidationError(
            message % {"value": value[:40], "thousands": thousands, "cents": as_cents}, code="ambiguous"
        )
    message = _(
        "“%(value)s” is ambiguous: the separator may mark thousands or cents. Write %(thousands)s, or give at most "
        "2 decimals."
    )
    return ValidationError(message % {"value": value[:40], "thousands": thousands}, code="ambiguous")


def _ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic ٠١٢…, fullwidth…) as 0-9; everything else unchanged."""
    out = []
    for char in text:
        digit = unicodedata.decimal(char, None) if not char.isascii() else None
        out.append(str(digit) if digit is not None else char)
    return "".join(out)


def _is_digits(token: str) -> bool:
    return "0" <= token[0] <= "9"


def _grouped(groups: list[str]) -> bool:
    """Thousands grouped the usual way: 1 to 3 digits (not a lone leading zero), then groups of exactly 3."""
    first, rest = groups[0], groups[1:]
    return 1 <= len(first) <= 3 and not first.startswith("0") and all(len(g) == 3 for g in rest)


def _read_text(value: str) -> tuple[bool, Decimal]:
    """(negative, magnitude) of a typed amount; raises ValidationError with a message for the person."""
    text = _ascii_digits(value.translate(BIDI_MARKS).strip())
    negative = False
    if text[:1] in (*MINUS, PLUS):
        negative, text = text[0] in MINUS, text[1:].lstrip()
    currency = CURRENCY.findall(text)
    if len(currency) > 1:
        raise _not_an_amount(value)
    text = CURRENCY.sub("", text, count=1)
    if currency and not negative and text[:1] in (*MINUS, PLUS):  # "€ -5", "EUR -1 250,50"
        negative, text = text[0] in MINUS, text[1:].lstrip()
    if SCIENTIFIC.fullmatch(text):  # what programs write (1E+3): a point is a decimal point there
        return negative, Decimal(text)
    tokens = re.findall(r"[0-9]+|[^0-9]", text)  # runs of digits, and single marks
    digits = [t for t in tokens if _is_digits(t)]
    marks = [t for t in tokens if not _is_digits(t)]
    if not digits or any(m not in GROUP_MARKS and m not in POINTS and m != ARABIC_DECIMAL for m in marks):
        raise _not_an_amount(value)
    if not _is_digits(tokens[-1]) or any(not _is_digits(a) and not _is_digits(b) for a, b in pairwise(tokens)):
        raise _not_an_amount(value)  # a mark at the end, or two marks side by side
    kinds = [GROUP_CLASS if m in GROUP_MARKS else m for m in marks]
    leading = not _is_digits(tokens[0])  # ",50"
    if leading:
        if kinds[0] not in (*POINTS, ARABIC_DECIMAL) or len(marks) > 1:
            raise _not_an_amount(value)
        return negative, _compose([], tokens[1])

    # Which mark, if any, separates the cents? Then every mark before it groups thousands, all of one kind.
    decimal_at = None
    if ARABIC_DECIMAL in kinds:
        decimal_at = kinds.index(ARABIC_DECIMAL)
    elif "." in kinds and "," in kinds:
        decimal_at = len(kinds) - 1  # "1.250,50", "1,250.50": the last mark is the decimal one
        if kinds[-1] not in POINTS:
            raise _not_an_amount(value)
    else:
        points = [i for i, k in enumerate(kinds) if k in POINTS]
        if len(points) == 1 and points[0] == len(kinds) - 1:
            after, groups_before = digits[-1], digits[:-1]
            if len(kinds) > 1:
                decimal_at = points[0]  # "1 250,50": spaces group the thousands, so the point marks the cents
            elif len(after) == 3 and _grouped(groups_before + [after]):
                raise _ambiguous(value, "-" if negative else "", groups_before[0], after)
            else:
                decimal_at = points[0]  # "1250,50", "0,500" (too many decimals, said below)
        elif len(points) == 1:
            raise _not_an_amount(value)  # "1,250 000": a point amid spaces
    if decimal_at is not None and decimal_at != len(kinds) - 1:
        raise _not_an_amount(value)
    thousands = kinds if decimal_at is None else kinds[:decimal_at]
    whole = digits if decimal_at is None else digits[:-1]
    cents = "" if decimal_at is None else digits[-1]
    if len(set(thousands)) > 1 or (thousands and not _grouped(whole)):
        raise _not_an_amount(value)
    return negative, _compose(whole, cents)


def _compose(whole: list[str], cents: str) -> Decimal:
    if len(cents) > 2:
        raise _too_many_decimals()
    return Decimal(f"{''.join(whole) or '0'}.{cents or '0'}")


def parse_amount(value, *, allow_negative: bool = False, limit: Decimal = LIMIT) -> Decimal:
    """An amount in euros, to the cent, from what a person typed or a number an API client sent.

    Accepted: 1250 · 1250,50 · 1250.50 · 1 250,50 (any space, no-break ones included) · 1.250,50 · 1,250.50 ·
    € 1 250,50 · 1 250,50 € · EUR 1250 · −1 234,50 € (the app's own display) · digits of any script.
    Refused with a message: "1.250" and "1,250" (thousands or cents?), more than 2 decimals (never rounded: the
    totals must add up to what was typed), a negative amount unless allowed, `limit` or more, anything else.
    """
    if isinstance(value, bool) or value is None:
        raise ValidationError(_("Give an amount in euros."), code="invalid")
    if isinstance(value, str):
        negative, amount = _read_text(value)
        if negative:
            amount = amount.copy_negate()
    elif isinstance(value, int | float | Decimal):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(_("Give an amount in euros."), code="invalid") from None
    else:
        raise ValidationError(_("Give an amount in euros."), code="invalid")
    if not amount.is_finite():
        raise ValidationError(_("Give an amount in euros."), code="invalid")
    # Judged on the exponent first: arithmetic on "1e999999999" overflows the decimal context.
    if amount and amount.adjusted() >= limit.adjusted() and amount.copy_abs() >= limit:
        raise ValidationError(_("This amount is too large."), code="too_large")
    if amount < 0 and not allow_negative:
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    if amount and amount.adjusted() < -2 or amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise _too_many_decimals()
    if not amount:
        return Decimal("0.00")  # never "-0.00"
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class AmountField(forms.Field):
    """A text box for euros: what was typed stays in the box when it is refused, with the message beside it."""

    def __init__(self, *, allow_negative: bool = False, max_length: int = 30, **kwargs):
        self.allow_negative, self.max_length = allow_negative, max_length
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "amount"})
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "maxlength": str(self.max_length)}

    def to_python(self, value) -> Decimal | None:
        text = "" if value in self.empty_values else str(value).strip()
        if not text:
            return None
        return parse_amount(text, allow_negative=self.allow_negative)
