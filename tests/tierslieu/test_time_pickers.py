"""The booking form's time pickers offer the space's own hours on its own grid, not 06:00-23:00."""

from datetime import time

import pytest
from django.urls import reverse

from interlab.tierslieu.forms import BookingForm
from interlab.tierslieu.models import OpeningHours

from .conftest import make_space

pytestmark = pytest.mark.django_db


def values(field) -> list[str]:
    return [value for value, _label in field.choices]


@pytest.fixture
def room():
    space = make_space("Salle Ourthe", hours=[], slot_minutes=15, min_minutes=30)
    for weekday in range(5):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 30), closes=time(18, 0))
    return space


def test_start_times_run_from_opening_to_the_last_start_that_fits(room):
    starts = values(BookingForm(space=room).fields["start_time"])
    assert starts[0] == "08:30" and starts[-1] == "17:30"
    assert "06:00" not in starts and "18:00" not in starts


def test_end_times_run_from_the_shortest_booking_to_closing(room):
    ends = values(BookingForm(space=room).fields["end_time"])
    assert ends[0] == "09:00" and ends[-1] == "18:00"
    assert "23:00" not in ends


def test_times_follow_the_space_grid(room):
    room.slot_minutes, room.min_minutes = 30, 60
    room.save()
    starts = values(BookingForm(space=room).fields["start_time"])
    assert starts[:3] == ["08:30", "09:00", "09:30"] and starts[-1] == "17:00"
    assert all(value.endswith((":00", ":30")) for value in starts)


def test_the_longest_day_of_the_week_sets_the_range(room):
    OpeningHours.objects.create(space=room, weekday=5, opens=time(7, 0), closes=time(13, 0))
    starts = values(BookingForm(space=room).fields["start_time"])
    ends = values(BookingForm(space=room).fields["end_time"])
    assert starts[0] == "07:00" and ends[-1] == "18:00"


def test_the_booking_page_shows_only_the_space_hours(client, member, room):
    client.force_login(member)
    html = client.get(reverse("tierslieu:book", args=[room.pk])).content.decode()
    assert '<option value="08:30"' in html
    assert '<option value="06:00"' not in html and '<option value="22:00"' not in html
