"""Uploaded member lists hold personal data: never served, dropped once imported or erased."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterlab.registry import importing, services
from clusterlab.registry.enums import ImportStatus
from clusterlab.registry.models import ImportJob

pytestmark = pytest.mark.django_db

CSV = (
    "Name;Country;Contact first name;Contact last name;Contact e-mail\n"
    "Omega GmbH;DE;Greta;Geheim;greta@omega.example\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _job(cast, content=CSV, name="members.csv"):
    upload = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    return importing.import_job_create(actor=cast.manager_a, cluster=cast.cluster_a, upload=upload)


def test_the_file_is_deleted_once_imported(cast):
    job = _job(cast)
    path = job.file.path
    importing.import_job_preview(job_id=job.pk)
    job = importing.import_job_commit(job_id=job.pk)
    assert job.status == ImportStatus.DONE
    assert not job.file
    assert not os.path.exists(path)


def test_erasing_a_person_drops_waiting_files_that_name_them(cast):
    job = _job(cast)
    importing.import_job_preview(job_id=job.pk)
    other = _job(cast, CSV.replace("Greta;Geheim;greta@omega.example", "Otto;Open;o@x.example"))
    importing.import_job_commit(job_id=job.pk)
    contact = (
        ImportJob.objects.get(pk=job.pk)
        .cluster.memberships.get(organisation__name="Omega GmbH")
        .organisation.contacts.get()
    )
    waiting = _job(cast)  # the same list uploaded again, not yet imported
    services.contact_erase(actor=cast.manager_a, contact=contact)
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert (waiting.status, bool(waiting.file)) == (ImportStatus.FAILED, False)
    assert bool(other.file)  # a file that does not name the person stays


def test_a_damaged_workbook_is_a_form_error_not_a_500(cast, clients):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Country"])
    workbook.active.append([1, "DE"])
    raw = io.BytesIO()
    workbook.save(raw)
    # Turn the numeric cell's value into text that openpyxl cannot parse as a number.
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>1</v>", b"<v>notanumber</v>")
            dst.writestr(item, data)
    job = _job(cast, out.getvalue(), "broken.xlsx")  # the header alone reads fine
    job = importing.import_job_preview(job_id=job.pk)
    assert job.status == ImportStatus.FAILED
    assert "could not be read" in job.message


def test_polling_reloads_the_page_once_the_worker_is_done(cast, clients):
    job = _job(cast)
    ImportJob.objects.filter(pk=job.pk).update(queued="check")
    url = f"/workspace/cluster-a/import/{job.pk}/"
    waiting = clients.manager_a.get(url, HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in waiting.headers
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    importing.import_job_preview(job_id=job.pk)
    done = clients.manager_a.get(url, HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"
    page = clients.manager_a.get(url)
    assert "Check the rows (dry run)" in page.content.decode()  # the mapping form is back


def test_old_import_files_are_purged(cast):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old, fresh = _job(cast), _job(cast)
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    call_command("purge_import_files", "--days", "30", stdout=io.StringIO())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (bool(old.file), old.status) == (False, ImportStatus.FAILED)
    assert bool(fresh.file)
