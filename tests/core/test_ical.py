"""The time zones every calendar file carries: written with yearly rules (RRULE), read the same by two parsers."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import vobject

from interlab.core.ical import add_timezones, set_name, vtimezone

BRUSSELS = ZoneInfo("Europe/Brussels")


def _blocks(component: icalendar.Timezone) -> dict[str, icalendar.cal.Component]:
    return {block.name: block for block in component.subcomponents}


def test_brussels_is_written_with_the_eu_rules_not_a_list_of_dates():
    component = vtimezone("Europe/Brussels", year=2026)
    blocks = _blocks(component)
    assert set(blocks) == {"DAYLIGHT", "STANDARD"}
    summer, winter = blocks["DAYLIGHT"], blocks["STANDARD"]
    assert summer["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert winter["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    # The onsets are the wall-clock times before each change: 02:00 CET in March, 03:00 CEST in October,
    # from 1996, the first year both EU rules held.
    assert summer.decoded("DTSTART") == datetime(1996, 3, 31, 2, 0)
    assert winter.decoded("DTSTART") == datetime(1996, 10, 27, 3, 0)
    assert (summer.to_ical().count(b"TZOFFSETTO:+0200"), winter.to_ical().count(b"TZOFFSETTO:+0100")) == (1, 1)
    assert b"RDATE" not in component.to_ical()


def test_a_rule_on_the_second_sunday_is_written_as_such():
    blocks = _blocks(vtimezone("America/New_York", year=2026))
    assert blocks["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
    assert blocks["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"


def test_a_zone_without_summer_time_is_one_standard_block():
    component = vtimezone("Asia/Tokyo", year=2026)
    [block] = component.subcomponents
    assert block.name == "STANDARD" and b"TZOFFSETTO:+0900" in block.to_ical() and "RRULE" not in block


def _calendar_at(*moments: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//InterLab//Test//FR")
    calendar.add("version", "2.0")
    for index, moment in enumerate(moments):
        event = icalendar.Event()
        event.add("uid", f"{index}@interlab")
        event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
        event.add("dtstart", moment)
        calendar.add_component(event)
    add_timezones(calendar)
    return calendar.to_ical()


def test_the_zone_goes_before_the_events_once():
    calendar = icalendar.Calendar.from_ical(
        _calendar_at(datetime(2027, 7, 1, 10, tzinfo=BRUSSELS), datetime(2027, 1, 1, 10, tzinfo=BRUSSELS))
    )
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT", "VEVENT"]


def test_vobject_reads_brussels_summer_and_winter_times_years_ahead():
    """vobject ignores RDATE lists: with icalendar's own VTIMEZONE it read 10:00 in July as 09:00 UTC."""
    moments = [datetime(year, month, 1, 10, tzinfo=BRUSSELS) for year in (2027, 2040) for month in (1, 7)]
    parsed = vobject.readOne(_calendar_at(*moments).decode())
    starts = [event.dtstart.value.astimezone(UTC).hour for event in parsed.vevent_list]
    assert starts == [9, 8, 9, 8]


def test_a_name_with_commas_and_semicolons_is_escaped_text_on_one_line():
    calendar = icalendar.Calendar()
    set_name(calendar, "Banque, CPAS;\nrendez-vous")
    assert calendar.to_ical() == b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Banque\\, CPAS\\; rendez-vous\r\nEND:VCALENDAR\r\n"
