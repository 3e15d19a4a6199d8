"""Fixed reporting periods: the only windows a funder or the Region can ask figures for.

Arbitrary dates would let a reader ask for two windows a day apart and read one person in the difference. A
period is a calendar month ("2025-07"), quarter ("2025-Q3") or year ("2025"), dates inclusive. A period is
released once it has closed (its last day is past); its figures are then kept as released (see
impact.models.Release).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _

FIRST_YEAR = 2015
MONTHS_LISTED = 24  # the last two years' months are offered; older ones stay reachable by their code

_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "year", "quarter" or "month"
    number: int = 0  # the quarter (1-4) or the month (1-12); 0 for a year

    @property
    def start(self) -> date:
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind == "month":
            return date(self.year, self.number, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "quarter":
            following = date(self.year + (self.number == 4), 1 if self.number == 4 else 3 * self.number + 1, 1)
        elif self.kind == "month":
            following = date(self.year + (self.number == 12), 1 if self.number == 12 else self.number + 1, 1)
        else:
            following = date(self.year + 1, 1, 1)
        return following - timedelta(days=1)

    @property
    def code(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The period in words, in the reader's language."""
        if self.kind == "quarter":
            return _("quarter %(number)s of %(year)s") % {"number": self.number, "year": self.year}
        if self.kind == "month":
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        return _("year %(year)s") % {"year": self.year}

    def closed(self, today: date | None = None) -> bool:
        return self.end < (today or timezone.localdate())


def parse(code: str | None) -> Period | None:
    """The period a code names ("2025", "2025-Q3", "2025-07"), or None."""
    match = _CODE.match((code or "").strip().upper())
    if not match:
        return None
    year = int(match["year"])
    if not FIRST_YEAR <= year <= 2100:
        return None
    if match["quarter"]:
        return Period(year, "quarter", int(match["quarter"]))
    if match["month"]:
        return Period(year, "month", int(match["month"]))
    return Period(year, "year")


def from_window(start: date | None, end: date | None) -> Period | None:
    """The period whose first and last days these are exactly, or None (an arbitrary window)."""
    if start is None or end is None or not FIRST_YEAR <= start.year <= 2100:
        return None
    for candidate in (
        Period(start.year, "year"),
        Period(start.year, "quarter", (start.month - 1) // 3 + 1),
        Period(start.year, "month", start.month),
    ):
        if candidate.start == start and candidate.end == end:
            return candidate
    return None


def containing(day: date, kind: str) -> Period:
    if kind == "quarter":
        return Period(day.year, "quarter", (day.month - 1) // 3 + 1)
    if kind == "month":
        return Period(day.year, "month", day.month)
    return Period(day.year, "year")


def offered(*, include_open: bool, today: date | None = None, since_year: int | None = None) -> list[Period]:
    """The periods a reader chooses among, latest first: years, quarters, and the last two years' months.

    Only closed periods for funders; staff also see the current year, quarter and month (figures in progress).
    """
    today = today or timezone.localdate()
    first = max(FIRST_YEAR, since_year or FIRST_YEAR)
    periods: list[Period] = []
    for year in range(today.year, first - 1, -1):
        periods.append(Period(year, "year"))
        periods += [Period(year, "quarter", q) for q in range(4, 0, -1)]
    month = Period(today.year, "month", today.month)
    for _index in range(MONTHS_LISTED):
        periods.append(month)
        previous = month.start - timedelta(days=1)
        month = Period(previous.year, "month", previous.month)
    periods = [p for p in periods if p.start <= today and (include_open or p.closed(today))]
    order = {"year": 0, "quarter": 1, "month": 2}
    return sorted(set(periods), key=lambda p: (order[p.kind], -p.start.toordinal()))


def default(*, include_open: bool, today: date | None = None) -> Period:
    """The last closed year for funders; the current year, in progress, for staff."""
    today = today or timezone.localdate()
    if include_open:
        return Period(today.year, "year")
    return Period(today.year - 1, "year")
