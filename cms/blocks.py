"""StreamField blocks of the public site: guide steps, documents to bring, plain sections."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class StepBlock(blocks.StructBlock):
    """One step of a procedure: what to do, what to bring, who helps."""

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

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "cms/blocks/step.html"


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
