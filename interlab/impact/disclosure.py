"""Statistical disclosure control of every figure a funder or the Region sees, as statistical offices do it.

1. Fixed periods and published groups (impact.periods, selectors.scope_for): no window of the reader's choosing.
2. Released figures do not move (impact.models.Release): a closed period is computed once.
3. The cell key method (Eurostat, ABS; Thompson, Broadfoot & Elazar 2013) perturbs every count. Each person,
   project or referral has a record key, a keyed pseudo-random number in [0, M); a cell's key is the sum of its
   records' keys modulo M. The noise added to a count is read from a fixed table (NOISE) at the cell's key: the
   same set of people always gets the same noise, whatever view it is reached from, so asking again or through
   another view averages nothing away; and two views that differ by one person differ by noise, not by that
   person. Counts under THRESHOLD after the noise are not shown.
4. Amounts and job totals get a relative noise (AMOUNT_NOISE) read at their contributors' key, are rounded, and
   are not shown when their contributors' count is not. Medians over fewer than THRESHOLD values are not shown.
5. Rates and shares are computed from the published counts, never from the exact ones.

Totals are protected on their own, like every other cell: a total may differ from the sum of its parts by a
few units; the page says so.
"""

import hashlib
import hmac
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.conf import settings
from django.db.models import BigIntegerField, ExpressionWrapper, F, Value
from django.db.models.functions import Mod

THRESHOLD = 5
MIN_GROUP = 20  # a programme or cohort with fewer people is not published on its own
MIN_GROUP_MEDIAN = THRESHOLD  # a median over fewer values is too close to the values themselves
MODULUS = 2_147_483_647  # a prime: every multiplier below it is a bijection on the ids
# Noise added to a count, with its probability: symmetric, mean 0, variance 0.8, at most 2 either way.
NOISE = ((-2, 0.05), (-1, 0.20), (0, 0.50), (1, 0.20), (2, 0.05))
MAX_NOISE = 2
# Relative noise of an amount or a total of jobs, with its probability; amounts are then rounded to AMOUNT_ROUND.
AMOUNT_NOISE = ((-0.10, 0.10), (-0.05, 0.20), (0.0, 0.40), (0.05, 0.20), (0.10, 0.10))
AMOUNT_ROUND = 100

# Tests of the counting itself turn the noise off (unperturbed()); no view or task of the product ever does.
_EXACT: ContextVar[bool] = ContextVar("impact_exact", default=False)


@contextmanager
def unperturbed():
    """Within: counts and amounts are published without noise or rounding (small counts still hidden). For tests
    that check what is counted against figures worked out by hand; tests/impact/test_attacker.py checks the rest."""
    token = _EXACT.set(True)
    try:
        yield
    finally:
        _EXACT.reset(token)


def _secret() -> bytes:
    secret = getattr(settings, "IMPACT_KEY_SECRET", "") or settings.SECRET_KEY
    return hmac.new(secret.encode(), b"interlab impact record keys", hashlib.sha256).digest()


def _number(*parts) -> int:
    digest = hmac.new(_secret(), repr(parts).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def _multiplier() -> int:
    # Under 2**21, so that id * multiplier stays under 2**53: exact in SQLite's MOD, which works on floats.
    return 1 + _number("multiplier") % (2**21 - 1)


def _offset(kind: str) -> int:
    return _number("offset", kind) % MODULUS


def record_key_sql(column: str, kind: str) -> tuple[str, list]:
    """SQL for the record key of the row whose id is `column` (portable: integer arithmetic only)."""
    return f"(({column} %% {MODULUS} * %s + %s) %% {MODULUS})", [_multiplier(), _offset(kind)]


def record_key_expr(field: str, kind: str):
    """The record key as an ORM expression, to Sum() beside a Count()."""
    return ExpressionWrapper(
        Mod(
            Mod(F(field), Value(MODULUS)) * Value(_multiplier()) + Value(_offset(kind)),
            Value(MODULUS),
        ),
        output_field=BigIntegerField(),
    )


def record_key(record_id: int, kind: str) -> int:
    """The same record key, computed here (tests and sets built in Python)."""
    return (record_id % MODULUS * _multiplier() + _offset(kind)) % MODULUS


def cell_key(keys) -> int:
    return sum(int(k or 0) for k in keys) % MODULUS


def opaque_key(*what) -> int:
    """A cell key for a figure another app gives as a number only (no records): what it counts, and its value."""
    return _number("opaque", *what) % MODULUS


def _uniform(key: int, salt: str) -> float:
    """A number in [0, 1) read at a cell's key; a salt gives an independent one for another use of the key."""
    return _number("uniform", int(key) % MODULUS, salt) / 2**64


def _draw(table, u: float):
    seen = 0.0
    for value, probability in table:
        seen += probability
        if u < seen:
            return value
    return table[-1][0]


def noise(count: int, key: int) -> int:
    """The noise of a count at a cell key: 0 on an empty cell (a structural zero stays zero)."""
    if count <= 0 or _EXACT.get():
        return 0
    return _draw(NOISE, _uniform(key, "count"))


def perturbed(count: int, key: int) -> int:
    return max(0, int(count) + noise(int(count), key))


# --- published cells ---------------------------------------------------------------------------------------
# Every published figure has the shape {"value": number or None, "suppressed": bool}.


def cell(value, *, suppressed: bool = False) -> dict:
    return {"value": None if suppressed else value, "suppressed": suppressed}


def hidden() -> dict:
    return cell(None, suppressed=True)


def count_cell(count: int | None, key: int | None) -> dict:
    """A count of people, projects or referrals: perturbed at its key, not shown under THRESHOLD."""
    value = perturbed(count or 0, key or 0)
    return cell(value, suppressed=value < THRESHOLD)


def count_cells(counts: Mapping[str, tuple[int, int]]) -> dict[str, dict]:
    """{category: (count, key)} → {category: published cell}; each cell is protected on its own."""
    return {name: count_cell(n, key) for name, (n, key) in counts.items()}


def remainder(total: tuple[int, int], parts) -> tuple[int, int]:
    """(count, key) of what is left of a total once the parts are taken out (e.g. "not stated")."""
    parts = list(parts)
    return total[0] - sum(n for n, _k in parts), (total[1] - sum(k for _n, k in parts)) % MODULUS


DOMINANCE = 0.6  # an amount where one contributor brings more than this share would describe that one


def amount_cell(
    amount, contributors: int, key: int, *, rounding: int = AMOUNT_ROUND, salt: str = "amount", largest=None
) -> dict:
    """An amount (euros, jobs) over `contributors`: hidden with their count (the same draw as the count shown
    beside it), or when one contributor dominates it; else perturbed and rounded. `salt` gives each amount over
    the same contributors a noise of its own."""
    if count_cell(contributors, key)["suppressed"]:
        return hidden()
    total = float(amount or 0)
    if largest is not None and total > 0 and float(largest) > DOMINANCE * total:
        return hidden()
    if _EXACT.get():
        return cell(total)
    factor = 1 + _draw(AMOUNT_NOISE, _uniform(key, salt))
    value = float(Decimal(str(amount or 0)) * Decimal(str(factor)))
    value = round(value / rounding) * rounding
    return cell(int(value))


def rate_cell(part: dict, whole: dict, *, scale: float = 100, digits: int = 1) -> dict:
    """A rate from two published counts; not shown when either is not."""
    if part["suppressed"] or whole["suppressed"] or not whole["value"]:
        return hidden()
    return cell(round(scale * part["value"] / whole["value"], digits))


def median_from_histogram(buckets: Mapping[int, int]) -> tuple[int, float | None]:
    """(n, median) from {value: how many}; the exact median of integer values, without the rows themselves."""
    n = sum(buckets.values())
    if not n:
        return 0, None
    wanted = [(n + 1) // 2, (n + 2) // 2]  # the middle row, or the two middle rows when n is even
    found, seen = [], 0
    for value in sorted(buckets):
        seen += buckets[value]
        while wanted and seen >= wanted[0]:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return n, sum(found) / len(found)


def median_cell(n: int, median: float | None, key: int) -> dict:
    """A median of the values of a set, shown when the set's published count is (the same draw at the same key,
    so that showing or hiding it says nothing the count does not) and it holds MIN_GROUP_MEDIAN values or more;
    rounded to whole days (or units)."""
    if median is None or n < MIN_GROUP_MEDIAN or count_cell(n, key)["suppressed"]:
        return hidden()
    if _EXACT.get():
        return cell(round(median, 1))
    return cell(round(median))


def mean_cell(mean, n: int, key: int, *, digits: int = 1) -> dict:
    """A mean of a set (satisfaction, reach): shown over MIN_GROUP values or more only, rounded: with fewer, the
    mean of a set and of that set plus one would give the one's value."""
    if mean is None or n < MIN_GROUP or count_cell(n, key)["suppressed"]:
        return hidden()
    return cell(round(float(mean), digits))


def method() -> dict:
    """The method and its parameters, as published beside the figures (and in the API)."""
    return {
        "method": "cell key",
        "threshold": THRESHOLD,
        "min_group": MIN_GROUP,
        "min_values_for_a_median": MIN_GROUP_MEDIAN,
        "dominance_share": DOMINANCE,
        "noise": [{"change": change, "probability": p} for change, p in NOISE],
        "max_noise": MAX_NOISE,
        "amount_noise_percent": [{"change": round(100 * change), "probability": p} for change, p in AMOUNT_NOISE],
        "max_amount_noise_percent": round(100 * max(abs(change) for change, _p in AMOUNT_NOISE)),
        "amount_rounding": AMOUNT_ROUND,
    }
