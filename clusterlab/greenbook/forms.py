"""Forms of the Greenbook editor pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.toolbox.models import EntryKind

from .enums import EditionStatus
from .models import Chapter, Edition, GlossaryTerm


def editor_candidates():
    """Coordinators and cluster managers: the people who may edit an edition."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_coordinator=True) | Q(managed_clusters__isnull=False))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class EditorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class EditionForm(forms.ModelForm):
    editors = EditorChoiceField(
        queryset=None, required=False, label=_("Editors"),
        help_text=_("Cluster managers who may build this draft with you."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    based_on = forms.ModelChoiceField(
        queryset=Edition.objects.none(), required=False, label=_("Start from"),
        help_text=_("Copy the chapters, selection and glossary of a published edition."),
        empty_label=_("— an empty edition —"),
    )  # fmt: skip

    class Meta:
        model = Edition
        fields = ["title", "subtitle", "language", "foreword"]
        widgets = {"foreword": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user=None, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editors"].queryset = editor_candidates()
        if self.instance.pk:
            self.fields["editors"].initial = list(
                self.instance.editors.values_list("pk", flat=True)
            )
        if not (user is not None and user.is_coordinator):
            del self.fields["editors"]
        if creating:
            published = Edition.objects.filter(status=EditionStatus.PUBLISHED)
            self.fields["based_on"].queryset = published.order_by("-published_at")
            self.fields["based_on"].initial = published.order_by("-published_at", "-pk").first()
        else:
            del self.fields["based_on"]


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["title", "introduction", "pilot"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "pilot": _("Its evaluation charts appear as a figure in the chapter."),
        }

    def __init__(self, *args, pilots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pilot"].queryset = (
            pilots if pilots is not None else self.fields["pilot"].queryset.none()
        )
        self.fields["pilot"].required = False


class GlossaryTermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 2})}


class PickerForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any kind")), *EntryKind.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("any language")), *settings.LANGUAGES]
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
