"""Forms of the coaching and exchange pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Cluster, Organisation

from .enums import ActionStatus, GoalsMet
from .models import Engagement, ExchangeOffer, Scheme, SchemeStep, VisitReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def coaches():
    """Users who may coach: trainers, coordinators and cluster managers."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_trainer=True) | Q(is_coordinator=True) | Q(managed_clusters__isnull=False),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def cluster_managers():
    return (
        get_user_model()
        .objects.filter(managed_clusters__isnull=False, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["title", "summary", "audience", "language"]
        widgets = {"summary": forms.Textarea({"rows": 3})}


class StepForm(forms.ModelForm):
    class Meta:
        model = SchemeStep
        fields = ["title", "purpose", "typical_duration", "tools", "outputs"]
        widgets = {
            "purpose": forms.Textarea({"rows": 2}),
            "tools": forms.Textarea({"rows": 2}),
            "outputs": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty step is dropped; the service says what a half-filled one lacks.
        for field in self.fields.values():
            field.required = False


StepFormSet = forms.formset_factory(StepForm, extra=2, max_num=30, validate_max=True)


def step_rows(formset) -> list[dict]:
    """The filled-in steps of the formset, in order (blank rows are skipped)."""
    return [
        f.cleaned_data
        for f in formset.forms
        if any(str(v).strip() for v in (f.cleaned_data or {}).values())
    ]


class EngagementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.order_by("title"), label=_("Scheme"), required=False
    )
    coach = UserChoiceField(queryset=get_user_model().objects.none(), label=_("Coach"))
    coachee = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Coachee: a cluster manager"),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("…or an SME of your cluster"),
        required=False,
    )
    cluster = forms.ModelChoiceField(
        queryset=Cluster.objects.none(),
        label=_("Arranging cluster (for an SME)"),
        required=False,
    )
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea({"rows": 3}), max_length=4000, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Engagement._meta.get_field("language").choices, initial="en"
    )
    started_on = forms.DateField(label=_("Started on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()
        self.fields["coachee"].queryset = cluster_managers().exclude(pk=user.pk)
        managed = Cluster.objects.filter(managers=user).order_by("name")
        self.fields["cluster"].queryset = managed
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(memberships__cluster__in=managed)
            .exclude(memberships__status=MembershipStatus.LEFT)
            .distinct()
            .order_by("name")
        )
        self.initial.setdefault("coach", user.pk)
        if managed.count() == 1:
            self.initial.setdefault("cluster", managed.first().pk)

    def clean(self):
        data = super().clean()
        if data.get("coachee") and data.get("organisation"):
            self.add_error("organisation", _("Choose either a cluster manager or an SME."))
        elif not data.get("coachee") and not data.get("organisation"):
            self.add_error("coachee", _("Choose a cluster manager or an SME."))
        if not data.get("organisation"):
            data["cluster"] = None
        return data


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440, required=False
    )
    notes = forms.CharField(
        label=_("Notes (only you and your coachee/coach see them)"),
        widget=forms.Textarea({"rows": 5}),
        max_length=20000,
        required=False,
    )
    action_text = forms.CharField(label=_("Agreed action"), max_length=500, required=False)
    action_due = forms.DateField(label=_("Action due"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action_text") and not data.get("action_due"):
            self.add_error("action_due", _("Give the action a due date."))
        return data


class SessionNotesForm(forms.Form):
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea({"rows": 8}), max_length=20000, required=False
    )


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Agreed action"), max_length=500)
    due_on = forms.DateField(label=_("Due"), widget=DATE)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class StepCompleteForm(forms.Form):
    output = forms.CharField(
        label=_("Output of this step"), widget=forms.Textarea({"rows": 3}), max_length=4000
    )


class CloseForm(forms.Form):
    outcomes = forms.CharField(
        label=_("Outcomes"), widget=forms.Textarea({"rows": 4}), max_length=4000
    )
    goals_met = forms.ChoiceField(label=_("Goals met"), choices=GoalsMet.choices)
    next_steps = forms.CharField(
        label=_("What happens next"),
        widget=forms.Textarea({"rows": 2}),
        max_length=4000,
        required=False,
    )


class OfferForm(forms.ModelForm):
    class Meta:
        model = ExchangeOffer
        fields = [
            "host_cluster",
            "kind",
            "title",
            "topics",
            "description",
            "language",
            "starts_on",
            "ends_on",
            "capacity",
            "status",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea({"rows": 4}),
        }
        help_texts = {"capacity": _("A peer exchange hosts one visitor.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_cluster"].queryset = Cluster.objects.filter(managers=user).order_by(
            "name"
        )
        if self.instance.pk:
            self.fields["host_cluster"].disabled = True


class StopForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    time = forms.TimeField(label=_("Time"), widget=TIME, required=False)
    place = forms.CharField(label=_("Place"), max_length=200)
    what = forms.CharField(
        label=_("What you will see"), widget=forms.Textarea({"rows": 2}), required=False
    )


class ApplicationForm(forms.Form):
    applicant_cluster = forms.ModelChoiceField(
        queryset=Cluster.objects.none(), label=_("Your cluster")
    )
    learning_goals = forms.CharField(
        label=_("Learning goals"), widget=forms.Textarea({"rows": 4}), max_length=4000
    )

    def __init__(self, *args, user, offer: ExchangeOffer, **kwargs):
        super().__init__(*args, **kwargs)
        own = Cluster.objects.filter(managers=user).exclude(pk=offer.host_cluster_id)
        self.fields["applicant_cluster"].queryset = own.order_by("name")
        if own.count() == 1:
            self.initial.setdefault("applicant_cluster", own.first().pk)


class ReportForm(forms.ModelForm):
    class Meta:
        model = VisitReport
        fields = ["saw", "will_try", "language"]
        widgets = {
            "saw": forms.Textarea({"rows": 6}),
            "will_try": forms.Textarea({"rows": 5}),
        }
