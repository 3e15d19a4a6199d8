"""The one place that decides how a person is told: in the app always, by e-mail when they have an address, by SMS
when a provider is configured and the news is urgent (or they have no e-mail). Every app calls `notify`.

The text is written when the news happens, in the recipient's language; e-mail and SMS go out from the worker
(django-q2) once the change is committed, each at most once (`deliver`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import mail, sms
from .models import Notification, User

if TYPE_CHECKING:
    from django.db.models import Model

log = logging.getLogger(__name__)

APP, EMAIL, SMS = "app", "email", "sms"

# Where a person's phone number is found: apps above core register a function user -> number ("" if none).
_phone_sources: list[Callable[[User], str]] = []


def register_phone_source(source: Callable[[User], str]) -> None:
    """Called from an app's AppConfig.ready(): core knows no phone number of its own."""
    if source not in _phone_sources:
        _phone_sources.append(source)


def phone_of(user: User) -> str | None:
    """The person's number in E.164, from the first source that knows a valid one."""
    for source in _phone_sources:
        number = sms.normalise_phone(source(user) or "")
        if number:
            return number
    return None


def language_of(user: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in codes else settings.LANGUAGE_CODE


def channels_for(user: User, *, urgent: bool = False) -> list[str]:
    """How this person is told: always in the app; by e-mail with an address; by SMS when a provider is
    configured, a number is known, and the news cannot wait or there is no e-mail to carry it."""
    channels = [APP]
    if user.email:
        channels.append(EMAIL)
    if sms.is_configured() and (urgent or not user.email) and phone_of(user):
        channels.append(SMS)
    return channels


def _text(value: Any, context: dict) -> str:
    """A (lazy) string in the active language, its %(name)s placeholders filled from the context."""
    text = str(value or "")
    return text % context if "%(" in text else text


def notify(
    user: User | None,
    kind: str,
    *,
    subject: Any = None,
    body: Any = None,
    template: str | None = None,
    url: str = "",
    context: dict | None = None,
    about: Model | None = None,
    urgent: bool = False,
) -> Notification | None:
    """Tell `user` something: kept in their list of notifications, and sent by the channels `channels_for` picks.

    `template` names a pair of templates, `<template>_subject.txt` and `<template>.txt`, rendered with `context`
    (plus `user` and `site_url`); or `subject` and `body` are (lazy) strings with %(name)s placeholders filled from
    `context`. Either way in the recipient's language. `url` is a path of the site the news leads to; `about` the
    crm file it concerns (an erasure of that file removes the notification). Nobody, or an inactive login: None.
    """
    if user is None or not user.is_active:
        return None
    context = {**(context or {}), "user": user, "site_url": mail.site_url()}
    with translation.override(language_of(user)):
        if template:
            if subject is None:
                subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}.txt", context)
        subject_text = " ".join(_text(subject, context).split())
        body_text = _text(body, context).strip()
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        subject=subject_text[:200],
        body=body_text,
        url=url,
        about_id=getattr(about, "pk", None),
        urgent=urgent,
        channels=channels_for(user, urgent=urgent),
    )
    if set(notification.channels) - {APP}:
        # Robust: a delivery that cannot even be queued is logged, and never undoes what the person just did.
        transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
    return notification


def _enqueue(notification_id: int) -> None:
    from django_q.tasks import async_task

    async_task(
        "interlab.core.tasks.notification_deliver",
        notification_id,
        task_name=f"notification-{notification_id}",
        sync=settings.NOTIFICATIONS_SYNC,
    )


# --- delivery (in the worker) ---------------------------------------------------------------------------------


def _claim(notification: Notification, field: str) -> bool:
    """Mark a channel as sent before sending, so that two workers never send it twice."""
    now = timezone.now()
    claimed = Notification.objects.filter(pk=notification.pk, **{f"{field}__isnull": True}).update(**{field: now})
    setattr(notification, field, now)
    return bool(claimed)


def _release(notification: Notification, field: str) -> None:
    Notification.objects.filter(pk=notification.pk).update(**{field: None})


def email_parts(notification: Notification) -> tuple[str, str, str]:
    """Subject, text and HTML of the notification's e-mail, in the recipient's language."""
    user = notification.user
    with translation.override(language_of(user)):
        context = {
            "notification": notification,
            "user": user,
            "link": mail.absolute_url(notification.url),
            "all_url": mail.absolute_url(reverse("core:notifications")),
            "site_url": mail.site_url(),
            "language": language_of(user),
        }
        text = render_to_string("core/email/notification.txt", context)
        html = render_to_string("core/email/notification.html", context)
    return notification.subject, text, html


def sms_text(notification: Notification) -> str:
    link = mail.absolute_url(notification.url or reverse("core:notifications"))
    return f"InterLab: {notification.subject}\n{link}"


def deliver(notification_id: int) -> list[str]:
    """Send a notification by e-mail and SMS as decided; what went out now. Safe to run again: each channel
    goes out once; one that fails is released and the task raises, so that django-q2 tries again."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.is_active:
        return []
    user = notification.user
    sent = []
    if EMAIL in notification.channels and user.email and _claim(notification, "emailed_at"):
        subject, text, html = email_parts(notification)
        try:
            mail.send(subject, text, [user.email], html=html)
        except Exception:
            _release(notification, "emailed_at")
            raise
        sent.append(EMAIL)
    if SMS in notification.channels and _claim(notification, "texted_at"):
        number = phone_of(user)
        try:
            ok = bool(number) and sms.send(number, sms_text(notification))
        except Exception:
            _release(notification, "texted_at")
            raise
        if ok:
            sent.append(SMS)
        else:
            _release(notification, "texted_at")
            log.warning("notification %s: no SMS could be sent to user %s", notification.pk, user.pk)
    return sent
