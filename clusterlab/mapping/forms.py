"""Forms of the mapping pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_UPLOAD_BYTES


class EmploymentUploadForm(forms.Form):
    file = forms.FileField(label=_("Statistics file (CSV, TSV or XLSX)"))
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=300,
        help_text=_("E.g. Eurostat sbs_r_nuts2021, extracted 2026-03-01."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".tsv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv, .tsv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
