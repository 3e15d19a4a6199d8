"""API of the tiers-lieu: spaces, their availability, free slots, bookings.

Times are ISO 8601; a time without an offset is read as Brussels time. A booking that meets another or
breaks a rule answers 409 with `rule` (overlap, capacity, closure, opening_hours, notice, window, quota,
past, series_conflict), `conflicts` (the intervals in the way) and, for a single booking or a move,
`alternatives` (the nearest free times and similar spaces); impossible input answers 422.
"""

from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from interlab.core.api_docs import errors
from interlab.core.api_tools import Date, DateTime, Id, Int, Page, ParamBool, ParamId, ParamInt, paginate

from . import ical, rules, selectors, services
from .models import CalendarFeed, Space

router = Router(tags=["tiers-lieu"])

MAX_SLOT_DAYS = 31
DAY_WINDOW = f"A day within {rules.PAST_DAYS} days before and {rules.FUTURE_DAYS} days after today, else 422."


class OpeningOut(Schema):
    weekday: int
    opens: str
    closes: str


class SpaceOut(Schema):
    id: int
    name: str
    kind: str
    capacity: int
    equipment: list[str]
    description: str
    accessibility: str
    slot_minutes: int
    min_minutes: int
    max_minutes: int
    buffer_minutes: int
    requires_approval: bool
    opening_hours: list[OpeningOut]
    ical_url: str | None = None


class SpaceList(Schema):
    count: int
    items: list[SpaceOut]


def space_out(space: Space, request=None) -> dict:
    data = {
        "id": space.pk,
        "name": space.name,
        "kind": space.kind,
        "capacity": space.capacity,
        "equipment": list(space.equipment or []),
        "description": space.description,
        "accessibility": space.accessibility,
        "slot_minutes": space.slot_minutes,
        "min_minutes": space.min_minutes,
        "max_minutes": space.max_minutes,
        "buffer_minutes": space.buffer_minutes,
        "requires_approval": space.requires_approval,
        "opening_hours": [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in space.opening_hours.all()
        ],
    }
    return data


class SpaceFilters(Page):
    kind: Literal["room", "desks", "workshop"] | None = None


@router.get("/spaces", response=SpaceList)
def space_list(request: HttpRequest, filters: Query[SpaceFilters]):
    return paginate(selectors.spaces(kind=filters.kind), filters, space_out)


@router.get("/spaces/{space_id}", response=SpaceOut)
def space_detail(request: HttpRequest, space_id: ParamId):
    space = selectors.space_get(space_id)
    data = space_out(space)
    if request.auth.is_staff_role:
        feed = CalendarFeed.objects.filter(space=space, revoked_at=None).order_by("-created_at").first()
        if feed is not None:  # issued (and revoked) from the reception page
            data["ical_url"] = request.build_absolute_uri(f"/ical/{feed.token}.ics")
    return data


class Interval(Schema):
    start: datetime
    end: datetime


class AvailabilityOut(Schema):
    space: int
    date: date
    free: list[Interval] = Field(
        description="Where a booking of the space's minimum length can start: any grid time from start to end, both included."
    )
    periods: list[Interval] = Field(description="The free periods themselves (start to end of the free time).")
    min_minutes: int
    slot_minutes: int
    closed_because: str = ""


class AvailabilityQuery(Schema):
    date: Date = Field(description=DAY_WINDOW)


@router.get("/spaces/{space_id}/availability", response=AvailabilityOut)
def space_availability(request: HttpRequest, space_id: ParamId, query: Query[AvailabilityQuery]):
    space = selectors.space_get(space_id)
    rules.check_day(query.date, "date")
    day = selectors.availability(space, query.date, request.auth)
    shortest = timedelta(minutes=space.min_minutes)
    return {
        "space": space.pk,
        "date": query.date,
        "free": [{"start": rules.local(s), "end": rules.local(e - shortest)} for s, e in day.free],
        "periods": [{"start": rules.local(s), "end": rules.local(e)} for s, e in day.free],
        "min_minutes": space.min_minutes,
        "slot_minutes": space.slot_minutes,
        "closed_because": day.closed_because,
    }


class SlotQuery(Schema):
    start: Date = Field(description=f"The first day searched. {DAY_WINDOW}")
    end: Date = Field(description=f"The last day searched, at most {MAX_SLOT_DAYS - 1} days after start. {DAY_WINDOW}")
    duration: ParamInt = Field(
        60, ge=5, le=24 * 60, description="Minutes; spaces whose grid does not divide it are left out."
    )
    capacity: ParamInt = Field(1, ge=1, le=10_000, description="People.")
    equipment: str = Field("", max_length=200, description="Comma-separated equipment keys.")
    kind: Literal["room", "desks", "workshop"] | None = None
    page: ParamInt = Field(1, ge=1, le=1_000_000)
    page_size: ParamInt = Field(50, ge=1, le=200)


class SlotOut(Schema):
    space: int
    space_name: str
    start: datetime
    end: datetime


class SlotList(Schema):
    count: int
    items: list[SlotOut]


@router.get("/slots", response=SlotList)
def slot_list(request: HttpRequest, query: Query[SlotQuery]):
    rules.check_day(query.start, "start")
    rules.check_day(query.end, "end")
    if query.end < query.start:
        raise ValidationError({"end": "The end date comes before the start date."})
    if (query.end - query.start).days >= MAX_SLOT_DAYS:
        raise ValidationError({"end": f"Search at most {MAX_SLOT_DAYS} days at once."})
    equipment = [key.strip() for key in query.equipment.split(",") if key.strip()]
    slots = selectors.find_slots(
        request.auth,
        first_day=query.start,
        last_day=query.end,
        duration=timedelta(minutes=query.duration),
        people=query.capacity,
        equipment=equipment,
        kind=query.kind,
    )
    first = (query.page - 1) * query.page_size
    return {
        "count": len(slots),
        "items": [
            {"space": s.space.pk, "space_name": s.space.name, "start": rules.local(s.start), "end": rules.local(s.end)}
            for s in slots[first : first + query.page_size]
        ],
    }


Title = Annotated[str, Field(min_length=1, max_length=120)]


class RecurrenceIn(Schema):
    frequency: Literal["weekly", "biweekly", "monthly"]
    until: Date | None = None
    count: Int | None = Field(None, ge=1, le=1_000_000)


ON_GRID = (
    "ISO 8601, on the space's grid of `slot_minutes` (GET /api/v1/spaces), else 422; without an offset, the "
    "house's time (Europe/Brussels)."
)


class BookingIn(Schema):
    space: Id
    start: DateTime = Field(description=ON_GRID)
    end: DateTime = Field(description=ON_GRID)
    title: Title
    seats: Int = Field(1, ge=1, le=10_000)
    recurrence: RecurrenceIn | None = None
    on_conflict: Literal["fail", "skip"] = "fail"


class BookingOut(Schema):
    id: int
    space: int
    space_name: str
    start: datetime
    end: datetime
    title: str
    status: str
    seats: int
    series: int | None
    user: int
    checked_in_at: datetime | None
    ics_url: str


class BookingCreated(BookingOut):
    occurrences: list[int] = []
    skipped: list[dict] = []


class BookingList(Schema):
    count: int
    items: list[BookingOut]


def booking_out(booking) -> dict:
    return {
        "id": booking.pk,
        "space": booking.space_id,
        "space_name": booking.space.name,
        "start": rules.local(booking.start),
        "end": rules.local(booking.end),
        "title": booking.title,
        "status": booking.status,
        "seats": booking.seats,
        "series": booking.series_id,
        "user": booking.user_id,
        "checked_in_at": booking.checked_in_at,
        "ics_url": f"/app/spaces/bookings/{booking.pk}.ics",
    }


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=rules.house_tz())


class BookingFilters(Page):
    space: ParamId | None = None
    status: Literal["held", "pending", "confirmed", "cancelled", "refused", "released", "expired"] | None = None
    start: Date | None = Field(None, alias="from", description=f"Bookings starting on or after this day. {DAY_WINDOW}")
    end: Date | None = Field(None, alias="to", description=f"Bookings starting on or before this day. {DAY_WINDOW}")


@router.get("/bookings", response=BookingList)
def booking_list(request: HttpRequest, filters: Query[BookingFilters]):
    rules.check_day(filters.start, "from")
    rules.check_day(filters.end, "to")
    qs = selectors.bookings_visible(request.auth).order_by("start", "id")
    if filters.space:
        qs = qs.filter(space_id=filters.space)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.start:
        qs = qs.filter(start__gte=rules.at(filters.start, datetime.min.time()))
    if filters.end:
        qs = qs.filter(start__lt=rules.at(filters.end + timedelta(days=1), datetime.min.time()))
    return paginate(qs, filters, booking_out)


@router.post("/bookings", response={201: BookingCreated, **errors(409)})
def booking_create(request: HttpRequest, payload: BookingIn):
    space = Space.objects.filter(pk=payload.space, is_active=True).first()
    if space is None:
        raise ValidationError({"space": "There is no such space open for booking."})
    recurrence = payload.recurrence.dict() if payload.recurrence else None
    result = services.book(
        by=request.auth,
        space=space,
        start=_aware(payload.start),
        end=_aware(payload.end),
        title=payload.title,
        seats=payload.seats,
        recurrence=recurrence,
        on_conflict=payload.on_conflict,
    )
    first = selectors.booking_get(request.auth, result.first.pk)
    return Status(
        201,
        {**booking_out(first), "occurrences": [b.pk for b in result.bookings], "skipped": result.skipped},
    )


@router.get("/bookings/{booking_id}", response=BookingOut)
def booking_detail(request: HttpRequest, booking_id: ParamId):
    return booking_out(selectors.booking_get(request.auth, booking_id))


class CancelQuery(Schema):
    series: ParamBool = False


@router.delete("/bookings/{booking_id}", response={200: BookingList, **errors(409)})
def booking_cancel(request: HttpRequest, booking_id: ParamId, query: Query[CancelQuery]):
    """Cancel a booking (`?series=true`: it and the later dates of its series). Answers the cancelled bookings."""
    booking = selectors.booking_get(request.auth, booking_id)
    cancelled = services.cancel(booking=booking, by=request.auth, whole_series=query.series)
    return {"count": len(cancelled), "items": [booking_out(b) for b in cancelled]}


class MoveIn(Schema):
    start: DateTime = Field(description=ON_GRID)
    end: DateTime = Field(description=ON_GRID)
    space: Id | None = Field(None, description="Another space; the booking's own when left out.")


@router.post("/bookings/{booking_id}/move", response={200: BookingOut, **errors(409)})
def booking_move(request: HttpRequest, booking_id: ParamId, payload: MoveIn):
    """Move a booking to another time or space in one step. 409 on a clash, with `alternatives`: the nearest
    free times of the space and similar spaces ({"space", "space_name", "start", "end"})."""
    booking = selectors.booking_get(request.auth, booking_id)
    space = None
    if payload.space is not None:
        space = Space.objects.filter(pk=payload.space, is_active=True).first()
        if space is None:
            raise ValidationError({"space": "There is no such space open for booking."})
    moved = services.booking_move(
        booking=booking, by=request.auth, start=_aware(payload.start), end=_aware(payload.end), space=space
    )
    return booking_out(selectors.booking_get(request.auth, moved.pk))


@router.post("/bookings/{booking_id}/checkin", response={200: BookingOut, **errors(409)})
def booking_checkin(request: HttpRequest, booking_id: ParamId):
    booking = selectors.booking_get(request.auth, booking_id)
    return booking_out(services.check_in(booking=booking, by=request.auth))


@router.get(
    "/bookings/{booking_id}/ics",
    openapi_extra={
        "responses": {
            200: {
                "description": "The booking as an iCalendar event.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def booking_ics(request: HttpRequest, booking_id: ParamId):
    booking = selectors.booking_get(request.auth, booking_id)
    response = HttpResponse(ical.single_booking(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.pk}.ics"'
    return response
