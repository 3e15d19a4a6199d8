"""One date of a series can be cancelled on its own from "my bookings"; the rest of the series stays."""

import pytest
from django.test import Client
from django.urls import reverse

from interlab.tierslieu import services
from interlab.tierslieu.models import Booking, BookingStatus

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def series(member, room):
    result = services.book(
        by=member,
        space=room,
        start=at(day(1), 10),
        end=at(day(1), 11),
        title="Cours de néerlandais",
        recurrence={"frequency": "weekly", "count": 4},
    )
    return result.bookings


@pytest.fixture
def as_member(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member)
    return client


def statuses() -> list[str]:
    return list(Booking.objects.order_by("start").values_list("status", flat=True))


def test_my_bookings_offers_to_cancel_one_date_or_the_following_ones(as_member, series):
    html = as_member.get(reverse("tierslieu:my_bookings")).content.decode()
    assert html.count('data-action="cancel"') == 4
    assert html.count('data-action="cancel-following"') == 4


def test_cancelling_one_date_keeps_the_other_dates(as_member, series):
    response = as_member.post(reverse("tierslieu:booking_cancel", args=[series[1].pk]), follow=True)
    assert statuses() == ["confirmed", "cancelled", "confirmed", "confirmed"]
    assert "the other dates of the series stay booked" in response.content.decode()


def test_cancelling_the_following_dates_stops_the_series_there(as_member, series):
    as_member.post(reverse("tierslieu:booking_cancel", args=[series[1].pk]), {"series": "1"})
    assert statuses() == ["confirmed", "cancelled", "cancelled", "cancelled"]


def test_a_single_booking_has_one_cancel_button(as_member, member, room):
    services.book(by=member, space=room, start=at(day(1), 14), end=at(day(1), 15), title="Banque")
    html = as_member.get(reverse("tierslieu:my_bookings")).content.decode()
    assert html.count('data-action="cancel"') == 1 and 'data-action="cancel-following"' not in html
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
