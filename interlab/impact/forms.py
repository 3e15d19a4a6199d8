"""Forms of the impact pages: the dashboard's filters and what coaches record after launch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interlab.core.forms import QuickSelect
from interlab.core.money import AmountField
from interlab.crm import selectors as crm_selectors

from .models import EducationLevel, Financing, FollowUp


class PeriodForm(forms.Form):
    """Reporting period, programme and cohort of the figures; the choices are only what the user may see.

    Periods are whole months, quarters and years (impact.periods): no window of the reader's choosing.
    """

    period = forms.ChoiceField(label=_("period"), required=False, widget=QuickSelect)
    programme = forms.ModelChoiceField(
        label=_("programme"),
        queryset=crm_selectors.programmes_all().none(),
        required=False,
        empty_label=_("all my programmes"),
        widget=QuickSelect,
    )
    cohort = forms.ModelChoiceField(
        label=_("cohort"),
        queryset=crm_selectors.cohorts_all().none(),
        required=False,
        empty_label=_("all cohorts"),
        widget=QuickSelect,
    )

    def __init__(self, *args, periods=(), programmes=None, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        names = {"year": _("years"), "quarter": _("quarters"), "month": _("months")}
        for period in periods:
            groups.setdefault(period.kind, []).append((period.code, period.label))
        self.fields["period"].choices = [(str(names[kind]), choices) for kind, choices in groups.items()]
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        if cohorts is not None:
            self.fields["cohort"].queryset = cohorts


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["months_after_launch", "checked_on", "operating", "jobs_full_time", "jobs_part_time"]
        widgets = {"checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FinancingForm(forms.ModelForm):
    # Typed as people write euros ("12 000", "12.000,50"); "12.000" (thousands or cents?) is refused, not guessed.
    amount = AmountField(label=_("amount (EUR)"))

    class Meta:
        model = Financing
        fields = ["source", "amount", "obtained_on"]
        widgets = {"obtained_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class EducationForm(forms.Form):
    education_level = forms.ChoiceField(
        label=_("education level"), choices=[("", _("not stated")), *EducationLevel.choices], required=False
    )
