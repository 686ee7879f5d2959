"""Forms of the survey pages. Translated texts get one input per working language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Cluster, Contact

from .enums import CHOICE_KINDS, QuestionKind
from .models import Question, Survey

LANGUAGE_NAMES = dict(settings.LANGUAGES)
LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# Service field → prefix of the per-language inputs that show its errors.
TEXT_PREFIXES = {
    "title": "title",
    "introduction": "introduction",
    "text": "text",
    "help_text": "help",
    "choices": "choices",
    "low_label": "low",
    "high_label": "high",
}


class TranslatedForm(forms.Form):
    """A form with per-language inputs named `<prefix>_<language>`."""

    default_language = "en"

    def add_texts(self, prefix: str, label, languages, *, initial=None, **options) -> None:
        initial = initial or {}
        for code in languages:
            field_options = dict(options)
            field_options["required"] = options.get("required", False) and (
                code == self.default_language
            )
            self.fields[f"{prefix}_{code}"] = forms.CharField(
                label=f"{label} ({LANGUAGE_NAMES[code]})",
                initial=initial.get(code, ""),
                **field_options,
            )

    def texts(self, prefix: str, languages) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{prefix}_{code}", "")
            for code in languages
            if self.cleaned_data.get(f"{prefix}_{code}")
        }

    def show_error(self, exc: DomainError) -> None:
        """Show a service's refusal next to its field (its default-language input for texts)."""
        field = exc.field
        if field in TEXT_PREFIXES:
            field = f"{TEXT_PREFIXES[field]}_{self.default_language}"
        self.add_error(field if field in self.fields else None, exc.message)


class SurveyForm(TranslatedForm):
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), label=_("Cluster"))
    languages = forms.MultipleChoiceField(
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages of the questionnaire"),
    )
    default_language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        label=_("Default language"),
        help_text=_("Shown where a translation is missing."),
    )
    closes_at = forms.DateTimeField(
        required=False, widget=LOCAL_INPUT, label=_("Closes"), help_text=_("Optional.")
    )

    def __init__(self, *args, user, survey: Survey | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        data = self.data if self.is_bound else {}
        self.default_language = data.get("default_language") or (
            survey.default_language if survey else "en"
        )
        text_languages = survey.languages if survey else [c for c, _n in settings.LANGUAGES]
        if survey is None:
            self.fields["cluster"].queryset = Cluster.objects.managed_by(user).order_by("name")
            self.initial.setdefault("languages", ["en"])
        else:
            del self.fields["cluster"]
            self.initial.update(
                languages=survey.languages,
                default_language=survey.default_language,
                closes_at=survey.closes_at,
            )
        self.add_texts(
            "title",
            _("Title"),
            text_languages,
            initial=survey and survey.title,
            required=True,
            max_length=200,
        )
        self.add_texts(
            "introduction",
            _("Introduction"),
            text_languages,
            initial=survey and survey.introduction,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.text_languages = text_languages

    def survey_data(self) -> dict[str, Any]:
        languages = self.cleaned_data["languages"]
        return {
            "languages": languages,
            "default_language": self.cleaned_data["default_language"],
            "title": self.texts("title", [c for c in self.text_languages if c in languages]),
            "introduction": self.texts(
                "introduction", [c for c in self.text_languages if c in languages]
            ),
            "closes_at": self.cleaned_data["closes_at"],
        }


class SectionForm(TranslatedForm):
    def __init__(self, *args, survey: Survey, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.default_language = survey, survey.default_language
        self.add_texts(
            "title",
            _("Section title"),
            survey.languages,
            initial=section.title if section else None,
            max_length=300,
        )

    def section_title(self) -> dict[str, str]:
        return self.texts("title", self.survey.languages)


class QuestionForm(TranslatedForm):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"), empty_label=None)
    kind = forms.ChoiceField(choices=QuestionKind.choices, label=_("Kind of answer"))
    code = forms.CharField(
        max_length=50,
        required=False,
        label=_("Code"),
        help_text=_("A short stable name (e.g. “satisfaction”) used in exports; made up if empty."),
    )
    required = forms.BooleanField(required=False, label=_("Answer required"))
    min_value = forms.FloatField(
        required=False, label=_("Minimum (numbers)"), min_value=-1e12, max_value=1e12
    )
    max_value = forms.FloatField(
        required=False, label=_("Maximum (numbers)"), min_value=-1e12, max_value=1e12
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.question = survey, question
        self.default_language = survey.default_language
        languages = survey.languages
        self.fields["section"].queryset = survey.sections.order_by("position", "pk")
        self.fields["section"].label_from_instance = lambda s: s.display_title
        q = question
        if q is not None:
            self.initial.update(
                section=q.section_id,
                kind=q.kind,
                code=q.code,
                required=q.required,
                min_value=q.min_value,
                max_value=q.max_value,
            )
        textarea = forms.Textarea(attrs={"rows": 2})
        self.add_texts(
            "text",
            _("Question"),
            languages,
            initial=q and q.text,
            required=True,
            max_length=1000,
            widget=textarea,
        )
        self.add_texts(
            "help", _("Help text"), languages, initial=q and q.help_text, max_length=1000
        )
        choice_lines = {
            code: "\n".join(c["label"].get(code, "") for c in q.choices) if q else ""
            for code in languages
        }
        self.add_texts(
            "choices",
            _("Choices, one per line"),
            languages,
            initial=choice_lines,
            max_length=20_000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.add_texts(
            "low", _("Label of 1 (Likert)"), languages, initial=q and q.low_label, max_length=300
        )
        self.add_texts(
            "high",
            _("Label of 5 (Likert)"),
            languages,
            initial=q and q.high_label,
            max_length=300,
        )

    def _lines(self, code: str) -> list[str]:
        text = self.cleaned_data.get(f"choices_{code}", "")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def question_choices(self) -> list[dict]:
        """Choices with their labels. A line keeps the stored value of the choice with the same
        default-language label; other lines take, in order, the values of the choices whose
        label disappeared (a renamed choice keeps its value); the rest get new values."""
        default, languages = self.default_language, self.survey.languages
        old = self.question.choices if self.question else []
        lines = {code: self._lines(code) for code in languages}
        by_label = {c["label"].get(default): c["value"] for c in old}
        renamed = [c["value"] for c in old if c["label"].get(default) not in set(lines[default])]
        choices = []
        for index, label in enumerate(lines[default]):
            value = by_label.get(label) or (renamed.pop(0) if renamed else None)
            labels = {c: lines[c][index] for c in languages if index < len(lines[c])}
            choices.append({"value": value, "label": labels} if value else {"label": labels})
        return choices

    def question_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = self.survey.languages
        result = {
            "section": data["section"],
            "kind": data["kind"],
            "code": data["code"],
            "required": data["required"],
            "text": self.texts("text", languages),
            "help_text": self.texts("help", languages),
            "low_label": self.texts("low", languages),
            "high_label": self.texts("high", languages),
            "min_value": data["min_value"],
            "max_value": data["max_value"],
        }
        if data["kind"] in CHOICE_KINDS:
            result["choices"] = self.question_choices()
        return result


class SendForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Contact persons of the members"),
    )
    registrations = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Participants")
    )
    group = forms.CharField(
        max_length=50,
        required=False,
        label=_("Group label"),
        help_text=_("Optional, e.g. “treatment” or “comparison”; used to compare results."),
    )

    def __init__(self, *args, contacts, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = contacts
        self.fields["contacts"].label_from_instance = lambda c: f"{c} · {c.organisation.name}"
        self.fields["registrations"].queryset = registrations
        self.fields["registrations"].label_from_instance = lambda r: (
            f"{r.name} · {r.organisation.name}"
        )

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not data.get("registrations"):
            raise forms.ValidationError(_("Choose at least one person."))
        return data
