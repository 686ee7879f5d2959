"""Forms of the toolbox pages; they only parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, NaceSector

from . import selectors
from .models import Entry, EntryKind, EntryStatus, EvidenceLevel


class EntryForm(forms.Form):
    cluster = forms.ModelChoiceField(Cluster.objects.none(), label=_("Cluster"))
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: # headings, **bold**, lists, links, tables. No HTML."),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=800, help_text=_("Separate with commas.")
    )
    domains = forms.MultipleChoiceField(label=_("Creative domains"), required=False)
    sectors = forms.ModelMultipleChoiceField(
        NaceSector.objects.none(), label=_("NACE sectors"), required=False
    )
    related_pilots = forms.ModelMultipleChoiceField(
        Cluster.objects.none(), label=_("Related pilots"), required=False
    )
    related_modules = forms.ModelMultipleChoiceField(
        Entry.objects.none(), label=_("Related training modules"), required=False
    )
    related_entries = forms.ModelMultipleChoiceField(
        Entry.objects.none(), label=_("Related entries"), required=False
    )
    source_answer = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, entry: Entry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from clusterlab.pilots.models import Pilot

        if entry is not None:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = Cluster.objects.managed_by(user)
        self.fields["domains"].choices = [(d, d) for d in selectors.domain_choices()]
        self.fields["sectors"].queryset = NaceSector.objects.filter(version="2", level__lte=2)
        from clusterlab.training.models import TrainingModule

        self.fields["related_pilots"].queryset = Pilot.objects.visible_to(user)
        self.fields["related_modules"].queryset = TrainingModule.objects.filter(is_active=True)
        published = Entry.objects.filter(status=EntryStatus.PUBLISHED, original=None)
        if entry is not None:
            published = published.exclude(pk=entry.pk)
        self.fields["related_entries"].queryset = published.order_by("title")

    def entry_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kind", "language", "title", "summary", "body")}

    def links(self) -> dict:
        return {
            k: self.cleaned_data[k]
            for k in (
                "tags",
                "domains",
                "sectors",
                "related_pilots",
                "related_modules",
                "related_entries",
            )
        }


def entry_initial(entry: Entry) -> dict:
    return {
        "kind": entry.kind,
        "language": entry.language,
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "tags": ", ".join(entry.tags.values_list("name", flat=True)),
        "domains": list(entry.domains.values_list("domain", flat=True)),
        "sectors": list(entry.sectors.all()),
        "related_pilots": list(entry.related_pilots.all()),
        "related_modules": list(entry.related_modules.all()),
        "related_entries": list(entry.related_entries.all()),
    }


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Text (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    used_it = forms.BooleanField(label=_("We used it"), required=False)
    would_use = forms.BooleanField(label=_("We would use it"), required=False)
    evidence_level = forms.ChoiceField(label=_("Evidence level"), choices=EvidenceLevel.choices)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, office document, image or text; at most 10 MB.")
    )


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=200)
    body = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EntryKind.choices]
    )
    domain = forms.ChoiceField(label=_("Creative domain"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=60)
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *settings.LANGUAGES]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", _("All domains"))] + [
            (d, d) for d in selectors.domain_choices()
        ]
        self.fields["cluster"].choices = [("", _("All clusters"))] + list(
            Cluster.objects.filter(toolbox_entries__status=EntryStatus.PUBLISHED)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )

    def filters(self) -> selectors.SearchFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.SearchFilters(
            query=data.get("q", ""),
            kind=data.get("kind", ""),
            domain=data.get("domain", ""),
            tag=data.get("tag", ""),
            cluster=data.get("cluster", ""),
            language=data.get("language", ""),
        )
