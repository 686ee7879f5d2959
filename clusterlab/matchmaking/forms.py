"""Forms of the matchmaking pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Capability, Country, NaceSector

from .enums import AgreementType, OutcomeStage
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


class IntroductionRequestForm(forms.Form):
    requester = forms.ModelChoiceField(queryset=None, label=_("On behalf of"))
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, label=_("Message")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = organisations
        if organisations.count() == 1:
            self.fields["requester"].initial = organisations.first()


class IntroductionAnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        label=_("Your answer (optional)"),
    )


class IntroductionOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[c for c in OutcomeStage.choices if c[0]], label=_("What came of it")
    )
    agreement_type = forms.ChoiceField(
        choices=[("", "—"), *AgreementType.choices], required=False, label=_("Kind of agreement")
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000, label=_("Notes")
    )
