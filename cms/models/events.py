"""Events and workshops with registration; attendance reaches the CRM timeline through cms.services."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms import ratelimit
from cms.blocks import BodyBlock
from cms.forms import HONEYPOT, OTHER_LANGUAGE, EventRegistrationForm
from interlab.core.languages import is_language_code, language_name
from interlab.core.sms import normalise_phone

from .base import PublicPageMixin


class EventIndexPage(PublicPageMixin, Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of events")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public()
        now = timezone.now()
        context["upcoming"] = events.filter(starts_at__gte=now).order_by("starts_at")
        context["past"] = events.filter(starts_at__lt=now).order_by("-starts_at")[:6]
        return context


class EventPage(PublicPageMixin, Page):
    """A workshop, information session or meeting people can register for."""

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    summary = models.CharField(_("in one sentence"), max_length=300)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit. Counts registrations in every language.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("address"),
            ],
            heading=_("when and where"),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("registration_open"), FieldPanel("capacity")], heading=_("registration")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("starts_at", "ends_at"):
            value = getattr(self, name)
            # Far years cannot be converted between Brussels time and UTC (year 1, year 9999): refused here.
            if value is not None and not 2000 <= value.year <= 2999:
                errors[name] = _("Choose a date between the years 2000 and 2999.")
        if "ends_at" not in errors and self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The end comes before the start.")
        if errors:
            raise ValidationError(errors)

    def registrations_all_languages(self):
        return EventRegistration.objects.filter(event__translation_key=self.translation_key)

    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.registrations_all_languages().count())

    def accepts_registrations(self) -> bool:
        return self.registration_open and self.starts_at > timezone.now() and self.places_left() != 0

    def route(self, request, path_components):
        # The staff's attendance sheet lives under the event (…/attendance/), no extra URL configuration.
        if path_components == ["attendance"] and self.live:
            return RouteResult(self, kwargs={"view": "attendance"})
        return super().route(request, path_components)

    def serve(self, request, *args, view: str = "", **kwargs):
        from cms import services  # the page is its own view; its services write its rows (a cycle by nature)

        if view == "attendance":
            return self.serve_attendance(request)
        if request.method != "POST":
            return self._render(request, EventRegistrationForm(), confirmation=self._confirmation(request.GET))
        form = EventRegistrationForm(request.POST)
        done = self.get_url(request) + "?registered=1"
        try:
            ratelimit.throttle(request, "event")
        except ratelimit.RateLimited as limited:
            form.errors  # noqa: B018 - validate first, so the person keeps what they typed alongside the message
            form.add_error(None, limited.message)
            return self._render(request, form, status=429)
        if request.POST.get(HONEYPOT):
            return redirect(done + "#registration")
        if not form.is_valid():
            return self._render(request, form)
        fields = form.registration_fields()
        try:
            by = request.user if request.user.is_authenticated else None
            services.event_register(event=self, by=by, **fields)
        except services.RegistrationRefused as refused:
            form.add_error(None, refused.message)
            return self._render(request, form)
        # The confirmation repeats what this form asked for, never what a registration found again holds: the
        # answer must not tell whether someone else already registered with this number or address.
        query = {"confirm": services.confirmation_channel(email=fields["email"], phone=fields["phone"])}
        if fields["interpreter_language"] or fields["interpreter_other"]:
            query["interpreter"] = fields["interpreter_language"] or OTHER_LANGUAGE
        return redirect(f"{done}&{urlencode(query)}#registration")

    @staticmethod
    def _confirmation(query) -> dict | None:
        """What the confirmation says, from the query string the registration redirected with (checked values
        only: the string is the visitor's to change)."""
        if query.get("registered") != "1":
            return None
        channel = query.get("confirm", "")
        interpreter = query.get("interpreter", "")
        return {
            "channel": channel if channel in ("email", "sms") else "",
            "interpreter": bool(interpreter) and (interpreter == OTHER_LANGUAGE or is_language_code(interpreter)),
            "interpreter_language": language_name(interpreter) if is_language_code(interpreter) else "",
        }

    def _render(self, request, form, *, confirmation: dict | None = None, status: int = 200):
        context = self.get_context(request)
        context.update(form=form, registered=confirmation is not None, confirmation=confirmation or {})
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def serve_attendance(self, request):
        """Coaches tick who came, and link a registration to a file when they know it is that person; each ticked
        registration linked to a file puts the workshop on its timeline."""
        from cms import selectors, services  # see serve()

        user = request.user
        if not (user.is_authenticated and user.is_staff_role):
            raise Http404("attendance")
        registrations = list(self.registrations_all_languages().select_related("entrepreneur", "event"))
        suggestions = selectors.registration_link_suggestions(registrations)
        if request.method == "POST":
            ticked = set(request.POST.getlist("attended"))
            for pk in set(request.POST.getlist("link")):
                registration = next((r for r in registrations if str(r.pk) == pk), None)
                if registration is not None and registration.pk in suggestions:
                    file = suggestions[registration.pk]
                    services.registration_link(registration=registration, by=user, entrepreneur=file)
            changed = 0
            for registration in registrations:
                attended = str(registration.pk) in ticked
                if attended != (registration.attended_at is not None):
                    services.registration_set_attended(registration=registration, by=user, attended=attended)
                    changed += 1
            messages.success(
                request,
                ngettext("%(n)d attendance saved.", "%(n)d attendances saved.", changed) % {"n": changed},
            )
            return redirect(self.get_url(request) + "attendance/")
        context = self.get_context(request)
        for registration in registrations:
            registration.suggested_file = suggestions.get(registration.pk)
        context["registrations"] = registrations
        context["interpreters"] = selectors.interpreters_asked_for(registrations)
        response = TemplateResponse(request, "cms/event_attendance.html", context)
        add_never_cache_headers(response)
        return response


def validate_language_code(value: str) -> None:
    if value and not is_language_code(value):
        raise ValidationError(_("This is not a language code."), code="language")


class EventRegistration(models.Model):
    """A person registered for an event, reachable by e-mail, by phone or both. Linked to a CRM file only by a
    verified link: registered while logged in as that person, or linked by a coach; never by the e-mail typed in
    the form."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The phone in E.164, written on save: one number typed two ways is still one registration.
    # Empty when `phone` is not a number the phone plan knows.
    phone_e164 = models.CharField(_("phone in international format"), max_length=16, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fr")
    interpreter_language = models.CharField(
        _("interpreter asked for, language"),
        max_length=2,
        blank=True,
        validators=[validate_language_code],
        help_text=_("Empty: no interpreter asked for, or a language without a code (written below)."),
    )
    interpreter_other = models.CharField(_("interpreter asked for, language as written"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    entrepreneur = models.ForeignKey(
        "crm.Entrepreneur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("entrepreneur"),
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    interaction = models.OneToOneField(
        "crm.Interaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint("event", Lower("email"), condition=~Q(email=""), name="event_registration_once"),
            models.UniqueConstraint(
                fields=["event", "phone_e164"], condition=~Q(phone_e164=""), name="event_registration_once_by_phone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # A save of other fields leaves the copy alone: a registration kept from before the phone counted may
        # share its number with an earlier one (the migration left its copy empty) and must still save.
        if update_fields is None or "phone" in update_fields:
            self.phone_e164 = normalise_phone(self.phone) or ""
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "phone_e164"}
        super().save(*args, **kwargs)

    @property
    def wants_interpreter(self) -> bool:
        return bool(self.interpreter_language or self.interpreter_other)

    def interpreter_display(self) -> str:
        """The language asked for, in words in the reader's language ("Arabic", "arabe"); "" when none."""
        if self.interpreter_language:
            return language_name(self.interpreter_language)
        return self.interpreter_other
