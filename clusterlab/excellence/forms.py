"""Forms of the self-assessment: a new assessment, and the manager's answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .indicators import MANUAL, NUMBER, YES_NO
from .models import AssessmentStatus


class AssessmentForm(forms.Form):
    cluster = forms.ModelChoiceField(queryset=None, label=_("Cluster"), to_field_name="slug")
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class AnswersForm(forms.Form):
    """One answer and one comment per question the platform cannot compute."""

    completed = forms.BooleanField(label=_("The assessment is complete"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in MANUAL:
            if indicator.unit == YES_NO:
                value = forms.ChoiceField(
                    choices=[("", "–"), ("yes", _("Yes")), ("no", _("No"))], required=False
                )
            elif indicator.unit == NUMBER:
                value = forms.DecimalField(
                    min_value=0, max_digits=14, decimal_places=2, required=False
                )
            else:
                value = forms.CharField(max_length=300, required=False)
            value.label = indicator.label
            self.fields[f"value_{indicator.code}"] = value
            self.fields[f"comment_{indicator.code}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            i.code: (
                "" if data.get(f"value_{i.code}") is None else str(data[f"value_{i.code}"]),
                data.get(f"comment_{i.code}", ""),
            )
            for i in MANUAL
        }

    def status(self) -> str:
        completed = self.cleaned_data.get("completed")
        return AssessmentStatus.COMPLETED if completed else AssessmentStatus.DRAFT
