"""Forms of the training pages (the services validate again)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster

from .enums import LEVELS, RaterRole
from .models import Competence, Programme, Session, TrainingModule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_CHOICES = [(n, str(n)) for n in LEVELS]


class CompetenceForm(forms.Form):
    """The texts of one competence in one language, and its expected level."""

    code = forms.SlugField(label=_("Code"), max_length=60, required=False)
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 2})
    )
    level_1 = forms.CharField(label=_("Level 1"), required=False, max_length=1000)
    level_2 = forms.CharField(label=_("Level 2"), required=False, max_length=1000)
    level_3 = forms.CharField(label=_("Level 3"), required=False, max_length=1000)
    level_4 = forms.CharField(label=_("Level 4"), required=False, max_length=1000)
    level_5 = forms.CharField(label=_("Level 5"), required=False, max_length=1000)
    expected_level = forms.TypedChoiceField(
        label=_("Expected level"), choices=LEVEL_CHOICES, coerce=int, initial=3
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def data_for_service(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "description": d["description"],
            "levels": [d[f"level_{n}"] for n in LEVELS],
            "expected_level": d["expected_level"],
            "is_active": d["is_active"],
        }


class ModuleForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingModule
        fields = ["title", "summary", "competences", "format", "duration_hours", "languages"]
        widgets = {
            "summary": forms.Textarea({"rows": 3}),
            "competences": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = Competence.objects.filter(is_active=True)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "summary", "cluster", "language", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "summary": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        clusters = Cluster.objects.order_by("name")
        if not (user.is_coordinator or user.is_trainer):
            clusters = clusters.filter(managers=user)
        self.fields["cluster"].queryset = clusters


class ProgrammeEditForm(forms.ModelForm):
    """Everything but the organising cluster (its surveys and records stay with it)."""

    class Meta:
        model = Programme
        fields = ["title", "summary", "language", "starts_on", "ends_on", "status", "trainers"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "summary": forms.Textarea({"rows": 3}),
            "trainers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trainers = get_user_model().objects.filter(is_active=True, is_trainer=True)
        current = self.instance.trainers.values("pk") if self.instance.pk else []
        self.fields["trainers"].queryset = (
            (trainers | get_user_model().objects.filter(pk__in=current))
            .distinct()
            .order_by("last_name", "username")
        )


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["module", "date", "location"]
        widgets = {"date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = TrainingModule.objects.filter(is_active=True)


def _manager_label(user) -> str:
    clusters = ", ".join(c.name for c in user.managed_clusters.all())
    return f"{user.get_full_name() or user.username} ({clusters})"


class EnrolForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Cluster manager"), queryset=None)

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = managers
        self.fields["participant"].label_from_instance = _manager_label


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea({"rows": 2})
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)


class SubmissionForm(forms.Form):
    text = forms.CharField(label=_("Your work"), required=False, widget=forms.Textarea({"rows": 5}))
    file = forms.FileField(label=_("File"), required=False)


class InviteRaterForm(forms.Form):
    rater_email = forms.EmailField(label=_("E-mail address of the person to ask"))
    role = forms.ChoiceField(
        label=_("As"), choices=[(RaterRole.PEER, _("Peer")), (RaterRole.COACH, _("Coach"))]
    )


class RatingForm(forms.Form):
    """One level (1–5) per competence; with `targets`, also the level aimed at."""

    def __init__(self, *args, competences, targets: bool = False, initial_levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_levels = initial_levels or {}
        self.competences = list(competences)
        for competence in self.competences:
            level, target = initial_levels.get(competence.pk, (None, None))
            self.fields[f"competence_{competence.pk}"] = forms.TypedChoiceField(
                label=competence.display_name,
                choices=LEVEL_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=level,
                help_text=" · ".join(f"{n}: {text}" for n, text in competence.level_texts if text),
            )
            if targets:
                self.fields[f"target_{competence.pk}"] = forms.TypedChoiceField(
                    label=_("Level I aim at: %(name)s") % {"name": competence.display_name},
                    choices=[("", "—"), *LEVEL_CHOICES],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=target,
                )

    def levels(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"competence_{c.pk}"] for c in self.competences}

    def targets(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"target_{c.pk}") for c in self.competences}
