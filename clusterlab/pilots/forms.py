"""Forms of the pilot pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, Contact, Organisation

from .enums import Group, Phase
from .models import Indicator, Lesson, Milestone, Pilot

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(forms.ModelForm):
    partner_clusters = forms.ModelMultipleChoiceField(
        queryset=Cluster.objects.order_by("name"), required=False, label=_("Partner clusters")
    )

    class Meta:
        model = Pilot
        fields = [
            "code",
            "title",
            "lead_cluster",
            "partner_clusters",
            "is_cross_sectoral",
            "is_international",
            "is_social_community",
            "instrument",
            "hypothesis",
            "target_group",
            "description",
            "language",
            "starts_on",
            "ends_on",
            "status",
            "budget_eur",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "hypothesis": forms.Textarea({"rows": 2}),
            "description": forms.Textarea({"rows": 4}),
        }
        help_texts = {
            "hypothesis": _(
                "What should happen, to whom, by when: e.g. firms that get a design voucher "
                "launch a new product more often within 12 months."
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_cluster"].queryset = Cluster.objects.managed_by(user).order_by("name")
        if self.instance.pk:
            self.initial["partner_clusters"] = list(self.instance.partner_clusters.all())

    def pilot_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partner_clusters", None)
        return data


class ParticipantForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), required=False, label=_("Contact person (optional)")
    )

    def __init__(self, *args, organisations, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["contact"].queryset = contacts


class RandomiseForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed (optional)"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The same seed and participants give the same draw; empty picks one."),
    )


class GroupForm(forms.Form):
    group = forms.ChoiceField(choices=Group.choices, label=_("Group"), required=False)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "target",
            "method",
            "question_code",
            "platform_metric",
        ]


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["what", "for_whom", "evidence", "evidence_level"]
        widgets = {"what": forms.Textarea({"rows": 2}), "evidence": forms.Textarea({"rows": 2})}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class SurveySendForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices, label=_("Phase"))
    survey = forms.ModelChoiceField(queryset=None, label=_("Survey"))

    def __init__(self, *args, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = surveys


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices, label=_("Phase"))


def measurement_form(grid, data=None) -> forms.Form:
    """One number field per participant, named p_<participant id>."""
    form = forms.Form(data)
    for participant, value in grid:
        form.fields[f"p_{participant.pk}"] = forms.FloatField(
            required=False, label=str(participant.organisation), initial=value
        )
    return form
