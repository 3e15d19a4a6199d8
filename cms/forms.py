"""Forms of the public site: the application (intake), event registration, the partner directory filter."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from interlab.core.languages import language_code_for, language_name
from interlab.crm.models import Need

HONEYPOT = "website"

# Endonyms: each language is named in itself, so a person finds theirs without reading French.
SPOKEN_LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("ro", "Română"),
    ("pl", "Polski"),
    ("sq", "Shqip"),
    ("tr", "Türkçe"),
    ("ku", "Kurdî"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ur", "اردو"),
    ("ti", "ትግርኛ"),
    ("am", "አማርኛ"),
    ("so", "Soomaali"),
    ("sw", "Kiswahili"),
    ("ln", "Lingála"),
    ("ff", "Pulaar"),
    ("wo", "Wolof"),
    ("zh", "中文"),
]

# The languages the incubator's visitors most often ask an interpreter for, the most asked first (ISO 639-1 only:
# Dari has no two-letter code, it is typed as "another language").
INTERPRETER_LANGUAGES = ("ar", "uk", "es", "nl", "en", "ti", "fa", "ps", "ru", "tr", "so")
OTHER_LANGUAGE = "other"

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|&#?\w+;")
PHONE = re.compile(r"^\+?[\d\s./()-]{6,25}$")


def no_html(value: str) -> None:
    if HTML_TAG.search(value or ""):
        raise ValidationError(_("Please write plain text, without HTML tags."), code="html")


def valid_phone(value: str) -> None:
    if value and (not PHONE.match(value) or sum(ch.isdigit() for ch in value) < 6):
        raise ValidationError(_("Write a phone number with digits only, e.g. 0470 12 34 56."), code="phone")


def _text(label, max_length, *, required=True, help_text="", widget=None):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=[no_html],
        widget=widget,
    )


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers); robots fill every field."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp-field"}),
    )


class EmailOrPhoneMixin(forms.Form):
    """At least one way to reach the person: an e-mail address or a phone number (fields `email` and `phone`)."""

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            # The rule concerns both fields: each is marked and described by it (the summary says it once).
            rule = ValidationError(
                _("Give an e-mail address or a phone number, so that a coach can contact you."), code="contact"
            )
            self.add_error("email", rule)
            self.add_error("phone", rule)
        return data


class IntakeForm(EmailOrPhoneMixin, HoneypotMixin):
    first_name = _text(_("First name"), 100)
    last_name = _text(_("Last name"), 100, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[valid_phone])
    commune = _text(_("Where do you live? (commune)"), 100, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    project_title = _text(
        _("Your idea in a few words"), 200, help_text=_("For example: a Syrian pastry shop, a bicycle repair workshop.")
    )
    idea = _text(
        _("Tell us more (optional)"),
        2000,
        required=False,
        help_text=_("What would you like to do? What do you already have?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.MultipleChoiceField(
        label=_("What do you need help with?"),
        choices=Need.choices,
        required=False,
        help_text=_("For example: the professional card, registering with the BCE, VAT, a financial plan."),
        widget=forms.CheckboxSelectMultiple,
    )
    heard_from = forms.ChoiceField(
        label=_("How did you hear about InterLab?"),
        required=False,
        choices=[
            ("", "—"),
            ("friend", _("a friend or family")),
            ("cpas", _("the CPAS")),
            ("forem", _("the Forem")),
            ("partner", _("another organisation")),
            ("social", _("social media")),
            ("event", _("an event or workshop")),
            ("web", _("the internet")),
            ("other", _("other")),
        ],
    )
    consent = forms.BooleanField(
        label=_("I agree to the text above."),
        error_messages={
            "required": _("Tick the box to agree: without your agreement we cannot keep your application.")
        },
    )

    share_with_partners = forms.BooleanField(
        label=_("I also agree to the text above on sharing with partner organisations (optional)."),
        required=False,
    )

    def __init__(self, *args, consent=None, partner_consent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent
        self.partner_consent_text = partner_consent
        if partner_consent is None:
            # Nothing to agree to: no text asks for it.
            del self.fields["share_with_partners"]
        # Autocomplete helps people who type slowly or on a phone (WCAG 1.3.5, identify input purpose).
        for name, token in {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "phone": "tel",
            "commune": "address-level2",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.order_fields([*[n for n in self.fields if n != HONEYPOT], HONEYPOT])

    def intake_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "email": data["email"].strip(),
            "phone": data["phone"].strip(),
            "commune": data["commune"].strip(),
            "languages": list(data["languages"]),
            "needs": list(data["needs"]),
            "project_title": data["project_title"].strip(),
            "idea": data["idea"].strip(),
            "heard_from": data["heard_from"],
            "share_with_partners": bool(data.get("share_with_partners")),
            "language": (get_language() or "fr")[:2],
        }


def interpreter_choices() -> list[tuple[str, str]]:
    """The usual languages by their names in the reader's language (never codes), then "another language"."""
    usual = [(code, language_name(code)) for code in INTERPRETER_LANGUAGES]
    return [("", "—"), *usual, (OTHER_LANGUAGE, _("another language"))]


class EventRegistrationForm(EmailOrPhoneMixin, HoneypotMixin):
    first_name = _text(_("First name"), 100)
    last_name = _text(_("Last name"), 100, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[valid_phone])
    interpreter = forms.BooleanField(label=_("I would like an interpreter"), required=False)
    interpreter_language = forms.ChoiceField(label=_("Language of the interpreter"), required=False)
    interpreter_other = _text(
        _("Another language"), 60, required=False, help_text=_("If your language is not in the list, write it here.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: the names follow the language the visitor reads the page in.
        self.fields["interpreter_language"].choices = interpreter_choices()
        for name, token in {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "phone": "tel",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.order_fields([*[n for n in self.fields if n != HONEYPOT], HONEYPOT])

    def clean(self):
        data = super().clean()
        language = data.get("interpreter_language") or ""
        other = (data.get("interpreter_other") or "").strip()
        if language == OTHER_LANGUAGE and not other and "interpreter_other" not in self.errors:
            self.add_error(
                "interpreter_other",
                ValidationError(_("Write the language you would like an interpreter in."), code="interpreter"),
            )
        elif data.get("interpreter") and not language and not other and "interpreter_other" not in self.errors:
            self.add_error(
                "interpreter_language",
                ValidationError(_("Choose the language you would like an interpreter in."), code="interpreter"),
            )
        return data

    def interpreter_request(self) -> tuple[str, str]:
        """(language code, language as written): ("", "") for none. A language chosen in the list, or typed, is
        a request even without the tick; a typed name that CLDR knows becomes its code, so that it counts with
        the others on the attendance sheet."""
        data = self.cleaned_data
        language = data.get("interpreter_language") or ""
        other = " ".join((data.get("interpreter_other") or "").split())
        if language and language != OTHER_LANGUAGE:
            return language, ""
        if not other:
            return "", ""
        code = language_code_for(other)
        return (code, "") if code else ("", other)

    def registration_fields(self) -> dict:
        data = self.cleaned_data
        interpreter_language, interpreter_other = self.interpreter_request()
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "email": data["email"].strip(),
            "phone": data["phone"].strip(),
            "language": (get_language() or "fr")[:2],
            "interpreter_language": interpreter_language,
            "interpreter_other": interpreter_other,
        }


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False, validators=[no_html])
    need = forms.ChoiceField(label=_("Need"), required=False, choices=[("", _("all needs")), *Need.choices])
    language = forms.ChoiceField(
        label=_("Language spoken"), required=False, choices=[("", _("all languages")), *SPOKEN_LANGUAGES]
    )
