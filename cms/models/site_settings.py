"""The incubator's contact details and privacy page: site-wide facts editors change in the admin, never in templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .base import PublicPageMixin


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """What the footer of every public page says: where the incubator is and how to reach it."""

    address = models.TextField(_("address"), blank=True, help_text=_("One line per line of the postal address."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every public page; shown in the visitor's language when translated."),
    )

    panels = [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), PageChooserPanel("privacy_page")]

    class Meta:
        verbose_name = _("contact details")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class PrivacyPage(PublicPageMixin, Page):
    """How the incubator handles personal data, in words a visitor reads before applying."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("privacy page")
