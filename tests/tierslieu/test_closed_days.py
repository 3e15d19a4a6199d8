"""A closed day never reads as a full one: booking opens on the next open day and says when it opens.

The house of these tests opens on weekdays, 08:00-20:00 (conftest); Saturday 28 November 2026 is closed.
"""

from datetime import date, datetime, time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cms.models import TiersLieuPage
from interlab.tierslieu import rules, selectors
from interlab.tierslieu.models import Closure
from tests.cms import factories

from .conftest import BRUSSELS

SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=BRUSSELS)
MONDAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def on_saturday():
    with time_machine.travel(SATURDAY, tick=False):
        yield


@pytest.fixture
def as_member(member):
    """The member's browser asks for English, the language of the sentences asserted below."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member)
    return client


def test_on_a_closed_day_the_day_page_opens_on_the_next_open_day(as_member, room, on_saturday):
    html = as_member.get(reverse("tierslieu:space_day", args=[room.pk])).content.decode()
    assert 'data-testid="closed-today"' in html
    assert "Closed today, opens Monday 08:00." in html
    assert 'data-start="2026-11-30T09:00:00+01:00"' in html  # Monday's free start times are offered
    assert 'data-date="2026-11-30" aria-current="date"' in html


def test_after_closing_time_the_day_page_opens_on_the_next_day(as_member, room):
    with time_machine.travel(datetime(2026, 11, 23, 21, 0, tzinfo=BRUSSELS), tick=False):
        html = as_member.get(reverse("tierslieu:space_day", args=[room.pk])).content.decode()
    assert "Closed for the rest of today, opens Tuesday 08:00." in html
    assert 'data-date="2026-11-24" aria-current="date"' in html


def test_a_chosen_closed_date_is_shown_as_closed_without_moving(as_member, room, on_saturday):
    html = as_member.get(reverse("tierslieu:space_day", args=[room.pk]), {"date": "2026-11-28"}).content.decode()
    assert 'data-date="2026-11-28" aria-current="date"' in html
    assert "Closed on this day of the week." in html
    assert 'data-testid="closed-today"' not in html


def test_an_open_day_opens_on_today_without_a_notice(as_member, room, frozen):
    html = as_member.get(reverse("tierslieu:space_day", args=[room.pk])).content.decode()
    assert 'data-date="2026-11-23" aria-current="date"' in html
    assert 'data-testid="closed-today"' not in html


def test_the_slot_finder_searches_a_week_from_the_next_open_day(as_member, room, on_saturday):
    html = as_member.get(reverse("tierslieu:spaces")).content.decode()
    assert 'name="start" value="2026-11-30"' in html
    assert 'name="end" value="2026-12-06"' in html


def test_the_space_list_says_when_a_closed_space_opens(as_member, room, on_saturday):
    html = as_member.get(reverse("tierslieu:spaces")).content.decode()
    assert "Closed today, opens Monday 08:00." in html
    assert "No free time left today." not in html


def test_a_house_closure_moves_the_next_opening(room, on_saturday):
    Closure.objects.create(starts_on=MONDAY, ends_on=MONDAY, reason="Inventaire")
    found = selectors.reopenings([room])[room.pk]
    assert found.day == date(2026, 12, 1)
    assert found.notice == "Closed today, opens Tuesday 08:00."


def test_a_space_that_never_opens_says_closed_today(room, on_saturday):
    room.opening_hours.all().delete()
    found = selectors.reopenings([room])[room.pk]
    assert found.opens is None and found.notice == "Closed today."


def test_an_opening_more_than_a_week_ahead_gives_its_date(room, on_saturday):
    Closure.objects.create(starts_on=MONDAY, ends_on=date(2026, 12, 11), reason="Travaux")
    assert selectors.reopenings([room])[room.pk].notice == "Closed today, opens Monday 14 December 08:00."


def test_the_public_spaces_of_a_closed_day_say_when_they_open(room, on_saturday):
    row = selectors.public_spaces_today()[0]
    assert row["free"] == [] and row["closed_notice"] == "Closed today, opens Monday 08:00."


def test_the_public_tiers_lieu_page_says_closed_rather_than_full_on_a_closed_day(client, room, on_saturday):
    page = factories.add_page(factories.home(), TiersLieuPage, title="Le tiers-lieu")
    html = client.get(page.url).content.decode()
    assert 'data-testid="closed-today"' in html
    assert "Fully booked today." not in html


def test_next_opening_returns_the_interval_under_way(room):
    monday_noon = rules.at(date(2026, 11, 23), time(12, 0))
    assert rules.next_opening(room, monday_noon, []) == (
        rules.at(date(2026, 11, 23), time(8, 0)),
        rules.at(date(2026, 11, 23), time(20, 0)),
    )
