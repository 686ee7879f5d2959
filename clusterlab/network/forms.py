"""The network page's filters: scope (cluster), period, tie kinds, sector group."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import NaceSector

from .adapters import SECTIONS

KIND_CHOICES = [
    ("membership", _("Memberships")),
    ("introduction", _("Accepted introductions")),
    ("meeting", _("Meetings held at brokerage events")),
    ("pilot", _("Co-participation in pilots")),
]


def _section_choices() -> list[tuple[str, str]]:
    sections = {
        s.code: s.name
        for s in NaceSector.objects.filter(version="2", level=1, code__in=list(SECTIONS))
    }
    return [("", _("All sectors"))] + [
        (code, f"{code} {sections.get(code, '')}".strip()) for code in SECTIONS
    ]


class NetworkFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=None,
        required=False,
        empty_label=_("Whole network"),
        to_field_name="slug",
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.MultipleChoiceField(
        label=_("Kinds of tie"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sector = forms.ChoiceField(label=_("Sector group"), choices=(), required=False)

    def __init__(self, *args, clusters, whole_network: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        if not whole_network:
            self.fields["cluster"].empty_label = None
        self.fields["sector"].choices = _section_choices()

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period comes before its start."))
        return data
