"""Log in and out, password reset (Django's views), invitations, own account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from clusterlab.core.errors import DomainError, form_error
from clusterlab.registry.models import Cluster, Organisation

from . import services
from .forms import AcceptInvitationForm, InvitationForm
from .models import Invitation


@login_required
def account(request):
    token = None
    if request.method == "POST" and request.POST.get("action") == "token":
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user).key
        messages.success(request, _("A new API token was created. Copy it now: it is shown once."))
    return render(request, "accounts/account.html", {"token": token})


@login_required
def invitation_new(request):
    user = request.user
    clusters = Cluster.objects.managed_by(user)
    organisations = (
        Organisation.objects.all() if user.is_coordinator else Organisation.objects.private_to(user)
    ).order_by("name")
    form = InvitationForm(request.POST or None, clusters=clusters, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=user, base_url=request.build_absolute_uri("/")[:-1], **form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("accounts:invitation-new")
    sent = Invitation.objects.filter(invited_by=user)[:20]
    return render(request, "accounts/invitation_new.html", {"form": form, "sent": sent})


def invitation_accept(request, token: str):
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None or not invitation.is_open:
        return render(request, "accounts/invitation_invalid.html", status=404)
    # The owner of an existing account accepts while logged in: no new account, no form.
    owner = request.user.is_authenticated and request.user.email.lower() == invitation.email
    form = None if owner else AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and (owner or form.is_valid()):
        data = {} if owner else form.cleaned_data
        try:
            user = services.invitation_accept(token=token, current_user=request.user, **data)
        except DomainError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("accounts:invitation-accept", token=token)
            form_error(form, exc)
        else:
            if not owner:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Cluster Lab."))
            return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "owner": owner},
    )


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", status=429)
