"""The day grid: times down, spaces across, free times tappable; others' bookings never named."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from interlab.tierslieu import selectors, services

from .conftest import BRUSSELS, at, day

pytestmark = pytest.mark.usefixtures("frozen")


def cell(grid, space, hour: int, minute: int = 0):
    for moment, cells in grid.rows:
        if (moment.hour, moment.minute) == (hour, minute):
            return next(c for c in cells if c.space == space)
    raise AssertionError(f"no row at {hour}:{minute:02d}")


def test_rows_run_every_half_hour_from_the_first_opening_to_the_last_closing(member, room, desks):
    grid = selectors.day_grid(day(1), member)
    times = [f"{moment:%H:%M}" for moment, _cells in grid.rows]
    assert times[0] == "08:00" and times[-1] == "19:30" and len(times) == 24
    assert {s.name for s in grid.spaces} == {"Plateau coworking", "Salle Meuse"}


def test_free_booked_and_too_soon_cells(member, other_member, room):
    services.book(by=other_member, space=room, start=at(day(0), 11), end=at(day(0), 12), title="Banque")
    grid = selectors.day_grid(day(0), member)
    assert cell(grid, room, 8).state == "unavailable"  # 08:00 now, an hour of notice
    nine = cell(grid, room, 9)
    assert nine.state == "free" and nine.end == at(day(0), 10)
    assert cell(grid, room, 10, 30).end == at(day(0), 11)  # the proposed end stops at the next booking
    assert cell(grid, room, 11).state == "booked" and cell(grid, room, 11, 30).state == "booked"
    assert cell(grid, room, 12).state == "free"


def test_a_space_closed_that_day_has_closed_cells(member, room, desks):
    with time_machine.travel(datetime(2026, 11, 28, 7, 0, tzinfo=BRUSSELS), tick=False):
        grid = selectors.day_grid(day(5), member)
    assert cell(grid, room, 10).state == "closed" and grid.closed_because[room.pk]
    assert cell(grid, desks, 10).state == "free"


def test_the_page_names_my_bookings_but_not_others(member, other_member, room):
    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Secret")
    services.book(by=member, space=room, start=at(day(1), 14), end=at(day(1), 15), title="Mon rendez-vous")
    client = Client()
    client.force_login(member)
    html = client.get(reverse("tierslieu:day_grid"), {"date": "2026-11-24"}).content.decode()
    assert "Mon rendez-vous" in html and "Secret" not in html
    assert f'data-space="{room.pk}" data-start="2026-11-24T09:00:00+01:00"' in html
    assert "?start=2026-11-24T09%3A00%3A00%2B01%3A00&amp;end=2026-11-24T10%3A00%3A00%2B01%3A00" in html


def test_on_a_closed_day_the_grid_opens_on_the_next_open_day(member, room):
    client = Client()
    client.force_login(member)
    with time_machine.travel(datetime(2026, 11, 28, 10, 0, tzinfo=BRUSSELS), tick=False):
        html = client.get(reverse("tierslieu:day_grid")).content.decode()
    assert 'data-testid="closed-today"' in html and 'data-date="2026-11-30"' in html


def test_the_grid_survives_nonsense_dates(member, room):
    client = Client()
    client.force_login(member)
    for value in ("nonsense", "2026-02-30", "9999-12-31"):
        assert client.get(reverse("tierslieu:day_grid"), {"date": value}).status_code == 200
