"""Which published French text each translated page was made from, so that a later French change shows."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationSync(models.Model):
    """Written each time a translation is published: the French source's live revision at that moment.

    When the French page is published again its live revision moves on, and the translation "needs update"
    until an editor publishes it again (cms.selectors.translations_to_update).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_sync",
        verbose_name=_("translated page"),
    )
    # The revision may be purged one day; a null then reads as "out of date", the safe side.
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("source revision"),
    )
    source_published_at = models.DateTimeField(_("source published at"), null=True)
    synced_at = models.DateTimeField(_("translation published at"), default=timezone.now)

    class Meta:
        verbose_name = _("translation sync")
        verbose_name_plural = _("translation syncs")

    def __str__(self) -> str:
        return f"{self.page_id} ← {self.source_revision_id}"
