"""Forms of the dossier pages: eligibility, content sections, financial plan, checklist items, annexes, status."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interlab.core.countries import country_choices
from interlab.core.money import AmountField

from . import finance
from .finance import FORECAST_FIELDS, SourceKind
from .models import Exemption, ItemState, Status
from .services import INTEREST_CRITERIA, STATUS_DETAILS, TEXT_LIMIT

NONE_APPLIES = "none"


class EligibilityForm(forms.Form):
    project = forms.ModelChoiceField(queryset=None, label=_("Project"), empty_label=None)
    answer = forms.ChoiceField(
        label=_("Which of these describes your situation?"),
        widget=forms.RadioSelect,
        help_text=_("Choose the first that applies. Your answer stays between you and your coach."),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        if projects.count() == 1:
            self.fields["project"].initial = projects.first()
            self.fields["project"].widget = forms.HiddenInput()
        choices = [(e.key, e.display_label()) for e in Exemption.objects.filter(active=True)]
        choices.append((NONE_APPLIES, _("None of these (for instance a limited residence permit)")))
        self.fields["answer"].choices = choices

    def exemption(self) -> Exemption | None:
        answer = self.cleaned_data["answer"]
        return None if answer == NONE_APPLIES else Exemption.objects.get(key=answer)


def _textarea(label, help_text="", rows=8):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class IdentitySectionForm(forms.Form):
    """The applicant's identity block of the application: what the form for the administration asks."""

    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Street, number, postcode and commune, as on the residence document."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", _("not given")), *country_choices()]

    def to_service(self) -> dict:
        data = self.cleaned_data
        return {"nationality": data["nationality"], "birth_date": data["birth_date"], "address": data["address"]}


class ProjectSectionForm(forms.Form):
    project_summary = _textarea(_("The project"), _("What you will do, for whom, how."))
    market = _textarea(_("Market and customers"), _("Who buys, competitors, prices, where you will sell."))


class PlanSectionForm(forms.Form):
    business_plan = _textarea(
        _("Business plan summary"), _("The key points of your business plan (Brussels accepts up to 20 pages)."), 14
    )


class InterestSectionForm(forms.Form):
    jobs_planned = forms.IntegerField(
        label=_("Jobs planned within 3 years"), required=False, min_value=0, max_value=10_000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in INTEREST_CRITERIA:
            self.fields[f"interest_{key}"] = _textarea(label, rows=4)

    def to_service(self) -> dict:
        data = self.cleaned_data
        out = {"interest": {key: data.get(f"interest_{key}") or "" for key, _label in INTEREST_CRITERIA}}
        if data.get("jobs_planned") is not None:
            out["jobs_planned"] = data["jobs_planned"]
        return out


class FinanceForm(forms.Form):
    """Rows of needs and of financing, and three forecast years; totals are computed, never typed."""

    def __init__(self, *args, plan: dict | None = None, **kwargs):
        plan = plan or finance.empty()
        uses, sources = plan.get("uses") or [], plan.get("sources") or []
        data = kwargs.get("data") if "data" in kwargs else (args[0] if args else None)
        self.use_rows = max(len(uses) + 2, 5)
        self.source_rows = max(len(sources) + 2, 5)
        if data is not None:
            self.use_rows = min(finance.MAX_ROWS, max(self.use_rows, _count(data, "use_label_")))
            self.source_rows = min(finance.MAX_ROWS, max(self.source_rows, _count(data, "source_label_")))
        super().__init__(*args, **kwargs)
        for i in range(self.use_rows):
            row = uses[i] if i < len(uses) else {}
            self.fields[f"use_label_{i}"] = forms.CharField(
                label=_("Need"), required=False, max_length=200, initial=row.get("label", "")
            )
            self.fields[f"use_amount_{i}"] = AmountField(
                label=_("Amount (EUR)"), required=False, initial=row.get("amount", "")
            )
        for i in range(self.source_rows):
            row = sources[i] if i < len(sources) else {}
            self.fields[f"source_kind_{i}"] = forms.ChoiceField(
                label=_("Source"),
                required=False,
                choices=SourceKind.choices,
                initial=row.get("kind", SourceKind.OWN_FUNDS),
            )
            self.fields[f"source_label_{i}"] = forms.CharField(
                label=_("Detail"), required=False, max_length=200, initial=row.get("label", "")
            )
            self.fields[f"source_amount_{i}"] = AmountField(
                label=_("Amount (EUR)"), required=False, initial=row.get("amount", "")
            )
        years = {y.get("year"): y for y in plan.get("forecast") or []}
        labels = {"revenue": _("Revenue"), "costs": _("Costs"), "founder_income": _("Founder's own pay")}
        for year in range(1, finance.YEARS + 1):
            for name in FORECAST_FIELDS:
                self.fields[f"y{year}_{name}"] = AmountField(
                    label=labels[name], required=False, initial=years.get(year, {}).get(name, "")
                )

    def use_fields(self):
        return [(self[f"use_label_{i}"], self[f"use_amount_{i}"]) for i in range(self.use_rows)]

    def source_fields(self):
        return [
            (self[f"source_kind_{i}"], self[f"source_label_{i}"], self[f"source_amount_{i}"])
            for i in range(self.source_rows)
        ]

    def forecast_fields(self):
        return [(name, [self[f"y{year}_{name}"] for year in range(1, finance.YEARS + 1)]) for name in FORECAST_FIELDS]

    def plan(self) -> dict:
        data = self.cleaned_data
        return {
            "uses": [
                {"label": data[f"use_label_{i}"], "amount": data[f"use_amount_{i}"]} for i in range(self.use_rows)
            ],
            "sources": [
                {
                    "kind": data[f"source_kind_{i}"] or SourceKind.OTHER,
                    "label": data[f"source_label_{i}"],
                    "amount": data[f"source_amount_{i}"],
                }
                for i in range(self.source_rows)
            ],
            "forecast": [
                {name: data[f"y{year}_{name}"] for name in FORECAST_FIELDS} for year in range(1, finance.YEARS + 1)
            ],
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:  # an amount that could not be read is already said beside its box
            return cleaned
        try:
            self.normalised = finance.normalise(self.plan())
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                field = self._field_for(key)
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    def _field_for(self, key: str) -> str | None:
        """The box a message of finance.normalise is about ("finance.uses.2.label" → use_label_2), if any."""
        parts = key.split(".")
        if len(parts) != 4 or parts[0] != "finance" or not parts[2].isdecimal():
            return None
        table, row, name = parts[1], int(parts[2]), parts[3]
        field = f"y{row + 1}_{name}" if table == "forecast" else f"{table.removesuffix('s')}_{name}_{row}"
        return field if field in self.fields else None


def _count(data, prefix: str) -> int:
    return len([k for k in data if str(k).startswith(prefix)])


class ItemForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=ItemState.choices)
    document_date = forms.DateField(
        label=_("Date of the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            self.fields["state"].choices = [
                (k, v) for k, v in ItemState.choices if k in (ItemState.MISSING, ItemState.PROVIDED)
            ]


class AnnexForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    item = forms.ChoiceField(label=_("Checklist item"), required=False)

    def __init__(self, *args, items: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            ("", _("— not linked to an item —")),
            *[(line.key, line.label) for line in items],
        ]


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    submitted_on = forms.DateField(
        label=_("Submitted on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    guichet = forms.CharField(label=_("Guichet d'entreprises"), required=False, max_length=120)
    forwarded_on = forms.DateField(
        label=_("Forwarded on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    info_requested = forms.CharField(
        label=_("Information requested"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
    )
    inadmissible_reason = forms.CharField(
        label=_("Reason for inadmissibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
    )
    card_number = forms.CharField(label=_("Card number"), required=False, max_length=40)
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusal"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LIMIT
    )
    appeal_deadline = forms.DateField(
        label=_("Appeal deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closed_on = forms.DateField(
        label=_("Closed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["to"].choices = [(s, labels[s]) for s in allowed]

    def details(self) -> dict:
        names = STATUS_DETAILS.get(self.cleaned_data["to"], ())
        return {name: self.cleaned_data.get(name) for name in names if self.cleaned_data.get(name) not in (None, "")}
