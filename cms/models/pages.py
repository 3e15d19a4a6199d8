"""The informational pages: home, programmes, guides to procedures, success stories, partners, tiers-lieu."""

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, GuideStepsBlock
from cms.forms import PartnerFilterForm
from cms.selectors import partner_directory, tierslieu_spaces_today
from interlab.core.speech import plain_text, speech_for

from .base import PublicPageMixin
from .events import EventIndexPage, EventPage
from .intake import IntakeFormPage

SECTION_TYPES = [
    "cms.ProgrammePage",
    "cms.GuideIndexPage",
    "cms.EventIndexPage",
    "cms.PartnerDirectoryPage",
    "cms.StoryIndexPage",
    "cms.IntakeFormPage",
    "cms.TiersLieuPage",
    "cms.PrivacyPage",
]


def _live(model, page: Page):
    """Live, public pages of one type in the same language as `page`."""
    return model.objects.live().public().filter(locale_id=page.locale_id)


class HomePage(PublicPageMixin, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_TYPES

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = _live(ProgrammePage, self).child_of(self)
        context["guides"] = _live(GuidePage, self).order_by("-first_published_at")[:6]
        context["events"] = _live(EventPage, self).filter(starts_at__gte=timezone.now()).order_by("starts_at")[:3]
        context["intake_page"] = _live(IntakeFormPage, self).first()
        context["directory_page"] = _live(PartnerDirectoryPage, self).first()
        context["guide_index"] = _live(GuideIndexPage, self).first()
        context["event_index"] = _live(EventIndexPage, self).first()
        context["story_index"] = _live(StoryIndexPage, self).first()
        context["tierslieu_page"] = _live(TiersLieuPage, self).first()
        return context


class ProgrammePage(PublicPageMixin, Page):
    """One way InterLab accompanies people: the incubation path, mentoring, the tiers-lieu, trainings."""

    intro = models.CharField(_("in one sentence"), max_length=300)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("programme page")


class GuideIndexPage(PublicPageMixin, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of guides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public()
        return context


class GuidePage(PublicPageMixin, Page):
    """A Belgian procedure explained step by step, in plain language, with what to bring and who helps."""

    summary = models.TextField(
        _("in short"), max_length=600, help_text=_("Two or three short sentences: what it is, who needs it.")
    )
    steps = StreamField(GuideStepsBlock(), verbose_name=_("steps"))
    checked_on = models.DateField(
        _("information checked on"), default=timezone.localdate, help_text=_("Rules change: say when you checked.")
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("steps"), FieldPanel("checked_on")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("steps")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guide to a procedure")
        verbose_name_plural = _("guides to procedures")

    def documents_to_bring(self) -> list[str]:
        """Every document named in the steps, once, in the order they first appear."""
        seen: dict[str, None] = {}
        for block in self.steps:
            for document in block.value["documents"]:
                seen.setdefault(document.strip(), None)
        return [d for d in seen if d]

    def partners(self) -> list:
        seen = {}
        for block in self.steps:
            for partner in block.value["partners"]:
                if partner is not None:
                    seen.setdefault(partner.pk, partner)
        return list(seen.values())

    def speech_text(self) -> str:
        """What the audio reads: the guide as the page shows it, headings included, all in the guide's language
        (an alias reads its source's words in its source's language)."""
        with translation.override(self.content_language()):
            lines = [self.title, gettext("In short"), self.summary]
            documents = self.documents_to_bring()
            if documents:
                lines += [gettext("What to bring"), *documents]
            lines.append(gettext("Step by step"))
            for number, block in enumerate(self.steps, start=1):
                step = block.value
                lines += [f"{number}. {step['title']}", plain_text(step["text"])]
                if step["documents"]:
                    lines.append(f"{gettext('Bring:')} {', '.join(d for d in step['documents'] if d)}")
                if step["duration"]:
                    lines.append(f"{gettext('Time:')} {step['duration']}")
                if step["cost"]:
                    lines.append(f"{gettext('Cost:')} {step['cost']}")
                names = [partner.name for partner in step["partners"] if partner is not None]
                if names:
                    lines.append(f"{gettext('Who helps:')} {', '.join(names)}")
        return "\n".join(lines)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # a draft's words are not public yet: no audio of them
            context["speech"] = speech_for(self.speech_text(), self.content_language())
        return context


class StoryIndexPage(PublicPageMixin, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of success stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = StoryPage.objects.child_of(self).live().public()
        return context


class StoryPage(PublicPageMixin, Page):
    """A person who went the whole way, told with their agreement (first name only if they prefer)."""

    person = models.CharField(_("who"), max_length=120, help_text=_("As the person agreed to be named."))
    business = models.CharField(_("what they created"), max_length=200)
    quote = models.CharField(_("in their words"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("their story"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("person"),
        FieldPanel("business"),
        FieldPanel("quote"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("person"),
        index.SearchField("business"),
        index.SearchField("quote"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")


class PartnerDirectoryPage(PublicPageMixin, Page):
    """The partner organisations (the CRM's Partner snippets), searchable and filtered by need and language."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = PartnerFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["partners"] = partner_directory(
            q=filters.get("q", ""), need=filters.get("need", ""), language=filters.get("language", "")
        )
        context["is_filtered"] = any(filters.values()) if filters else False
        return context


class TiersLieuPage(PublicPageMixin, Page):
    """The shared third place; lists the spaces and today's free slots once the tiers-lieu app provides them."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=250, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tiers-lieu page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["spaces_today"] = tierslieu_spaces_today()
        return context
