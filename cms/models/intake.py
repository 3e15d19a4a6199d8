"""The application form: a short form in the visitor's language that opens a file in the CRM."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms import ratelimit
from cms.forms import HONEYPOT, IntakeForm
from interlab.core.speech import plain_text, speech_for
from interlab.crm.choices import PARTNER_CONSENT_KEY

from .base import PublicPageMixin


class IntakeFormPage(PublicPageMixin, Page):
    """Creates an Entrepreneur and a Project in the intake stage through the CRM services (cms.services)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    consent_key = models.SlugField(
        _("consent text"),
        max_length=50,
        default="intake",
        help_text=_("Key of the consent text shown (Django admin, consent texts); its latest version is used."),
    )
    thank_you = RichTextField(_("message after sending"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you")]
    settings_panels = [*Page.settings_panels, FieldPanel("consent_key")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("application form")

    def serve(self, request, *args, **kwargs):
        from cms import services  # the page is its own view; its services write its rows (a cycle by nature)

        consent = services.consent_text_for(self.consent_key)
        partner = services.consent_text_for(PARTNER_CONSENT_KEY)
        if request.method != "POST":
            sent = request.GET.get("sent") == "1"
            form = IntakeForm(consent=consent, partner_consent=partner)
            return self._render(request, form, consent, sent=sent)
        consent = services.consent_text_shown(self.consent_key, request.POST.get("consent_text")) or consent
        partner = services.consent_text_shown(PARTNER_CONSENT_KEY, request.POST.get("partner_consent_text")) or partner
        form = IntakeForm(request.POST, consent=consent, partner_consent=partner)
        try:
            ratelimit.throttle(request, "intake")
        except ratelimit.RateLimited as limited:
            form.errors  # noqa: B018 - validate first, so the visitor keeps what they typed alongside the message
            form.add_error(None, limited.message)
            return self._render(request, form, consent, status=429)
        if request.POST.get(HONEYPOT):
            # A robot filled the field people never see: it gets the same answer as a person, and nothing is kept.
            return redirect(self.get_url(request) + "?sent=1")
        if not form.is_valid():
            return self._render(request, form, consent)
        try:
            services.intake_submit(consent=consent, partner_consent=partner, **form.intake_fields())
        except services.IntakeRefused as refused:
            form.add_error(None, refused.message)
            return self._render(request, form, consent)
        return redirect(self.get_url(request) + "?sent=1")

    def speech_text(self, form, language: str) -> str:
        """The form's explanations read aloud in the visitor's language: the introduction (when written in it),
        each question with its help, and the consent texts written in that language."""
        lines = []
        if self.content_language() == language:
            lines += [self.title, plain_text(self.intro)]
        lines.append(gettext("Fields marked * are required. It takes about two minutes."))
        agreements = []
        for field in form.visible_fields():
            if field.name == HONEYPOT:
                continue
            target = agreements if field.name in ("consent", "share_with_partners") else lines
            target += [str(field.label), str(field.help_text or "")]
        for text in (form.consent_text, form.partner_consent_text):
            if text is not None and text.language == language:
                lines += [gettext("Your data"), text.body]
        return "\n".join(lines + agreements)

    def _render(self, request, form, consent, *, sent: bool = False, status: int = 200):
        context = self.get_context(request)
        context.update(form=form, consent=consent, partner_consent=form.partner_consent_text, sent=sent)
        if consent is not None and not sent and not getattr(request, "is_preview", False):
            language = get_language() or self.locale.language_code
            context["speech"] = speech_for(self.speech_text(form, language), language)
        return TemplateResponse(request, self.get_template(request), context, status=status)
