"""Forms of the analytics pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["metric", "value", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        labels = {"value": _("Target value")}
