"""Forms of the registry pages; they validate input and hand clean data to services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ConsentPurpose, MembershipStatus, ServiceKind
from .models import (
    Capability,
    Cluster,
    Contact,
    Country,
    Language,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
)


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("Website"))
    sectors = forms.ModelMultipleChoiceField(
        queryset=NaceSector.objects.filter(level=4, version="2"),
        required=False,
        label=_("NACE sectors (classes)"),
    )
    capabilities_offered = forms.ModelMultipleChoiceField(
        queryset=Capability.objects.all(), required=False, label=_("Capabilities offered")
    )
    capabilities_sought = forms.ModelMultipleChoiceField(
        queryset=Capability.objects.all(), required=False, label=_("Capabilities sought")
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(), required=False, label=_("Languages spoken")
    )
    export_markets = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), required=False, label=_("Export markets")
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "region",
            "city",
            "size_band",
            "founded_year",
            "website",
            "description",
            "description_language",
            "visibility",
            "sectors",
            "capabilities_offered",
            "capabilities_sought",
            "languages",
            "export_markets",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = NutsRegion.objects.select_related("country")
        self.fields["country"].queryset = Country.objects.all()

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year and not 1500 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year between 1500 and this year."))
        return year

    def clean(self):
        data = super().clean()
        region, country = data.get("region"), data.get("country")
        if region and country and region.country_id != country.pk:
            self.add_error("region", _("The region is not in the chosen country."))
        return data

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ClusterForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("Website"))
    sectors = forms.ModelMultipleChoiceField(
        queryset=NaceSector.objects.filter(level__in=[2, 3, 4], version="2"),
        required=False,
        label=_("Sectors"),
    )
    regions = forms.ModelMultipleChoiceField(
        queryset=NutsRegion.objects.filter(level__in=[1, 2, 3]),
        required=False,
        label=_("Regions"),
    )

    class Meta:
        model = Cluster
        fields = [
            "name",
            "kind",
            "country",
            "description",
            "description_language",
            "website",
            "founded_year",
            "sectors",
            "regions",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class LetterOfSupportForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Date"))
    commitment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, label=_("Commitment")
    )


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["status", "joined", "left"]
        widgets = {
            "joined": forms.DateInput(attrs={"type": "date"}),
            "left": forms.DateInput(attrs={"type": "date"}),
        }


class NewMemberForm(OrganisationForm):
    membership_status = forms.ChoiceField(
        choices=MembershipStatus.choices,
        initial=MembershipStatus.ACTIVE,
        label=_("Membership status"),
    )


class ContactForm(forms.ModelForm):
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.filter(is_working_language=True),
        required=False,
        label=_("Languages"),
    )
    consents = forms.MultipleChoiceField(
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Consent given for"),
    )
    consent_source = forms.CharField(
        required=False,
        max_length=200,
        label=_("How consent was given"),
        help_text=_("E.g. 'signed membership form, 2026-03-01'."),
    )

    class Meta:
        model = Contact
        fields = ["first_name", "last_name", "email", "phone", "role", "languages"]

    def clean(self):
        data = super().clean()
        if data.get("consents") and not data.get("consent_source"):
            self.add_error("consent_source", _("Say how the consent was given."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, label=_("Note")
    )


class ServiceRecordForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    kind = forms.ChoiceField(choices=ServiceKind.choices, label=_("Kind of service"))
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Date"))
    description = forms.CharField(max_length=300, required=False, label=_("Description"))

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(memberships__cluster=cluster)
            .exclude(memberships__cluster=cluster, memberships__status=MembershipStatus.LEFT)
            .order_by("name")
        )


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Member list (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class ImportMappingForm(forms.Form):
    """One select per importable field: which column of the file holds it."""

    def __init__(
        self,
        *args,
        headers: list[str],
        fields: list[tuple[str, str, bool]],
        initial_mapping: dict[str, str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(h, h) for h in headers]
        for name, label, required in fields:
            self.fields[name] = forms.ChoiceField(
                choices=choices,
                required=required,
                label=label,
                initial=initial_mapping.get(name, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if v}
