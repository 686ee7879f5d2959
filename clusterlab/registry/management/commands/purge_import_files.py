"""Delete uploaded member lists older than a retention period (they hold personal data)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.registry.enums import ImportStatus
from clusterlab.registry.models import ImportJob


class Command(BaseCommand):
    help = "Delete import files (and previews) of jobs older than --days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        purged = 0
        for job in ImportJob.objects.filter(created_at__lt=cutoff).exclude(file=""):
            job.file.delete(save=False)
            job.file = ""
            job.errors, job.preview, job.queued = [], [], ""
            if job.status != ImportStatus.DONE:
                job.status = ImportStatus.FAILED
                job.message = _("The file was deleted after %(days)d days; upload it again.") % {
                    "days": days
                }
            job.save()
            purged += 1
        self.stdout.write(f"Deleted {purged} import files older than {days} days.")
