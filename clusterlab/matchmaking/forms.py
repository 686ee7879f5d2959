"""Forms of the matchmaking pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Capability, Country, NaceSector

from .models import CooperationProfile


class CooperationProfileForm(forms.ModelForm):
    capabilities = forms.ModelMultipleChoiceField(
        queryset=Capability.objects.all(),
        required=False,
        label=_("Capabilities offered or sought"),
    )
    sectors_sought = forms.ModelMultipleChoiceField(
        queryset=NaceSector.objects.filter(level__in=[2, 4], version="2"),
        required=False,
        label=_("Sectors sought"),
    )
    target_countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), required=False, label=_("Target countries")
    )
    publish = forms.BooleanField(required=False, label=_("Publish now"))

    class Meta:
        model = CooperationProfile
        fields = [
            "kind",
            "profile_type",
            "title",
            "description",
            "language",
            "capabilities",
            "sectors_sought",
            "target_countries",
            "deadline",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }
