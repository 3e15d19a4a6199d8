"""Forms of the coach's workspace and the entrepreneur's space. They validate input; services write."""

import re

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from interlab.core.forms import QuickSelect
from interlab.core.languages import language_name
from interlab.core.models import User

from .models import (
    Cohort,
    DocumentRequest,
    Entrepreneur,
    Interaction,
    Need,
    Partner,
    Programme,
    Project,
    Referral,
    ResidenceSituation,
    Stage,
    Task,
)

LANGUAGE_ITEM = re.compile(r"^([a-z]{2})(?:\s*[:(]\s*([a-c][12]|native)\s*\)?)?$", re.IGNORECASE)


def parse_languages(raw: str) -> list[dict]:
    """ "ar:native, fr:B1, en" → [{"code": "ar", "level": "native"}, …]; raises ValidationError on junk."""
    items = []
    for part in re.split(r"[,;/]+", raw or ""):
        part = part.strip()
        if not part:
            continue
        match = LANGUAGE_ITEM.match(part)
        if not match:
            raise forms.ValidationError(
                _(
                    "“%(item)s” is not understood. Write two-letter codes with an optional level, e.g. “ar:native, fr:B1”."
                ),
                params={"item": part},
            )
        level = (match.group(2) or "").upper()
        items.append({"code": match.group(1).lower(), "level": "native" if level == "NATIVE" else level})
    return items


def format_languages(entrepreneur: Entrepreneur) -> str:
    return ", ".join(f"{sl.code}:{sl.level}" if sl.level else sl.code for sl in entrepreneur.spoken_languages.all())


class EntrepreneurForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("languages"),
        required=False,
        help_text=_("Two-letter codes with an optional level (A1–C2, native), e.g. “ar:native, fr:B1”."),
    )
    needs = forms.MultipleChoiceField(
        label=_("needs"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Entrepreneur
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "languages",
            "commune",
            "arrival_year",
            "birth_year",
            "gender",
            "skills",
            "needs",
        ]
        widgets = {"skills": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["languages"].initial = format_languages(self.instance)

    def clean_languages(self):
        return parse_languages(self.cleaned_data.get("languages", ""))

    def clean_first_name(self):
        value = (self.cleaned_data.get("first_name") or "").strip()
        if not value:
            raise forms.ValidationError(_("The first name is required."))
        return value


class EntrepreneurCreateForm(EntrepreneurForm):
    project_title = forms.CharField(
        label=_("project title"), max_length=200, required=False, help_text=_("Starts the project in the intake stage.")
    )


class SensitiveForm(forms.Form):
    country_of_origin = forms.CharField(label=_("country of origin"), max_length=80, required=False)
    residence_situation = forms.ChoiceField(
        label=_("residence situation"), choices=[("", "—"), *ResidenceSituation.choices], required=False
    )
    residence_valid_until = forms.DateField(
        label=_("residence document valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "sector",
            "nace_code",
            "legal_form",
            "coach",
            "cohort",
            "programme",
            "enterprise_number",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = User.objects.coaches()


class MoveForm(forms.Form):
    to_stage = forms.ModelChoiceField(label=_("move to"), queryset=Stage.objects.none(), empty_label=None)
    reason = forms.CharField(
        label=_("reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        stage = project.stage
        allowed = set(stage.next_stages.values_list("pk", flat=True))
        if not stage.is_exit:
            allowed |= set(Stage.objects.filter(is_exit=True).values_list("pk", flat=True))
        self.fields["to_stage"].queryset = Stage.objects.filter(pk__in=allowed).order_by("is_exit", "order")


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["kind", "occurred_at", "duration_minutes", "note", "is_private", "project"]
        widgets = {
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, entrepreneur: Entrepreneur, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = entrepreneur.projects.all()
        self.fields["project"].required = False


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "description", "due_date", "assignee", "for_entrepreneur", "project"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, entrepreneur: Entrepreneur, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = entrepreneur.projects.all()
        self.fields["project"].required = False
        self.fields["assignee"].queryset = User.objects.coaches()
        self.fields["assignee"].required = False


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["partner", "direction", "purpose", "referred_on", "outcome", "note"]
        widgets = {
            "referred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.all()


class DocumentRequestForm(forms.ModelForm):
    class Meta:
        model = DocumentRequest
        fields = ["title", "note", "due_date", "residence_document"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("file"),
        help_text=format_lazy(_("PDF, JPEG or PNG, at most {mb} MB."), mb=settings.UPLOAD_MAX_BYTES // 1048576),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    is_shared = forms.BooleanField(label=_("visible to the entrepreneur"), required=False, initial=True)
    residence_document = forms.BooleanField(
        label=_("residence document"),
        required=False,
        help_text=_(
            "A residence permit or a foreigner's card: its downloads are logged and it is deleted with the "
            "residence situation."
        ),
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "One person per row. Columns: first_name, last_name, email, phone, commune, languages, needs, "
            "arrival_year, project_title (French headings work too)."
        ),
    )


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=200)
    coach = forms.ModelChoiceField(label=_("coach"), queryset=User.objects.none(), required=False, widget=QuickSelect)
    cohort = forms.ModelChoiceField(
        label=_("cohort"), queryset=Cohort.objects.all(), required=False, widget=QuickSelect
    )
    programme = forms.ModelChoiceField(
        label=_("programme"), queryset=Programme.objects.all(), required=False, widget=QuickSelect
    )
    sector = forms.ChoiceField(label=_("sector"), required=False, widget=QuickSelect)
    language = forms.ChoiceField(label=_("language"), required=False, widget=QuickSelect)
    stalled = forms.BooleanField(label=_("stalled only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = User.objects.coaches()
        sectors = Project.objects.exclude(sector="").order_by("sector").values_list("sector", flat=True).distinct()
        self.fields["sector"].choices = [("", "—"), *((s, s) for s in sectors[:200])]
        codes = [code for code, _name in settings.LANGUAGES] + [
            "ar",
            "tr",
            "ps",
            "fa",
            "ti",
            "so",
            "ru",
            "pt",
            "de",
            "it",
        ]
        # Languages by their name in the reader's language, in that language's alphabetical order.
        named = sorted(((c, language_name(c)) for c in dict.fromkeys(codes)), key=lambda pair: pair[1].casefold())
        self.fields["language"].choices = [("", "—"), *named]


class ReferralAnswerForm(forms.Form):
    """A partner organisation's answer to a referral: what came of it, when, and a word for the coach."""

    ANSWERS = [
        ("accepted", _("accepted: we take it up")),
        ("declined", _("declined")),
        ("done", _("done: the support took place")),
    ]

    status = forms.ChoiceField(label=_("Your answer"), choices=ANSWERS, widget=forms.RadioSelect)
    date = forms.DateField(
        label=_("Date of the outcome"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today when left empty."),
    )
    note = forms.CharField(
        label=_("Note for the coach"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words: next appointment, what is missing, why it was declined."),
    )

    def __init__(self, *args, allowed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if allowed:
            self.fields["status"].choices = [(key, label) for key, label in self.ANSWERS if key in allowed]


class PartnerConsentForm(forms.Form):
    agreed = forms.BooleanField(
        label=_("The person read this text, or had it read to them, and agrees."),
        error_messages={"required": _("Tick the box only once the person has agreed.")},
    )


class BulkActionForm(forms.Form):
    """What to do to the projects picked on the board or the list; the button pressed names the action."""

    ACTIONS = ("coach", "move", "cohort", "csv", "xlsx")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    coach = forms.ModelChoiceField(label=_("coach"), queryset=User.objects.none(), required=False, widget=QuickSelect)
    to_stage = forms.ModelChoiceField(
        label=_("move to"), queryset=Stage.objects.all(), required=False, widget=QuickSelect
    )
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)
    cohort = forms.ModelChoiceField(
        label=_("cohort"), queryset=Cohort.objects.all(), required=False, widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = User.objects.coaches()
        self.fields["to_stage"].queryset = Stage.objects.order_by("is_exit", "order", "id")

    def clean(self):
        data = super().clean()
        needed = {"coach": "coach", "move": "to_stage", "cohort": "cohort"}.get(data.get("action", ""))
        if needed and not data.get(needed):
            self.add_error(
                needed,
                {
                    "coach": _("Choose the coach to assign."),
                    "to_stage": _("Choose the stage to move to."),
                    "cohort": _("Choose the cohort."),
                }[needed],
            )
        return data
