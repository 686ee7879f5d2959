"""Forms of the event pages. Times are typed in the event's own time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, Contact, Language

from .enums import ParticipantType, Priority, QuestionKind
from .models import Event, MeetingSlot, Registration, RegistrationQuestion
from .models.event import TIME_ZONES

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ZONED_FIELDS = ("starts_at", "ends_at", "registration_opens", "registration_closes")


def as_zone(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """Read a wall-clock time typed in the form as a time in `zone`."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=zone)


class EventForm(forms.ModelForm):
    clusters = forms.ModelMultipleChoiceField(
        queryset=Cluster.objects.none(), label=_("Organising clusters")
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.filter(is_working_language=True),
        required=False,
        label=_("Languages spoken"),
    )
    time_zone = forms.ChoiceField(choices=[(z, z) for z in TIME_ZONES], label=_("Time zone"))
    online_url = forms.URLField(required=False, assume_scheme="https", label=_("Online link"))

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "clusters",
            "description",
            "description_language",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue",
            "online_url",
            "capacity",
            "registration_opens",
            "registration_closes",
            "audience",
            "languages",
            "is_published",
            "meeting_tables",
            "request_rule",
            "max_meetings",
            "request_expiry_hours",
        ]
        widgets = {name: LOCAL_INPUT for name in ZONED_FIELDS}
        help_texts = {
            "starts_at": _("In the event's time zone."),
            "meeting_tables": _("Brokerage events: tables available in every slot."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = Cluster.objects.managed_by(user).order_by("name")
        for value, label in ParticipantType.choices:
            self.fields[f"max_{value}"] = forms.IntegerField(
                min_value=0,
                required=False,
                label=_("Maximum meetings: %(type)s") % {"type": label},
                initial=(self.instance.max_meetings_by_type or {}).get(value),
            )
        if self.instance.pk:
            zone = self.instance.zone
            for name in ZONED_FIELDS:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
            self.initial["clusters"] = list(self.instance.clusters.all())
            self.initial["languages"] = list(self.instance.languages.all())

    def clean(self):
        data = super().clean()
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or "Europe/Brussels")
        for name in ZONED_FIELDS:
            if name in data:
                data[name] = as_zone(data[name], zone)
        data["max_meetings_by_type"] = {
            value: data[f"max_{value}"]
            for value in ParticipantType.values
            if data.get(f"max_{value}") is not None
        }
        return data

    def event_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("clusters", "languages", *[f"max_{v}" for v in ParticipantType.values]):
            data.pop(name, None)
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["text", "kind", "choices", "required"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}


class RegistrationForm(forms.Form):
    """The organiser's questions, one field each."""

    def __init__(self, *args, event: Event, initial_answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        answers = initial_answers or {}
        for question in event.questions.all():
            name = f"q_{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(
                    choices=[("", "—")] + [(c, c) for c in question.choice_list],
                    required=question.required,
                )
            elif question.kind == QuestionKind.YES_NO:
                field = forms.TypedChoiceField(
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                    coerce=lambda v: v == "yes",
                    empty_value=None,
                    required=question.required,
                )
            else:
                field = forms.CharField(
                    max_length=2000, required=question.required, widget=forms.Textarea({"rows": 2})
                )
            field.label = question.text
            value = answers.get(str(question.pk))
            if isinstance(value, bool):
                value = "yes" if value else "no"
            field.initial = value
            self.fields[name] = field

    def answers(self) -> dict:
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value not in (None, "")
        }


class ContactRegistrationForm(forms.Form):
    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), label=_("Contact person"))

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(label=_("First meeting starts"), widget=LOCAL_INPUT)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=64, initial=16)
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=180, initial=25
    )
    pause_minutes = forms.IntegerField(
        label=_("Pause between meetings"), min_value=0, max_value=600, initial=5
    )
    break_after = forms.IntegerField(
        label=_("Longer break after every … slots"),
        min_value=0,
        max_value=64,
        initial=4,
        required=False,
    )
    break_minutes = forms.IntegerField(
        label=_("Break minutes"), min_value=0, max_value=600, initial=15
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.starts_at:
            self.fields["first_start"].initial = event.starts_at.astimezone(event.zone).replace(
                tzinfo=None
            )

    def clean_first_start(self):
        return as_zone(self.cleaned_data["first_start"], self.event.zone)


class BrokerageProfileForm(forms.Form):
    participant_type = forms.ChoiceField(choices=ParticipantType.choices, label=_("I take part as"))
    offer = forms.CharField(
        label=_("What I offer"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3})
    )
    seek = forms.CharField(
        label=_("What I am looking for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )
    cooperation_profile = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Linked cooperation profile")
    )
    unavailable_slots = forms.ModelMultipleChoiceField(
        queryset=MeetingSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("I am NOT available in these slots"),
    )

    def __init__(self, *args, registration: Registration, **kwargs):
        from clusterlab.matchmaking.models import CooperationProfile

        super().__init__(*args, **kwargs)
        event = registration.event
        self.fields["cooperation_profile"].queryset = CooperationProfile.objects.filter(
            organisation=registration.organisation
        )
        slots = event.slots.order_by("starts_at")
        self.fields["unavailable_slots"].queryset = slots
        self.fields["unavailable_slots"].label_from_instance = lambda s: (
            f"{s.starts_at.astimezone(event.zone):%H:%M}–{s.ends_at.astimezone(event.zone):%H:%M}"
        )


class MeetingRequestForm(forms.Form):
    priority = forms.TypedChoiceField(
        choices=Priority.choices, coerce=int, initial=Priority.NORMAL, label=_("Priority")
    )
    message = forms.CharField(
        label=_("Message"), required=False, max_length=1000, widget=forms.Textarea({"rows": 3})
    )


class FeedbackForm(forms.Form):
    held = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        label=_("Did the meeting take place?"),
    )
    useful = forms.TypedChoiceField(
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        label=_("Was it useful?"),
    )
    follow_up = forms.TypedChoiceField(
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        label=_("Is a follow-up planned?"),
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)
