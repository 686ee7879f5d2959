"""Writes of the accounts domain: invitations and their acceptance."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry import permissions
from clusterlab.registry.models import Cluster, Organisation

from .models import Invitation, User


def can_invite(
    actor, *, role: str, cluster: Cluster | None, organisation: Organisation | None
) -> bool:
    """Coordinators invite anyone; managers invite managers and members of their clusters."""
    if permissions.is_coordinator(actor):
        return True
    if role == Invitation.Role.MANAGER and cluster is not None:
        return permissions.can_manage_cluster(actor, cluster)
    if role == Invitation.Role.MEMBER and organisation is not None:
        return permissions.can_edit_organisation(actor, organisation)
    return False


@transaction.atomic
def invitation_create(
    *,
    actor,
    email: str,
    role: str,
    cluster: Cluster | None = None,
    organisation: Organisation | None = None,
    base_url: str = "",
) -> Invitation:
    """Invite someone by e-mail to take a role; the link is sent once the row is saved."""
    if not can_invite(actor, role=role, cluster=cluster, organisation=organisation):
        raise NotAllowed(_("You may not invite to this role."))
    if role == Invitation.Role.MANAGER and cluster is None:
        raise DomainError(_("Choose the cluster to manage."), field="cluster")
    if role == Invitation.Role.MEMBER and organisation is None:
        raise DomainError(_("Choose the organisation."), field="organisation")
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        role=role,
        cluster=cluster,
        organisation=organisation,
        token=Invitation.new_token(),
        invited_by=actor,
        expires_at=Invitation.default_expiry(),
    )
    link = base_url + reverse("accounts:invitation-accept", args=[invitation.token])
    transaction.on_commit(
        lambda: send_mail(
            _("You are invited to Cluster Lab"),
            _("You have been invited to Cluster Lab as %(role)s. Accept here: %(link)s")
            % {"role": invitation.get_role_display(), "link": link},
            None,
            [invitation.email],
        )
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    username: str = "",
    password: str = "",
    first_name: str = "",
    last_name: str = "",
    current_user=None,
) -> User:
    """Create the invited user, or give the role to the logged-in owner of the invited
    address, and close the invitation.

    The link alone never logs anyone into an existing account: its owner must be logged in.
    """
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise DomainError(_("This invitation is no longer valid."))
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and (current_user is None or current_user.pk != user.pk):
        raise DomainError(
            _("An account with this e-mail address exists: log in to it, then open the link.")
        )
    if user is None:
        if not username or not password:
            raise DomainError(_("Choose a user name and a password."), field="username")
        if User.objects.filter(username=username).exists():
            raise DomainError(_("This user name is taken."), field="username")
        user = User.objects.create_user(
            username=username,
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
    _grant(user, invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def _grant(user: User, invitation: Invitation) -> None:
    if invitation.role == Invitation.Role.COORDINATOR:
        user.is_coordinator = True
        user.is_staff = True
    elif invitation.role == Invitation.Role.TRAINER:
        user.is_trainer = True
    elif invitation.role == Invitation.Role.MEMBER:
        user.organisation = invitation.organisation
    user.save()
    if invitation.role == Invitation.Role.MANAGER:
        invitation.cluster.managers.add(user)
