"""Wagtail's signals, handed to the cms services; connected in CmsConfig.ready()."""

from . import services


def page_published(sender, instance, revision=None, **kwargs) -> None:
    services.translation_sync_record(page=instance)
