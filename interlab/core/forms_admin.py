"""Forms of the core admin pages: the read-log filters and the retention run confirmation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import User


class ReadLogFilterForm(forms.Form):
    person = forms.IntegerField(label=_("person (file number)"), required=False, min_value=1, max_value=2**62)
    reader = forms.ModelChoiceField(label=_("read by"), queryset=User.objects.none(), required=False)
    field = forms.ChoiceField(label=_("field"), required=False)
    since = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, readers, field_labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reader"].queryset = readers
        self.fields["field"].choices = [("", _("any field")), *field_labels.items()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        for name in ("since", "until"):
            # Year 1 or 9999 would overflow once turned into a time zone aware instant.
            if data.get(name) and not 1900 <= data[name].year <= 2999:
                self.add_error(name, _("Choose a date between 1900 and 2999."))
        if since and until and since > until:
            raise ValidationError(_("The start of the period is after its end."))
        return data


class RetentionRunConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this erases and deletes data now, for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
