"""The pieces of an iCal (RFC 5545) file every app writes the same way: the calendar's name and its time zones.

A time zone is written with its yearly rules (RRULE), as calendar servers write it. icalendar's own
`add_missing_timezones` lists every change as dates (RDATE), which vobject (and Radicale, built on it)
ignores: it then reads Europe/Brussels as +01:00 all year and every summer event an hour off.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

# The rules are read from this year back as far as they hold; none is looked for before 1970.
FIRST_YEAR = 1970
# A rule must give the same kind of day in each of these years (a "last Sunday" is some years the 4th).
YEARS_CHECKED = 8


@dataclass(frozen=True)
class _Change:
    """One change of offset: when (UTC), from which offset to which, and the name after it."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str

    @property
    def local(self) -> datetime:
        """The wall-clock time of the change, read with the offset in force before it (RFC 5545, DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)


@dataclass(frozen=True)
class _Observance:
    """A yearly change as a rule: its month, which weekday of that month, and the wall-clock time."""

    daylight: bool
    month: int
    nth: int  # 1..4 or -1 for the last one
    weekday: int
    clock: tuple[int, int, int]
    before: timedelta
    after: timedelta
    name: str
    since: datetime  # the local time of the first change the rule gives, as DTSTART


def _changes(zone: ZoneInfo, year: int) -> list[_Change]:
    """Every change of UTC offset in `year`, to the whole second, found day by day and then halved down."""
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    offset = day.astimezone(zone).utcoffset()
    while day.year == year:
        following = day + timedelta(days=1)
        next_offset = following.astimezone(zone).utcoffset()
        if next_offset != offset:
            low, high = day, following
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low) // timedelta(seconds=2))
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(_Change(high, offset, next_offset, high.astimezone(zone).tzname() or ""))
            offset = next_offset
        day = following
    return found


def _nth(moment: datetime) -> tuple[int, bool]:
    """Which weekday of its month `moment` is (1 for the first), and whether it is the last one."""
    following = moment + timedelta(days=7)
    return (moment.day - 1) // 7 + 1, following.month != moment.month


def _fits(nth: int, moment: datetime) -> bool:
    place, last = _nth(moment)
    return last if nth == -1 else place == nth


def _same_kind(first: _Change, other: _Change) -> bool:
    return (
        first.before == other.before
        and first.after == other.after
        and first.local.month == other.local.month
        and first.local.weekday() == other.local.weekday()
        and first.local.time() == other.local.time()
    )


def _rule(zone: ZoneInfo, year: int) -> list[_Observance] | None:
    """The zone's yearly changes as rules, if the changes of `year` and the years after follow rules; the rules
    start in the first year from which they held."""
    reference = _changes(zone, year)
    if len(reference) != 2:
        return None
    later = [_changes(zone, y) for y in range(year + 1, year + YEARS_CHECKED)]
    if any(len(changes) != 2 for changes in later):
        return None
    observances = []
    for index, change in enumerate(reference):
        seen = [change] + [changes[index] for changes in later]
        if not all(_same_kind(change, other) for other in seen):
            return None
        places = [_nth(other.local) for other in seen]
        if all(last for _, last in places):
            nth = -1
        elif len({n for n, _ in places}) == 1:
            nth = places[0][0]
        else:
            return None
        observances.append((change, nth))

    def holds(y: int) -> bool:
        changes = _changes(zone, y)
        return len(changes) == 2 and all(
            _same_kind(change, other) and _fits(nth, other.local)
            for (change, nth), other in zip(observances, changes, strict=True)
        )

    first = year
    while first > FIRST_YEAR and holds(first - 1):
        first -= 1
    onsets = _changes(zone, first)
    return [
        _Observance(
            daylight=change.after > change.before,
            month=change.local.month,
            nth=nth,
            weekday=change.local.weekday(),
            clock=(change.local.hour, change.local.minute, change.local.second),
            before=change.before,
            after=change.after,
            name=change.name,
            since=onset.local,
        )
        for (change, nth), onset in zip(observances, onsets, strict=True)
    ]


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@functools.lru_cache(maxsize=16)
def _observances(name: str, year: int) -> tuple[_Observance, ...] | None:
    return tuple(_rule(ZoneInfo(name), year) or ()) or None


def vtimezone(name: str, *, year: int | None = None) -> icalendar.Timezone:
    """The VTIMEZONE of the IANA zone `name` with its yearly rules (RRULE) as they stand in `year` (this year by
    default). A zone without changes of offset is one STANDARD block; one whose changes follow no yearly rule
    falls back to icalendar's list of dates."""
    zone = ZoneInfo(name)
    year = year or date.today().year
    observances = _observances(name, year)
    component = icalendar.Timezone()
    component.add("tzid", name)
    if observances is None and not _changes(zone, year):
        offset = datetime(year, 1, 1, tzinfo=UTC).astimezone(zone)
        standard = icalendar.TimezoneStandard()
        standard.add("dtstart", datetime(FIRST_YEAR, 1, 1))
        standard.add("tzoffsetfrom", offset.utcoffset())
        standard.add("tzoffsetto", offset.utcoffset())
        standard.add("tzname", offset.tzname())
        component.add_component(standard)
        return component
    if observances is None:
        return icalendar.Timezone.from_tzinfo(zone)
    for rule in observances:
        block = icalendar.TimezoneDaylight() if rule.daylight else icalendar.TimezoneStandard()
        block.add("tzname", rule.name)
        block.add("tzoffsetfrom", rule.before)
        block.add("tzoffsetto", rule.after)
        block.add("dtstart", rule.since)
        block.add("rrule", {"freq": "yearly", "bymonth": rule.month, "byday": f"{rule.nth}{WEEKDAYS[rule.weekday]}"})
        component.add_component(block)
    return component


def add_timezones(calendar: icalendar.Calendar) -> icalendar.Calendar:
    """Put a VTIMEZONE, with its rules, before the events for every zone they name (TZID) and the file lacks."""
    for index, name in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(index, vtimezone(name))
    return calendar


def set_name(calendar: icalendar.Calendar, name: str) -> None:
    """Name the calendar (X-WR-CALNAME) on one line, as text: a comma or semicolon escaped, not a cut."""
    calendar.add("x-wr-calname", icalendar.vText(" ".join(str(name).split())))
