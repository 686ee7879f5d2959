"""Remind both sides of accepted introductions to record what came of them."""

from datetime import timedelta

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.matchmaking.enums import IntroductionStatus
from clusterlab.matchmaking.models import Introduction
from clusterlab.matchmaking.services import users_acting_for


class Command(BaseCommand):
    help = "E-mail a reminder for accepted introductions without an outcome after --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        due = (
            Introduction.objects.filter(
                status=IntroductionStatus.ACCEPTED, outcome="", responded_at__lt=cutoff
            )
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff))
            .select_related("requester", "target")
        )
        sent = 0
        for introduction in due:
            recipients = sorted(
                set(users_acting_for(introduction.requester))
                | set(users_acting_for(introduction.target))
            )
            if recipients:
                send_mail(
                    _("Cluster Lab: what came of your introduction?"),
                    _(
                        "%(a)s and %(b)s were introduced %(days)d days ago. Please record what "
                        "came of it (a meeting, an agreement, a joint project) in Cluster Lab."
                    )
                    % {
                        "a": introduction.requester.name,
                        "b": introduction.target.name,
                        "days": days,
                    },
                    None,
                    recipients,
                )
                sent += 1
            introduction.reminded_at = timezone.now()
            introduction.save(update_fields=["reminded_at"])
        self.stdout.write(f"Sent {sent} reminders.")
