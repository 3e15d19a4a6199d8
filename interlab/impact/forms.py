"""Forms of the impact pages: the dashboard's filters and what coaches record after launch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interlab.crm import selectors as crm_selectors

from .models import EducationLevel, Financing, FollowUp

MAX_SPAN_DAYS = 366 * 20


class PeriodForm(forms.Form):
    """Period, programme and cohort of the figures; the choices are only what the user may see."""

    start = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    programme = forms.ModelChoiceField(
        label=_("programme"),
        queryset=crm_selectors.programmes_all().none(),
        required=False,
        empty_label=_("all my programmes"),
    )
    cohort = forms.ModelChoiceField(
        label=_("cohort"), queryset=crm_selectors.cohorts_all().none(), required=False, empty_label=_("all cohorts")
    )

    def __init__(self, *args, programmes=None, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        if cohorts is not None:
            self.fields["cohort"].queryset = cohorts

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period must come before its end."))
        if start and end and (end - start).days > MAX_SPAN_DAYS:
            raise forms.ValidationError(_("Choose a period of at most twenty years."))
        return data


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["months_after_launch", "checked_on", "operating", "jobs_full_time", "jobs_part_time"]
        widgets = {"checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FinancingForm(forms.ModelForm):
    class Meta:
        model = Financing
        fields = ["source", "amount", "obtained_on"]
        widgets = {"obtained_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class EducationForm(forms.Form):
    education_level = forms.ChoiceField(
        label=_("education level"), choices=[("", _("not stated")), *EducationLevel.choices], required=False
    )
