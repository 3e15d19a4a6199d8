"""Forms of the mentoring pages. They validate input; services write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interlab.crm.models import Programme

from .model import BLOCKS, DEFAULT_WEIGHTS
from .models import RunMode

BLOCK_LABELS = {
    "expertise": _("needs ↔ expertise"),
    "sector": _("same sector"),
    "goals": _("goals ↔ experience"),
    "languages": _("shared languages"),
    "complementarity": _("local × newcomer"),
    "place": _("place and meeting mode"),
    "availability": _("availability"),
}


class RunForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.all(), required=False, label=_("programme"), empty_label=_("all programmes")
    )
    mode = forms.ChoiceField(choices=RunMode.choices, initial=RunMode.OPTIMAL, label=_("mode"))
    seed = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        initial=0,
        label=_("seed"),
        help_text=_("The same seed on the same data gives the same pairs."),
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.IntegerField(label=_("duration (minutes)"), min_value=1, max_value=600, initial=60)
    note = forms.CharField(
        label=_("what you worked on"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session is logged once it took place."))
        return held_on


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("satisfaction"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1: not at all satisfied — 5: very satisfied"),
    )
    comment = forms.CharField(
        label=_("comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in BLOCKS:
            self.fields[key] = forms.FloatField(
                label=BLOCK_LABELS[key], min_value=0, max_value=100, initial=DEFAULT_WEIGHTS[key]
            )
