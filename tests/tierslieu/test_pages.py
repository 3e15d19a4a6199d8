"""The booking pages: three taps from the space list, clear messages, privacy of others' bookings."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from interlab.tierslieu import services
from interlab.tierslieu.models import Booking, BookingStatus

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def as_member(client, member):
    client.force_login(member)
    return client


def test_the_space_list_shows_spaces_and_todays_free_time(as_member, room, desks):
    page = as_member.get(reverse("tierslieu:spaces")).content.decode()
    assert "Salle Meuse" in page and "Plateau coworking" in page
    assert f'data-space="{room.pk}"' in page
    assert "09:00" in page  # free today from 09:00 (08:00 now + one hour of notice)


def test_the_day_page_offers_start_times_that_link_to_the_booking_form(as_member, room, other_member):
    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque")
    page = as_member.get(reverse("tierslieu:space_day", args=[room.pk]), {"date": "2026-11-24", "duration": 60})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-start="2026-11-24T09:00:00+01:00"' in html
    assert 'data-start="2026-11-24T10:00:00+01:00"' not in html  # taken
    assert 'data-start="2026-11-24T11:00:00+01:00"' in html
    assert "?start=2026-11-24T11%3A00%3A00%2B01%3A00&amp;end=2026-11-24T12%3A00%3A00%2B01%3A00" in html
    assert "Banque" not in html  # the day page never tells what others booked


def test_the_day_page_survives_nonsense_in_the_query(as_member, room):
    for query in (
        {"date": "nonsense"},
        {"duration": "abc"},
        {"date": "2026-02-30", "duration": "-5"},
        {"date": "9999-12-31"},
        {"date": "0001-01-01"},
    ):
        assert as_member.get(reverse("tierslieu:space_day", args=[room.pk]), query).status_code == 200
    assert as_member.get(reverse("tierslieu:space_day", args=[999999])).status_code == 404


def test_booking_from_a_chip_in_one_confirmation(as_member, room, member):
    url = reverse("tierslieu:book", args=[room.pk])
    start, end = at(day(1), 11).isoformat(), at(day(1), 12).isoformat()
    form = as_member.get(url, {"start": start, "end": end})
    html = form.content.decode()
    assert form.status_code == 200 and 'value="11:00" selected' in html and 'value="2026-11-24"' in html
    response = as_member.post(
        url,
        {"date": "2026-11-24", "start_time": "11:00", "end_time": "12:00", "title": "Rendez-vous banque", "seats": 1},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("tierslieu:my_bookings")
    booking = Booking.objects.get()
    assert booking.user == member and booking.start == at(day(1), 11)
    html = response.content.decode()
    assert "Rendez-vous banque" in html and f'data-booking="{booking.pk}"' in html


def test_a_taken_slot_says_so_and_offers_the_waiting_list(as_member, room, other_member):
    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x")
    response = as_member.post(
        reverse("tierslieu:book", args=[room.pk]),
        {"date": "2026-11-24", "start_time": "10:00", "end_time": "11:00", "title": "Banque", "seats": 1},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _("Already booked at this time.") in html
    assert reverse("tierslieu:waitlist_join", args=[room.pk]) in html
    joined = as_member.post(
        reverse("tierslieu:waitlist_join", args=[room.pk]),
        {"date": "2026-11-24", "start_time": "10:00", "end_time": "11:00", "title": "Banque", "seats": 1},
        follow=True,
    )
    assert "Salle Meuse" in joined.content.decode()
    assert Booking.objects.count() == 1


def test_a_series_with_clashes_lists_them_and_books_the_rest_on_request(as_member, room, other_member):
    services.book(by=other_member, space=room, start=at(day(8), 10), end=at(day(8), 11), title="x")
    url = reverse("tierslieu:book", args=[room.pk])
    data = {
        "date": "2026-11-24",
        "start_time": "10:00",
        "end_time": "11:00",
        "title": "Atelier CV",
        "seats": 1,
        "repeat": "weekly",
        "count": 3,
    }
    first = as_member.post(url, data)
    html = first.content.decode()
    assert 'data-testid="clashes"' in html and "2026-12-01" in html and _("Already booked at this time.") in html
    assert Booking.objects.count() == 1
    second = as_member.post(url, {**data, "on_conflict": "skip"}, follow=True)
    assert second.redirect_chain
    assert Booking.objects.filter(title="Atelier CV").count() == 2


def test_form_errors_are_shown_next_to_the_fields(as_member, room):
    response = as_member.post(
        reverse("tierslieu:book", args=[room.pk]),
        {"date": "2026-11-24", "start_time": "11:00", "end_time": "10:00", "title": "", "seats": 99},
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.count('class="error"') >= 2
    assert not Booking.objects.exists()


def test_my_bookings_cancel_and_messages(as_member, room, member):
    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque").first
    page = as_member.get(reverse("tierslieu:my_bookings")).content.decode()
    assert 'data-action="cancel"' in page and "/ical/" in page
    response = as_member.post(reverse("tierslieu:booking_cancel", args=[booking.pk]), follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert response.status_code == 200
    again = as_member.post(reverse("tierslieu:booking_cancel", args=[booking.pk]), follow=True)
    assert again.status_code == 200 and 'class="message error"' in again.content.decode()


def test_someone_elses_booking_is_404_in_every_page(client, room, member, other_member):
    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque").first
    client.force_login(other_member)
    for name in ("booking_cancel", "booking_checkin", "hold_confirm"):
        assert client.post(reverse(f"tierslieu:{name}", args=[booking.pk])).status_code == 404
    assert client.post(reverse("tierslieu:booking_approve", args=[booking.pk])).status_code == 403


def test_the_week_view_hides_what_others_booked_but_not_from_the_team(client, room, member, other_member, coach):
    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Rendez-vous CPAS")
    url = reverse("tierslieu:space_week", args=[room.pk])
    client.force_login(member)
    html = client.get(url, {"date": "2026-11-24"}).content.decode()
    assert "CPAS" not in html and "10:00" in html
    client.force_login(coach)
    assert "CPAS" in client.get(url, {"date": "2026-11-24"}).content.decode()


def test_renewing_the_feed_address_kills_the_old_one(as_member, member):
    old = services.feed_for(user=member)
    as_member.post(reverse("tierslieu:feed_renew"))
    assert as_member.get(reverse("ical:feed", args=[old.token])).status_code == 404


def test_approval_from_the_reception(client, workshop, member, coach):
    booking = services.book(
        by=member, space=workshop, start=at(day(1), 10), end=at(day(1), 12), title="Dégustation"
    ).first
    client.force_login(coach)
    html = client.get(reverse("tierslieu:reception")).content.decode()
    assert "Dégustation" in html
    client.post(reverse("tierslieu:booking_approve", args=[booking.pk]), {"decision": "accept"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_slot_finder_page(as_member, room):
    response = as_member.get(
        reverse("tierslieu:spaces"),
        {"start": "2026-11-24", "end": "2026-11-27", "duration": 120, "people": 6, "equipment": ["projector"]},
    )
    html = response.content.decode()
    assert 'data-testid="slots"' in html and "Salle Meuse" in html
    bad = as_member.get(reverse("tierslieu:spaces"), {"start": "2026-11-27", "end": "2026-11-24", "people": 2})
    assert bad.status_code == 200 and 'class="error"' in bad.content.decode()


def test_funders_do_not_see_booking_links(client, funder):
    client.force_login(funder)
    html = client.get(reverse("crm:my_space")).content.decode() if False else ""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = funder
    html = render_to_string("tierslieu/_nav.html", {"user": funder}, request=request)
    assert "spaces" not in html


def test_far_dates_in_the_pages_are_messages_not_errors(as_member, room):
    assert as_member.get(reverse("tierslieu:space_week", args=[room.pk]), {"date": "0001-01-01"}).status_code == 200
    finder = as_member.get(reverse("tierslieu:spaces"), {"start": "9999-12-25", "end": "9999-12-31", "people": 1})
    assert finder.status_code == 200 and 'class="error"' in finder.content.decode()
    data = {"date": "9999-12-31", "start_time": "10:00", "end_time": "11:00", "title": "x", "seats": 1}
    booked = as_member.post(reverse("tierslieu:book", args=[room.pk]), data)
    assert booked.status_code == 200 and 'class="error"' in booked.content.decode()
    waited = as_member.post(reverse("tierslieu:waitlist_join", args=[room.pk]), data)
    assert waited.status_code == 302
    assert not Booking.objects.exists()
