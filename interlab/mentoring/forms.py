"""Forms of the mentoring pages. They validate input; services write."""

from datetime import datetime, timedelta

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interlab.core.languages import language_code_for
from interlab.crm.models import Programme

from .model import BLOCKS, DEFAULT_WEIGHTS
from .models import BinomeMode, Gender, MeetingMode, Mode, RunMode

BLOCK_LABELS = {
    "expertise": _("needs ↔ expertise"),
    "sector": _("same sector"),
    "goals": _("goals ↔ experience"),
    "languages": _("shared languages"),
    "complementarity": _("local × newcomer"),
    "place": _("place and meeting mode"),
    "availability": _("availability"),
}


class RunForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.all(), required=False, label=_("programme"), empty_label=_("all programmes")
    )
    mode = forms.ChoiceField(choices=RunMode.choices, initial=RunMode.OPTIMAL, label=_("mode"))
    seed = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        initial=0,
        label=_("seed"),
        help_text=_("The same seed on the same data gives the same pairs."),
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.IntegerField(label=_("duration (minutes)"), min_value=1, max_value=600, initial=60)
    note = forms.CharField(
        label=_("what you worked on"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session is logged once it took place."))
        return held_on


class LoggedMeetingForm(SessionForm):
    """The log-a-session form, filled from a fixed meeting that took place."""

    meeting = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# Meeting lengths offered, in minutes.
MEETING_MINUTES = [15, 30, 45, 60, 90, 120, 180, 240]


class MeetingForm(forms.Form):
    """A meeting proposed to the other side: one to three times (the house's local time), how, where."""

    date_1 = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time_1 = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    date_2 = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time_2 = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    date_3 = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time_3 = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.TypedChoiceField(
        label=_("Duration (minutes)"), coerce=int, choices=[(m, str(m)) for m in MEETING_MINUTES], initial=60
    )
    mode = forms.ChoiceField(label=_("How"), choices=MeetingMode.choices, initial=MeetingMode.IN_PERSON)
    place = forms.CharField(label=_("Place (in person)"), required=False, max_length=200)
    link = forms.URLField(
        label=_("Video link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=_("Give a web address starting with https://."))],
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    replaces = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        for i in (1, 2, 3):
            self.fields[f"date_{i}"].widget.attrs.update(
                min=today.isoformat(), max=(today + timedelta(days=183)).isoformat()
            )

    @property
    def time_rows(self) -> list:
        """Each proposed time's date and time fields, with the legend of their group."""
        legends = [_("First choice"), _("Second choice (optional)"), _("Third choice (optional)")]
        return [(self[f"date_{i}"], self[f"time_{i}"], legends[i - 1]) for i in (1, 2, 3)]

    def clean(self):
        data = super().clean()
        starts = []
        for i in (1, 2, 3):
            day, clock = data.get(f"date_{i}"), data.get(f"time_{i}")
            if day and clock:
                starts.append(timezone.make_aware(datetime.combine(day, clock), timezone.get_default_timezone()))
            elif (day or clock) and f"date_{i}" not in self.errors and f"time_{i}" not in self.errors:
                self.add_error(f"date_{i}", _("Give both a date and a time."))
        data["starts"] = starts
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("starts", "minutes", "mode", "place", "link", "note")}


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("satisfaction"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1: not at all satisfied — 5: very satisfied"),
    )
    comment = forms.CharField(
        label=_("comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in BLOCKS:
            self.fields[key] = forms.FloatField(
                label=BLOCK_LABELS[key], min_value=0, max_value=100, initial=DEFAULT_WEIGHTS[key]
            )
        # Left out of a request: the rule stays as it is.
        self.fields["binome"] = forms.ChoiceField(
            label=_("Local × newcomer pairs"),
            choices=BinomeMode.choices,
            required=False,
            widget=forms.RadioSelect,
            help_text=_(
                "Required: a local person is only paired with a newcomer. Preferred: such a pair scores higher. "
                "Indifferent: it plays no part."
            ),
        )

    def weights(self) -> dict[str, float]:
        return {key: self.cleaned_data[key] for key in BLOCKS}


class WeightsProgrammeForm(forms.Form):
    """Which programme's weights the page shows (none: the default ones, which the other programmes follow)."""

    programme = forms.ModelChoiceField(
        Programme.objects.all(), required=False, label=_("programme"), empty_label=_("default (every programme)")
    )


# Languages offered as boxes to tick, in their own names; others are typed as two-letter codes.
SPOKEN_LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("ln", "Lingála"),
    ("sw", "Kiswahili"),
]
HONEYPOT = "website"

GENDER_OPTIONAL = [("", _("I prefer not to say")), *Gender.choices]


def _words(text: str) -> list[str]:
    """Words separated by commas or semicolons, Latin or Arabic (an Arabic keyboard types ، and ؛)."""
    text = (text or "").replace(";", ",").replace("\u060c", ",").replace("\u061b", ",")
    return [w.strip() for w in text.split(",") if w.strip()]


class MentorDetailsForm(forms.Form):
    """What matching needs to know of a mentor: the sign-up page and the mentor's own profile page."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=SPOKEN_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_languages = forms.CharField(
        label=_("Other languages"),
        required=False,
        max_length=100,
        help_text=_("Their names, separated by commas, e.g. Wolof, Amharic."),
    )
    expertise = forms.CharField(
        label=_("What you can help with"),
        required=False,
        max_length=800,
        help_text=_("A few words separated by commas, e.g. accounting, marketing, food trade."),
    )
    expertise_text = forms.CharField(
        label=_("Your experience in your own words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    capacity = forms.IntegerField(
        label=_("How many people could you mentor at the same time?"), min_value=1, max_value=10, initial=1
    )
    hours_per_month = forms.IntegerField(label=_("Hours available per month"), min_value=1, max_value=200, initial=4)
    commune = forms.CharField(label=_("Where do you live? (commune)"), required=False, max_length=100)
    mode = forms.ChoiceField(label=_("Meetings"), choices=Mode.choices, initial=Mode.BOTH)
    gender = forms.ChoiceField(
        label=_("Your gender (optional)"),
        choices=GENDER_OPTIONAL,
        required=False,
        help_text=_(
            "Some mentees, women especially, ask for a mentor of a given gender: we then only propose mentors who "
            "said so. Only coaches see it."
        ),
    )

    def clean_other_languages(self):
        codes = []
        for word in _words(self.cleaned_data["other_languages"]):
            code = language_code_for(word)
            if code is None:
                raise forms.ValidationError(
                    _("“%(word)s” is not a language we know: write its name, e.g. Wolof, Amharic.")
                    % {"word": word[:40]}
                )
            codes.append(code)
        return list(dict.fromkeys(codes))

    def clean_expertise(self):
        words = _words(self.cleaned_data["expertise"])
        if any(len(w) > 80 for w in words):
            raise forms.ValidationError(_("Keep each word under 80 characters."))
        return words

    def clean(self):
        data = super().clean()
        languages = list(data.get("languages") or []) + list(data.get("other_languages") or [])
        if "languages" in data and "other_languages" in data and not languages:
            self.add_error("languages", _("Tick or type at least one language."))
        data["languages"] = [{"code": code, "level": ""} for code in dict.fromkeys(languages)]
        return data

    def mentor_fields(self) -> dict:
        data = self.cleaned_data
        return {
            k: data[k]
            for k in (
                "languages",
                "expertise",
                "expertise_text",
                "capacity",
                "hours_per_month",
                "commune",
                "mode",
                "gender",
            )
        }


class MentorSignupForm(MentorDetailsForm):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    is_local = forms.TypedChoiceField(
        label=_("You are"),
        coerce=lambda v: v == "local",
        choices=[
            ("local", _("from here: I grew up or have long lived in Belgium")),
            ("newcomer", _("a newcomer: I came to Belgium myself")),
        ],
        widget=forms.RadioSelect,
    )
    # A field people never see (hidden by CSS and from screen readers); robots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp-field"}),
    )
    field_order = ["first_name", "last_name", "email", "phone", "is_local"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(ch.isdigit() or ch in "+ ./-()" for ch in phone):
            raise forms.ValidationError(_("Write a phone number with digits only, e.g. 0470 12 34 56."))
        return phone

    def clean(self):
        data = super().clean()
        if not (data.get("email") or data.get("phone")) and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address or a phone number, so that a coach can answer."))
        return data

    def application_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **self.mentor_fields(),
            **{k: data[k] for k in ("first_name", "last_name", "email", "phone", "is_local")},
        }


class MentorWishForm(forms.Form):
    """What a mentee asks of their mentor: both fields optional, each a hard constraint when set."""

    mentor_gender = forms.ChoiceField(
        label=_("A mentor who is"),
        choices=[
            ("", _("no preference")),
            (Gender.WOMAN, _("a woman")),
            (Gender.MAN, _("a man")),
            (Gender.OTHER, _("of another gender")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    mentor_language = forms.ChoiceField(label=_("A mentor who speaks"), required=False)

    def __init__(self, *args, spoken=(), **kwargs):
        """`spoken`: (code, name) of the languages the mentee speaks, offered besides the usual ones."""
        super().__init__(*args, **kwargs)
        known = dict(SPOKEN_LANGUAGES)
        extra = [(code, name) for code, name in spoken if code not in known]
        self.fields["mentor_language"].choices = [("", _("no preference")), *SPOKEN_LANGUAGES, *extra]
