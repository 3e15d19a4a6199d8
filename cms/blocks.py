"""StreamField blocks of the public site: guide steps, documents to bring, plain sections."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

WEB_SCHEMES = ("http", "https")
web_address = URLValidator(
    schemes=list(WEB_SCHEMES), message=_("Enter a web address starting with http:// or https://.")
)


class StepValue(blocks.StructValue):
    def source_href(self) -> str:
        """The source's address, only if it is a web page: data saved around the form (an import, an old
        revision) never reaches the page as a javascript: or data: link."""
        url = (self.get("source_url") or "").strip()
        return url if urlsplit(url).scheme.lower() in WEB_SCHEMES else ""


class StepBlock(blocks.StructBlock):
    """One step of a procedure: what to do, what to bring, who helps, and where these facts come from.

    A step without a source says "to be confirmed" on the page: procedures change and readers act on them.
    """

    title = blocks.CharBlock(label=_("what to do"), max_length=150)
    text = blocks.RichTextBlock(
        label=_("explanation"), features=["bold", "italic", "link", "ol", "ul"], help_text=_("Short sentences.")
    )
    documents = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("documents to bring"), required=False, default=[]
    )
    partners = blocks.ListBlock(
        SnippetChooserBlock("crm.Partner"), label=_("partners who can help"), required=False, default=[]
    )
    duration = blocks.CharBlock(label=_("how long it takes"), max_length=80, required=False)
    cost = blocks.CharBlock(label=_("cost"), max_length=80, required=False)
    source_title = blocks.CharBlock(
        label=_("source"),
        max_length=200,
        required=False,
        help_text=_("The law, official page or named document these facts come from. Empty: “to be confirmed”."),
    )
    source_url = blocks.URLBlock(
        label=_("address of the source"), required=False, validators=[web_address], help_text=_("Optional.")
    )
    verified_on = blocks.DateBlock(
        label=_("verified on"), required=False, help_text=_("The day you checked these facts against the source.")
    )

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "cms/blocks/step.html"
        value_class = StepValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("source_url") and not value.get("source_title"):
            errors["source_title"] = ValidationError(_("Name the document or page this address leads to."))
        if value.get("source_title") and not value.get("verified_on"):
            errors["verified_on"] = ValidationError(_("Say when you checked these facts against the source."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("text of the link"), max_length=120)
    url = blocks.URLBlock(label=_("address"), required=False)
    page = blocks.PageChooserBlock(label=_("or a page of this site"), required=False)

    class Meta:
        icon = "link"
        label = _("link")
        template = "cms/blocks/link.html"


class BodyBlock(blocks.StreamBlock):
    """The free content of programme, story and other plain pages."""

    heading = blocks.CharBlock(
        label=_("heading"), max_length=120, form_classname="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    quote = blocks.BlockQuoteBlock(label=_("quote"))
    link = LinkBlock()

    class Meta:
        label = _("content")


class GuideStepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        label = _("steps")
        min_num = 1
