"""Pages of the tiers-lieu: find and book a space from a phone, my bookings, the member card, the reception.

Booking from a phone takes three taps: a space, a free time, "Book".
"""

from datetime import date, time, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interlab.core.decorators import staff_required
from interlab.core.errors import Conflict, Forbidden

from . import cards, ical, rules, selectors, services
from .forms import BookingForm, CardCheckInForm, MoveForm, SlotFinderForm, parse_local
from .models import Booking, BookingStatus, CalendarFeed, HousekeepingRun

DURATIONS = [30, 60, 90, 120, 180, 240]
STALE_HOUSEKEEPING = timedelta(minutes=20)


def _today() -> date:
    return rules.local(rules.now()).date()


def _day_from(request, default: date | None = None) -> date:
    """The ?date= of the page; `default` (today unless given) when it is missing, unreadable or too far."""
    default = default or _today()
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return default
    return day if rules.day_in_range(day) else default


def _duration_from(request, space) -> int:
    try:
        minutes = int(request.GET.get("duration", ""))
    except ValueError:
        minutes = max(60, space.min_minutes) if space else 60
    if space:
        minutes = min(max(minutes, space.min_minutes), space.max_minutes)
    return minutes


@login_required
def space_list(request):
    all_spaces = list(selectors.spaces())
    # On a closed day (a Saturday, a holiday) the search starts on the next open day, for a week.
    first = selectors.next_open_day(all_spaces)
    finder = SlotFinderForm(
        request.GET if "people" in request.GET else None,
        initial={"start": first, "end": first + timedelta(days=6), "people": 1, "duration": 60},
    )
    slots, searched = [], False
    if finder.is_bound and finder.is_valid():
        data = finder.cleaned_data
        slots = selectors.find_slots(
            request.user,
            first_day=data["start"],
            last_day=data["end"],
            duration=timedelta(minutes=data["duration"]),
            people=data["people"],
            equipment=data["equipment"],
            kind=data["kind"] or None,
        )[:30]
        searched = True
    today = {row["space"].pk: row for row in selectors.public_spaces_today(None, request.user)}
    return render(
        request,
        "tierslieu/space_list.html",
        {
            "spaces": [
                (s, today.get(s.pk, {}).get("free", []), today.get(s.pk, {}).get("closed_notice", ""))
                for s in all_spaces
            ],
            "finder": finder,
            "slots": slots,
            "searched": searched,
        },
    )


def _start_chips(free, duration: timedelta, space) -> list:
    """Start times offered as buttons: every half hour (or the grid) where the booking fits."""
    step = timedelta(minutes=max(space.slot_minutes, 30))
    chips = []
    for start, end in free:
        cursor = start
        while cursor + duration <= end:
            chips.append((rules.local(cursor), rules.local(cursor + duration)))
            cursor += step
    return chips


@login_required
def space_day(request, space_id: int):
    space = selectors.space_get(space_id)
    today = _today()
    # Without a chosen date, the page opens on the next day the space is open, saying so.
    reopening = selectors.reopenings([space])[space.pk]
    day = _day_from(request, default=reopening.day)
    minutes = _duration_from(request, space)
    availability = selectors.availability(space, day, request.user)
    chips = _start_chips(availability.free, timedelta(minutes=minutes), space)
    days = [today + timedelta(days=offset) for offset in range(14)]
    return render(
        request,
        "tierslieu/space_day.html",
        {
            "space": space,
            "day": day,
            "days": days,
            "chips": chips,
            "availability": availability,
            "closed_today": reopening.notice if day == reopening.day else "",
            "duration": minutes,
            "durations": [d for d in DURATIONS if space.min_minutes <= d <= space.max_minutes] or [space.min_minutes],
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
        },
    )


@login_required
def day_grid(request):
    """Every space on one day: times down, spaces across, free times tappable. Opens on the next open day."""
    all_spaces = list(selectors.spaces())
    reopening = selectors.reopenings(all_spaces)
    first_open = min((r for r in reopening.values() if r.opens is not None), key=lambda r: r.opens, default=None)
    default = first_open.day if first_open else _today()
    day = _day_from(request, default=default)
    grid = selectors.day_grid(day, request.user, all_spaces)
    return render(
        request,
        "tierslieu/day_grid.html",
        {
            "grid": grid,
            "day": day,
            "closed_today": first_open.notice if first_open and day == first_open.day else "",
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "is_staff": request.user.is_staff_role,
        },
    )


@login_required
def space_week(request, space_id: int):
    space = selectors.space_get(space_id)
    day = _day_from(request)
    monday = day - timedelta(days=day.weekday())
    days = selectors.space_week(space, monday, request.user)
    return render(
        request,
        "tierslieu/space_week.html",
        {
            "space": space,
            "monday": monday,
            "days": days,
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "is_staff": request.user.is_staff_role,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request, space_id: int):
    space = selectors.space_get(space_id)
    initial = {"seats": 1, "title": _("Meeting")}
    # An alternative proposed after a clash keeps what the person had typed.
    if request.GET.get("title", "").strip():
        initial["title"] = request.GET["title"].strip()[:120]
    if request.GET.get("seats", "").isdigit():
        initial["seats"] = min(max(int(request.GET["seats"]), 1), space.capacity)
    start, end = parse_local(request.GET.get("start", "")), parse_local(request.GET.get("end", ""))
    if start and end:
        initial.update(date=start.date(), start_time=f"{start:%H:%M}", end_time=f"{end:%H:%M}")
    else:
        initial["date"] = _day_from(request)
    form = BookingForm(
        request.POST or None, space=space, initial=initial, people=selectors.people_to_book_for(request.user)
    )
    clashes = None
    waitlist_offer = False
    alternatives = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.book(
                by=request.user,
                space=space,
                start=data["start"],
                end=data["end"],
                title=data["title"],
                seats=data["seats"],
                recurrence=data["recurrence"],
                on_conflict=data.get("on_conflict") or "fail",
                user=data.get("for_user") or request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                if field == "start":
                    target = "start_time"
                elif field == "end":
                    target = "end_time"
                elif field.startswith("recurrence"):
                    target = "until"
                for message in errors:
                    form.add_error(target, message)
        except Conflict as exc:
            if exc.code == "series_conflict":
                clashes = exc.extra["occurrences"]
            else:
                form.add_error(None, exc.message)
                waitlist_offer = exc.code in ("overlap", "capacity")
                alternatives = _alternative_links(exc, data)
        else:
            first = result.first
            if result.series:
                text = ngettext(
                    "Booked: %(count)s date from %(when)s.",
                    "Booked: %(count)s dates from %(when)s.",
                    len(result.bookings),
                ) % {"count": len(result.bookings), "when": services._when(first.start)}
                if result.skipped:
                    text += " " + ngettext(
                        "%(count)s date skipped.", "%(count)s dates skipped.", len(result.skipped)
                    ) % {"count": len(result.skipped)}
            elif first.status == BookingStatus.PENDING:
                text = _("Request sent: the team will confirm your booking of %(space)s on %(when)s.") % {
                    "space": space.name,
                    "when": services._when(first.start),
                }
            else:
                text = _("Booked: %(space)s on %(when)s.") % {"space": space.name, "when": services._when(first.start)}
            if first.user_id != request.user.pk:
                text += " " + _("For %(name)s.") % {"name": first.user.get_full_name() or first.user.username}
                messages.success(request, text)
                return redirect("tierslieu:reception" if request.user.is_staff_role else "tierslieu:my_bookings")
            messages.success(request, text)
            return redirect("tierslieu:my_bookings")
    return render(
        request,
        "tierslieu/book.html",
        {
            "space": space,
            "form": form,
            "clashes": clashes,
            "waitlist_offer": waitlist_offer,
            "alternatives": alternatives,
        },
    )


def _alternative_links(exc: Conflict, data: dict) -> list[dict]:
    """The conflict's free alternatives as links to the booking form, prefilled with what was typed."""
    links = []
    for alt in exc.extra.get("alternatives", []):
        start, end = parse_local(alt["start"]), parse_local(alt["end"])
        query = urlencode({"start": alt["start"], "end": alt["end"], "title": data["title"], "seats": data["seats"]})
        links.append(
            {**alt, "start": start, "end": end, "url": reverse("tierslieu:book", args=[alt["space"]]) + "?" + query}
        )
    return links


@login_required
@require_POST
def waitlist_join(request, space_id: int):
    space = selectors.space_get(space_id)
    form = BookingForm(request.POST, space=space)
    if form.is_valid():
        data = form.cleaned_data
        try:
            join = services.waitlist_join_series if data["recurrence"] else services.waitlist_join
            extra = {"recurrence": data["recurrence"]} if data["recurrence"] else {}
            entries = join(
                by=request.user,
                space=space,
                start=data["start"],
                end=data["end"],
                title=data["title"],
                seats=data["seats"],
                **extra,
            )
        except (Conflict, ValidationError) as exc:
            messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))
        else:
            if data["recurrence"]:
                messages.success(
                    request,
                    ngettext(
                        "You are on the waiting list for %(count)s taken date: we will write to you if it frees up.",
                        "You are on the waiting list for %(count)s taken dates: we will write to you if they free up.",
                        len(entries),
                    )
                    % {"count": len(entries)},
                )
            else:
                messages.success(request, _("You are on the waiting list: we will write to you if the slot frees up."))
            return redirect("tierslieu:my_bookings")
    else:
        messages.error(request, _("Check the date and times."))
    return redirect("tierslieu:space_day", space_id=space.pk)


@login_required
def my_bookings(request):
    bookings = list(selectors.bookings_for(request.user))
    now = rules.now()
    rows = []
    for booking in bookings:
        opens, closes = services.checkin_window(booking)
        rows.append(
            {
                "booking": booking,
                "can_check_in": booking.status == BookingStatus.CONFIRMED
                and not booking.checked_in_at
                and opens <= now <= closes,
                "can_cancel": booking.is_active and booking.start > now,
                "late": booking.start - timedelta(minutes=booking.space.cancel_cutoff_minutes) < now,
            }
        )
    feed = services.feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("ical:feed", args=[feed.token]))
    return render(
        request,
        "tierslieu/my_bookings.html",
        {
            "rows": rows,
            "waitlist": selectors.waitlist_for(request.user),
            "feed_url": feed_url,
            "feed_webcal": ical.webcal(feed_url),
            "feed": feed,
        },
    )


def _own_booking(request, booking_id: int) -> Booking:
    return selectors.booking_get(request.user, booking_id)


@login_required
@require_POST
def booking_cancel(request, booking_id: int):
    booking = _own_booking(request, booking_id)
    whole = request.POST.get("series") == "1"
    try:
        cancelled = services.cancel(booking=booking, by=request.user, whole_series=whole)
    except (Conflict, Forbidden) as exc:
        messages.error(request, exc.message)
    else:
        if booking.series_id and not whole:
            text = _("This date is cancelled; the other dates of the series stay booked.")
        else:
            text = ngettext("Booking cancelled.", "%(count)s bookings cancelled.", len(cancelled)) % {
                "count": len(cancelled)
            }
        messages.success(request, text)
    return redirect(request.POST.get("next") == "reception" and "tierslieu:reception" or "tierslieu:my_bookings")


@login_required
@require_http_methods(["GET", "POST"])
def booking_move(request, booking_id: int):
    """Another time or space for a booking, in one step (no cancel and rebook); a clash proposes free ones."""
    booking = _own_booking(request, booking_id)
    local_start, local_end = rules.local(booking.start), rules.local(booking.end)
    initial = {
        "date": local_start.date(),
        "start_time": f"{local_start:%H:%M}",
        "end_time": f"{local_end:%H:%M}",
        "space": booking.space,
    }
    form = MoveForm(request.POST or None, booking=booking, spaces=selectors.spaces(), initial=initial)
    alternatives = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.booking_move(
                booking=booking, by=request.user, start=data["start"], end=data["end"], space=data["space"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = {"start": "start_time", "end": "end_time"}.get(field, field if field in form.fields else None)
                for message in errors:
                    form.add_error(target, message)
        except (Conflict, Forbidden) as exc:
            form.add_error(None, exc.message)
            for alt in exc.extra.get("alternatives", []):
                start, end = rules.local(parse_local(alt["start"])), rules.local(parse_local(alt["end"]))
                alternatives.append({**alt, "start": start, "end": end})
        else:
            messages.success(
                request,
                _("Moved: %(space)s on %(when)s.") % {"space": moved.space.name, "when": services._when(moved.start)},
            )
            return redirect("tierslieu:my_bookings")
    return render(
        request, "tierslieu/booking_move.html", {"booking": booking, "form": form, "alternatives": alternatives}
    )


def _act_on_own_booking(request, booking_id: int, action, done: str):
    """Run a service on one of the user's bookings; its refusal or `done` becomes the page's message."""
    booking = _own_booking(request, booking_id)
    try:
        action(booking=booking, by=request.user)
    except (Conflict, Forbidden) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("tierslieu:my_bookings")


@login_required
@require_POST
def booking_checkin(request, booking_id: int):
    return _act_on_own_booking(request, booking_id, services.check_in, _("Checked in: welcome!"))


@login_required
@require_POST
def hold_confirm(request, booking_id: int):
    return _act_on_own_booking(request, booking_id, services.hold_confirm, _("The slot is yours."))


@login_required
@require_POST
def waitlist_leave(request, entry_id: int):
    entry = selectors.waitlist_for(request.user).filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    services.waitlist_leave(entry=entry, by=request.user)
    messages.success(request, _("You left the waiting list."))
    return redirect("tierslieu:my_bookings")


@login_required
@require_GET
def booking_ics(request, booking_id: int):
    booking = _own_booking(request, booking_id)
    response = HttpResponse(ical.single_booking(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interlab-{booking.pk}.ics"'
    return response


@login_required
@require_POST
def feed_renew(request):
    feed = services.feed_for(user=request.user)
    services.feed_renew(feed=feed, by=request.user)
    messages.success(request, _("New calendar address: the old one no longer works."))
    return redirect("tierslieu:my_bookings")


@require_GET
def feed(request, token: str):
    """A person's or a space's iCal feed. The token is the only key: a revoked or unknown one is a 404."""
    found = CalendarFeed.objects.select_related("user", "space").filter(token=token, revoked_at=None).first()
    if found is None or (found.user and not found.user.is_active):
        raise Http404
    body = ical.user_feed(found.user) if found.user else ical.space_feed(found.space)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def member_card(request):
    card = services.card_for(user=request.user)
    return render(
        request,
        "tierslieu/member_card.html",
        {"card": card, "qr_svg": cards.qr_svg(request, card), "code": cards.short_code(card)},
    )


@login_required
@require_GET
def member_card_pdf(request):
    card = services.card_for(user=request.user)
    response = HttpResponse(cards.card_pdf(request, card), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="interlab-member-card.pdf"'
    return response


@login_required
@require_POST
def member_card_renew(request):
    services.card_renew(user=request.user, by=request.user)
    messages.success(request, _("New card issued: the old card no longer works. Print the new one."))
    return redirect("tierslieu:member_card")


@staff_required
@require_http_methods(["GET", "POST"])
def reception(request):
    """The desk: check people in by card, approve requests, see today's bookings and whether housekeeping runs."""
    # A scanned QR code opens this page with ?card=: the code is filled in, the check-in waits for a tap
    # (a state change never happens on a GET that another site could trigger).
    form = CardCheckInForm(request.POST or None, initial={"token": request.GET.get("card", "")})
    if form.is_bound and form.is_valid():
        try:
            person, done = services.check_in_by_card(
                token=cards.token_from(form.cleaned_data["token"]), by=request.user
            )
        except ValidationError as exc:
            form.add_error("token", exc.messages[0])
        else:
            name = person.get_full_name() or person.username
            if done:
                messages.success(
                    request,
                    ngettext(
                        "%(name)s is checked in (%(count)s booking).",
                        "%(name)s is checked in (%(count)s bookings).",
                        len(done),
                    )
                    % {"name": name, "count": len(done)},
                )
            else:
                messages.warning(request, _("%(name)s has no booking to check in right now.") % {"name": name})
            return redirect("tierslieu:reception")
    today = _today()
    start, end = rules.at(today, time(0)), rules.at(today + timedelta(days=1), time(0))
    todays = (
        Booking.objects.filter(start__gte=start, start__lt=end)
        .exclude(status__in=[BookingStatus.EXPIRED])
        .select_related("space", "user")
        .order_by("start")
    )
    last_run = HousekeepingRun.objects.order_by("-ran_at").first()
    stale = last_run is None or last_run.ran_at < timezone.now() - STALE_HOUSEKEEPING
    feeds = {f.space_id: f for f in CalendarFeed.objects.filter(space__isnull=False, revoked_at=None)}
    space_feeds = []
    for space in selectors.spaces():
        url = (
            request.build_absolute_uri(reverse("ical:feed", args=[feeds[space.pk].token])) if space.pk in feeds else ""
        )
        space_feeds.append(
            {
                "space": space,
                "url": url,
                "webcal": ical.webcal(url) if url else "",
                "field_id": f"space-feed-{space.pk}",
            }
        )
    return render(
        request,
        "tierslieu/reception.html",
        {
            "space_feeds": space_feeds,
            "form": form,
            "todays": todays,
            "pending": selectors.pending_approvals(),
            "last_run": last_run,
            "stale": stale,
        },
    )


@staff_required
@require_POST
def space_feed_renew(request, space_id: int):
    """Issue (or replace) a space's secret calendar address; the previous one answers 404 from now on."""
    space = selectors.space_get(space_id)
    current = CalendarFeed.objects.filter(space=space, revoked_at=None).first()
    if current is None:
        services.feed_for(space=space)
    else:
        services.feed_renew(feed=current, by=request.user)
    messages.success(request, _("New calendar address for %(space)s.") % {"space": space.name})
    return redirect("tierslieu:reception")


@staff_required
@require_POST
def booking_approve(request, booking_id: int):
    booking = selectors.booking_get(request.user, booking_id)
    accept = request.POST.get("decision") != "refuse"
    try:
        services.approve(booking=booking, by=request.user, accept=accept)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Booking confirmed.") if accept else _("Booking refused."))
    return redirect("tierslieu:reception")


@staff_required
def occupancy(request):
    today = _today()
    start = today - timedelta(days=today.weekday() + 28)
    end = start + timedelta(days=34)
    data = selectors.occupancy(start=start, end=end)
    return render(request, "tierslieu/occupancy.html", {"data": data, "start": start, "end": end})
