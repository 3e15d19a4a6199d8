"""Text messages through a provider's back end, chosen by settings.SMS_BACKEND (a dotted path), like mail back ends.

A provider plugs in with a subclass of BaseBackend whose `send_messages` returns how many went out. Two come with
InterLab: ConsoleBackend (development: printed) and LocmemBackend (tests: kept in `interlab.core.sms.outbox`).
Numbers are normalised to E.164 by `phonenumbers` (Google's libphonenumber rules), Belgium by default.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.utils.module_loading import import_string

# What LocmemBackend sent, for the tests (cleared by them, like django.core.mail.outbox).
outbox: list[SmsMessage] = []

MAX_LENGTH = 320  # two SMS segments: enough for a sentence and a link


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class BaseBackend:
    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints each message: development without a provider."""

    stream = None

    def send_messages(self, messages: list[SmsMessage]) -> int:
        stream = self.stream or sys.stdout
        for message in messages:
            stream.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
        stream.flush()
        return len(messages)


class LocmemBackend(BaseBackend):
    """Keeps the messages in `outbox`: tests."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def backend() -> BaseBackend | None:
    """The configured provider's back end, or None when no provider is configured."""
    path = getattr(settings, "SMS_BACKEND", "")
    return import_string(path)() if path else None


def is_configured() -> bool:
    return bool(getattr(settings, "SMS_BACKEND", ""))


def normalise_phone(raw: str) -> str | None:
    """The number in E.164 (+32470123456), or None when it cannot be a phone number.

    A number without its international prefix is of settings.SMS_DEFAULT_REGION (BE): "0470 12 34 56" is
    +32470123456; "0032 470…" and "+33 6…" keep their country. A number the country's plan does not have is None.
    """
    try:
        number = phonenumbers.parse(raw or "", settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def send(to: str, body: str) -> bool:
    """One text message; False when no provider is configured or the number is not one."""
    number = normalise_phone(to)
    provider = backend()
    if provider is None or number is None:
        return False
    text = body if len(body) <= MAX_LENGTH else body[: MAX_LENGTH - 1] + "…"
    return provider.send_messages([SmsMessage(number, text)]) == 1
