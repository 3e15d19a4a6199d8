"""`services.book`: every rule, each refusal clear, nothing written when refused."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from interlab.core.errors import Conflict, Forbidden
from interlab.tierslieu import services
from interlab.tierslieu.models import Booking, BookingStatus, Closure, MemberGroup

from .conftest import at, day, make_space

pytestmark = pytest.mark.usefixtures("frozen")


def book(space, user, start, end, **kw):
    return services.book(by=user, space=space, start=start, end=end, title=kw.pop("title", "Réunion"), **kw)


def test_a_free_slot_is_booked_and_confirmed(room, member):
    result = book(room, member, at(day(1), 10), at(day(1), 11))
    booking = result.first
    assert booking.pk and booking.status == BookingStatus.CONFIRMED
    assert booking.user == member and booking.space == room
    assert booking.blocks_until == booking.end  # no buffer on this room


def test_an_overlapping_booking_is_refused_with_the_interval_in_the_way(room, member, other_member):
    book(room, member, at(day(1), 10), at(day(1), 11))
    with pytest.raises(Conflict) as caught:
        book(room, other_member, at(day(1), 10, 30), at(day(1), 11, 30))
    assert caught.value.code == "overlap"
    assert caught.value.extra["conflicts"] == [
        {"start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T11:00:00+01:00"}
    ]
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_are_fine_without_a_buffer(room, member, other_member):
    book(room, member, at(day(1), 10), at(day(1), 11))
    book(room, other_member, at(day(1), 11), at(day(1), 12))
    assert Booking.objects.active().count() == 2


def test_the_buffer_keeps_a_gap_on_both_sides(room, member, other_member):
    room.buffer_minutes = 15
    room.save()
    book(room, member, at(day(1), 10), at(day(1), 11))
    with pytest.raises(Conflict):
        book(room, other_member, at(day(1), 11), at(day(1), 12))
    with pytest.raises(Conflict):
        book(room, other_member, at(day(1), 9), at(day(1), 10))
    book(room, other_member, at(day(1), 11, 15), at(day(1), 12))
    book(room, other_member, at(day(1), 8, 30), at(day(1), 9, 45))
    assert Booking.objects.active().count() == 3


def test_a_cancelled_booking_frees_its_slot(room, member, other_member):
    first = book(room, member, at(day(1), 10), at(day(1), 11)).first
    services.cancel(booking=first, by=member)
    book(room, other_member, at(day(1), 10), at(day(1), 11))


def test_desk_seats_never_exceed_capacity(desks, member, other_member, coach):
    book(desks, member, at(day(1), 9), at(day(1), 12))
    book(desks, other_member, at(day(1), 10), at(day(1), 11))
    book(desks, coach, at(day(1), 10), at(day(1), 13))  # 3 seats from 10:00 to 11:00: full, allowed
    with pytest.raises(Conflict) as caught:
        book(desks, coach, at(day(1), 10, 30), at(day(1), 11, 30), title="Un de trop")
    assert caught.value.code == "capacity"
    book(desks, coach, at(day(1), 11), at(day(1), 12), title="Une place s'est libérée")
    assert Booking.objects.active().count() == 4


def test_desk_capacity_counts_the_peak_not_the_sum(desks, member, other_member, coach):
    book(desks, member, at(day(1), 9), at(day(1), 10))
    book(desks, member, at(day(1), 10), at(day(1), 11))
    book(desks, other_member, at(day(1), 9), at(day(1), 11))
    # Three overlapping bookings, but never more than two at once: one seat is left the whole morning.
    book(desks, coach, at(day(1), 9), at(day(1), 11))
    with pytest.raises(Conflict) as caught:
        book(desks, coach, at(day(1), 10), at(day(1), 11), title="Encore")
    assert caught.value.code == "capacity"
    assert "0" in caught.value.message


def test_more_seats_than_the_space_holds_is_invalid_input(desks, member):
    with pytest.raises(ValidationError) as caught:
        book(desks, member, at(day(1), 9), at(day(1), 10), seats=4)
    assert "seats" in caught.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ((1, 11, 0), (1, 10, 0), "end"),  # end before start
        ((1, 10, 0), (1, 10, 0), "end"),  # zero length
        ((1, 10, 0), (1, 10, 15), "end"),  # shorter than the minimum (30 min)
        ((1, 8, 0), (1, 17, 0), "end"),  # longer than the maximum (8 h)
        ((1, 10, 7), (1, 11, 0), "start"),  # off the 15-minute grid
        ((1, 10, 0), (1, 11, 10), "end"),  # off the grid
        ((1, 23, 0), (2, 1, 0), "end"),  # across midnight
    ],
)
def test_impossible_input_is_a_validation_error_and_writes_nothing(room, member, start, end, field):
    with pytest.raises(ValidationError) as caught:
        book(room, member, at(day(start[0]), start[1], start[2]), at(day(end[0]), end[1], end[2]))
    assert field in caught.value.message_dict
    assert not Booking.objects.exists()


def test_naive_times_are_refused(room, member):
    from datetime import datetime

    with pytest.raises(ValidationError):
        book(room, member, datetime(2026, 11, 24, 10), datetime(2026, 11, 24, 11))


def test_an_empty_title_is_refused(room, member):
    with pytest.raises(ValidationError) as caught:
        book(room, member, at(day(1), 10), at(day(1), 11), title="   ")
    assert "title" in caught.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "rule"),
    [
        (at(day(0), 7, 0), at(day(0), 7, 30), "past"),
        (at(day(0), 8, 30), at(day(0), 9, 0), "notice"),  # entrepreneurs book an hour ahead
        (at(day(1), 7, 0), at(day(1), 8, 30), "opening_hours"),
        (at(day(1), 19, 30), at(day(1), 20, 30), "opening_hours"),
        (at(day(5), 10, 0), at(day(5), 11, 0), "closure"),  # Saturday: the room is closed
        (at(day(45), 10, 0), at(day(45), 11, 0), "window"),  # 30 days ahead at most
    ],
)
def test_rules_are_conflicts_naming_the_rule(room, member, start, end, rule):
    with pytest.raises(Conflict) as caught:
        book(room, member, start, end)
    assert rule in caught.value.extra["rules"]
    assert caught.value.message
    assert not Booking.objects.exists()


def test_the_team_books_without_notice_and_further_ahead(room, coach):
    book(room, coach, at(day(0), 8, 15), at(day(0), 9))
    book(room, coach, at(day(85), 10), at(day(85), 11))  # a Tuesday, twelve weeks ahead


def test_a_closure_of_the_house_closes_every_space(room, desks, member):
    Closure.objects.create(space=None, starts_on=day(2), ends_on=day(2), reason="Journée d'équipe")
    for space in (room, desks):
        with pytest.raises(Conflict) as caught:
            book(space, member, at(day(2), 10), at(day(2), 11))
        assert caught.value.code == "closure"
        assert "Journée d'équipe" in caught.value.message


def test_a_closure_of_one_space_leaves_the_others_open(room, desks, member):
    Closure.objects.create(space=room, starts_on=day(2), ends_on=day(3), reason="Peinture")
    with pytest.raises(Conflict):
        book(room, member, at(day(3), 10), at(day(3), 11))
    book(desks, member, at(day(3), 10), at(day(3), 11))


def test_belgian_public_holidays_are_closures(db, member, coach):
    space = make_space("Salle fériée", "room", 4)  # open every day of the week
    christmas = date(2026, 12, 25)
    with pytest.raises(Conflict) as caught:
        book(space, coach, at(christmas, 10), at(christmas, 11))
    assert caught.value.code == "closure"
    space.closed_on_public_holidays = False
    space.save()
    book(space, coach, at(christmas, 10), at(christmas, 11))


def test_the_weekly_quota_of_the_member_group(room, desks, member):
    group = next(g for g in MemberGroup.objects.all() if "entrepreneur" in g.roles)
    group.weekly_quota_hours = 3
    group.save()
    book(room, member, at(day(1), 9), at(day(1), 11))
    book(desks, member, at(day(2), 9), at(day(2), 10))
    with pytest.raises(Conflict) as caught:
        book(room, member, at(day(3), 9), at(day(3), 9, 30))
    assert caught.value.code == "quota"
    # Next week starts afresh.
    book(room, member, at(day(8), 9), at(day(8), 11))


def test_approval_spaces_start_pending_and_still_block_the_slot(workshop, member, other_member, coach):
    pending = book(workshop, member, at(day(1), 10), at(day(1), 12)).first
    assert pending.status == BookingStatus.PENDING
    with pytest.raises(Conflict):
        book(workshop, other_member, at(day(1), 11), at(day(1), 12))
    services.approve(booking=pending, by=coach)
    pending.refresh_from_db()
    assert pending.status == BookingStatus.CONFIRMED
    with pytest.raises(Forbidden):
        services.approve(booking=pending, by=member)


def test_only_the_team_books_for_someone_else(room, member, other_member, coach):
    with pytest.raises(Forbidden):
        services.book(by=member, user=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x")
    booking = services.book(
        by=coach, user=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Pour Yasmine"
    ).first
    assert booking.user == member and booking.created_by == coach


def test_a_booking_may_not_be_cancelled_by_someone_else(room, member, other_member):
    booking = book(room, member, at(day(1), 10), at(day(1), 11)).first
    with pytest.raises(Forbidden):
        services.cancel(booking=booking, by=other_member)


def test_cancellation_closes_at_the_cut_off_but_not_for_the_team(room, member, coach, frozen):
    booking = book(room, member, at(day(0), 10), at(day(0), 11)).first  # 2 h ahead; cut-off 60 min
    frozen.move_to(at(day(0), 9, 15))
    with pytest.raises(Conflict) as caught:
        services.cancel(booking=booking, by=member)
    assert caught.value.code == "cancel_cutoff"
    services.cancel(booking=booking, by=coach)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by == coach
    with pytest.raises(Conflict) as caught:
        services.cancel(booking=booking, by=coach)
    assert caught.value.code == "not_active"


def test_an_inactive_space_cannot_be_booked(room, member):
    room.is_active = False
    room.save()
    with pytest.raises(ValidationError):
        book(room, member, at(day(1), 10), at(day(1), 11))


def test_opening_hours_with_a_lunch_break(db, member):
    from interlab.tierslieu.models import OpeningHours, Space

    space = Space.objects.create(name="Ourthe", kind="room", capacity=4)
    OpeningHours.objects.create(space=space, weekday=1, opens=time(8, 30), closes=time(12, 30))
    OpeningHours.objects.create(space=space, weekday=1, opens=time(13, 30), closes=time(18, 0))
    book(space, member, at(day(1), 11, 30), at(day(1), 12, 30))
    with pytest.raises(Conflict) as caught:
        book(space, member, at(day(1), 12, 0), at(day(1), 14, 0))
    assert caught.value.code == "opening_hours"
    assert "08:30–12:30, 13:30–18:00" in caught.value.message
    assert timedelta(hours=1) == Booking.objects.get().duration
