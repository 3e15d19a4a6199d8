from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Equipment, Frequency, Space, SpaceKind

REPEAT_CHOICES = [("", _("Does not repeat")), *Frequency.choices]


def time_choices(step_minutes: int = 15, first: int = 6 * 60, last: int = 23 * 60) -> list[tuple[str, str]]:
    """Clock times every `step_minutes` from `first` to `last` (minutes after midnight), both included."""
    choices, minutes = [], first
    while minutes <= last:
        label = f"{minutes // 60:02d}:{minutes % 60:02d}"
        choices.append((label, label))
        minutes += step_minutes
    return choices


def space_time_choices(space) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Start and end times a person may pick for this space: within its opening hours (the earliest opening
    to the latest closing of the week), on its grid, leaving room for its shortest booking."""
    hours = list(space.opening_hours.all())
    if not hours:
        return time_choices(space.slot_minutes), time_choices(space.slot_minutes)
    grid = space.slot_minutes
    opens = min(h.opens.hour * 60 + h.opens.minute for h in hours)
    closes = max(h.closes.hour * 60 + h.closes.minute for h in hours)
    opens += -opens % grid  # the first grid time at or after the opening
    closes -= closes % grid
    shortest = max(space.min_minutes, grid)
    return time_choices(grid, opens, closes - shortest), time_choices(grid, opens + shortest, closes)


class BookingForm(forms.Form):
    """One booking, or the first date of a series. Times are the house's local times."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.ChoiceField(label=_("From"))
    end_time = forms.ChoiceField(label=_("To"))
    title = forms.CharField(label=_("What for?"), max_length=120, initial=_("Meeting"))
    seats = forms.IntegerField(label=_("People"), min_value=1, initial=1)
    repeat = forms.ChoiceField(label=_("Repeat"), choices=REPEAT_CHOICES, required=False)
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Or give a number of dates below."),
    )
    count = forms.IntegerField(label=_("Number of dates"), required=False, min_value=1, max_value=rules.MAX_OCCURRENCES)
    on_conflict = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, space, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        if people is not None:
            # The team books on someone's behalf: whom, first in the form.
            self.fields["for_user"] = forms.ModelChoiceField(
                label=_("For whom"),
                queryset=people,
                required=False,
                empty_label=_("Myself"),
                help_text=_("The booking is theirs: they see it, receive its messages and can cancel it."),
            )
            self.fields["for_user"].label_from_instance = lambda person: person.get_full_name() or person.username
            self.order_fields(["for_user"])
        starts, ends = space_time_choices(space)
        self.fields["start_time"].choices = starts
        self.fields["end_time"].choices = ends
        self.fields["seats"].max_value = space.capacity
        self.fields["seats"].widget.attrs["max"] = space.capacity
        if space.kind == SpaceKind.ROOM:
            self.fields["seats"].help_text = _("This room holds %(capacity)s people.") % {"capacity": space.capacity}

    def clean(self):
        data = super().clean()
        day = data.get("date")
        if day and not rules.day_in_range(day):
            self.add_error("date", _("Choose a date within the next three years."))
            day = None
        if data.get("until") and not rules.day_in_range(data["until"]):
            self.add_error("until", _("Choose a date within the next three years."))
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if day and start_time and end_time:
            data["start"] = rules.at(day, time.fromisoformat(start_time))
            data["end"] = rules.at(day, time.fromisoformat(end_time))
            if data["end"] <= data["start"]:
                self.add_error("end_time", _("The end must come after the start."))
        repeat = data.get("repeat")
        if repeat:
            if not data.get("until") and not data.get("count"):
                self.add_error("until", _("Say until when the booking repeats, or how many times."))
            elif data.get("until") and data.get("count"):
                self.add_error("count", _("Give an end date or a number of dates, not both."))
            data["recurrence"] = {"frequency": repeat, "until": data.get("until"), "count": data.get("count")}
        else:
            data["recurrence"] = None
        if data.get("on_conflict") not in ("", None, "fail", "skip"):
            data["on_conflict"] = "fail"
        return data


class ClockField(forms.ChoiceField):
    """A time picked from the space's times; a time offered by a link (an alternative in another space with
    other hours) is accepted too, the booking rules judge it."""

    def valid_value(self, value) -> bool:
        try:
            time.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True


class MoveForm(forms.Form):
    """Another date, time or space for an existing booking."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = ClockField(label=_("From"))
    end_time = ClockField(label=_("To"))
    space = forms.ModelChoiceField(label=_("Space"), queryset=Space.objects.none(), empty_label=None)

    def __init__(self, *args, booking, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        starts, ends = space_time_choices(booking.space)
        self.fields["start_time"].choices = starts
        self.fields["end_time"].choices = ends
        self.fields["space"].queryset = spaces

    def clean(self):
        data = super().clean()
        day, start_time, end_time = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and not rules.day_in_range(day):
            self.add_error("date", _("Choose a date within the next three years."))
        elif day and start_time and end_time:
            data["start"] = rules.at(day, time.fromisoformat(start_time))
            data["end"] = rules.at(day, time.fromisoformat(end_time))
            if data["end"] <= data["start"]:
                self.add_error("end_time", _("The end must come after the start."))
        return data


class SlotFinderForm(forms.Form):
    """ "2 h, 6 people, projector, this week" → ranked slots."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    duration = forms.TypedChoiceField(
        label=_("For"),
        coerce=int,
        initial=60,
        choices=[
            (30, _("30 min")),
            (60, _("1 h")),
            (90, _("1 h 30")),
            (120, _("2 h")),
            (180, _("3 h")),
            (240, _("half a day")),
            (480, _("a full day")),
        ],
    )
    people = forms.IntegerField(label=_("People"), min_value=1, max_value=500, initial=1)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), choices=Equipment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any")), *SpaceKind.choices], required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name in ("start", "end"):
            if data.get(name) and not rules.day_in_range(data[name]):
                self.add_error(name, _("Choose a date within the next three years."))
                start = end = None
        if start and end:
            if end < start:
                self.add_error("end", _("The end date comes before the start date."))
            elif end - start > timedelta(days=30):
                self.add_error("end", _("Search at most a month at once."))
        return data


class CardCheckInForm(forms.Form):
    token = forms.CharField(
        label=_("Member card code"),
        max_length=64,
        help_text=_("Scan the card's QR code or type the code printed under it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


def parse_local(value: str) -> datetime | None:
    """A datetime from a link (ISO); naive values are the house's local time. None when unreadable."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=rules.house_tz())
    return moment


def validate_day(value: str):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Unreadable date.")) from exc
