"""Reactions to Wagtail's signals: a published guide gets its read-aloud audio made in the background, and a
published translation records which French revision it follows (services.translation_sync_record)."""

from wagtail.signals import page_published

from interlab.core.speech import speech_queue

from . import services
from .models import GuidePage


def guide_published(sender, instance: GuidePage, **kwargs) -> None:
    speech_queue(instance.speech_text(), instance.content_language())


def translation_published(sender, instance, revision=None, **kwargs) -> None:
    services.translation_sync_record(page=instance)


def connect() -> None:
    page_published.connect(guide_published, sender=GuidePage, dispatch_uid="cms-guide-speech")
    page_published.connect(translation_published, dispatch_uid="cms.translation_sync")
