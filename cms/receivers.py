"""Reactions to Wagtail's signals: a published guide gets its read-aloud audio made in the background."""

from wagtail.signals import page_published

from interlab.core.speech import speech_queue

from .models import GuidePage


def guide_published(sender, instance: GuidePage, **kwargs) -> None:
    speech_queue(instance.speech_text(), instance.content_language())


def connect() -> None:
    page_published.connect(guide_published, sender=GuidePage, dispatch_uid="cms-guide-speech")
