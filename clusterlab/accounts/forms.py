from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, Organisation

from .models import Invitation


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(choices=Invitation.Role.choices, label=_("Role"))
    cluster = forms.ModelChoiceField(
        queryset=Cluster.objects.none(), required=False, label=_("Cluster (for a manager)")
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organisation (for a member)")
    )

    def __init__(self, *args, clusters, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["organisation"].queryset = organisations
        if organisations.count() > 300:  # a coordinator: 25,000 options would be no choice
            self.fields["organisation"].widget = forms.NumberInput()
            self.fields["organisation"].help_text = _(
                "The number in the organisation's address: /organisations/<number>/"
            )


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("User name"))
    first_name = forms.CharField(max_length=150, required=False, label=_("First name"))
    last_name = forms.CharField(max_length=150, required=False, label=_("Last name"))
    password = forms.CharField(widget=forms.PasswordInput, label=_("Password"))

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password
