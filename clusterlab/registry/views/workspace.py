"""The cluster manager's workspace: members, notes, services, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error

from .. import exporting, importing, selectors, services, tasks
from ..enums import ImportStatus, MembershipStatus
from ..forms import (
    ClusterForm,
    ImportMappingForm,
    ImportUploadForm,
    MembershipForm,
    NewMemberForm,
    ServiceRecordForm,
)
from ..models import Cluster, ImportJob


def managed_cluster_or_404(request, slug: str) -> Cluster:
    """Return a cluster the viewer manages; anyone else gets a 404 (nothing leaks)."""
    return get_object_or_404(selectors.cluster_managed(user=request.user), slug=slug)


@login_required
def workspace_home(request):
    clusters = list(selectors.cluster_managed(user=request.user).order_by("name"))
    if len(clusters) == 1:
        return redirect("registry:workspace-members", slug=clusters[0].slug)
    if not clusters:
        raise Http404(_("You manage no cluster."))
    return render(request, "registry/workspace_home.html", {"clusters": clusters})


@login_required
def workspace_members(request, slug: str):
    cluster = managed_cluster_or_404(request, slug)
    status = request.GET.get("status", "")
    if status not in MembershipStatus.values:
        status = ""
    memberships = selectors.cluster_workspace_members(cluster=cluster, status=status)
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/workspace_members.html",
        {
            "cluster": cluster,
            "page": page,
            "status": status,
            "statuses": MembershipStatus.choices,
            "imports": cluster.import_jobs.all()[:5],
        },
    )


@login_required
def cluster_edit(request, slug: str):
    cluster = managed_cluster_or_404(request, slug)
    form = ClusterForm(request.POST or None, instance=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_update(
                actor=request.user, cluster=cluster, data=dict(form.cleaned_data)
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Cluster profile saved."))
            return redirect("registry:cluster-detail", slug=cluster.slug)
    return render(request, "registry/cluster_form.html", {"cluster": cluster, "form": form})


@login_required
def member_add(request, slug: str):
    cluster = managed_cluster_or_404(request, slug)
    form = NewMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        status = data.pop("membership_status")
        try:
            organisation = services.organisation_create(
                actor=request.user, data=data, cluster=cluster, membership_status=status
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": organisation.name})
            return redirect("registry:organisation-detail", pk=organisation.pk)
    return render(request, "registry/member_form.html", {"cluster": cluster, "form": form})


@login_required
def membership_edit(request, slug: str, pk: int):
    cluster = managed_cluster_or_404(request, slug)
    membership = get_object_or_404(cluster.memberships.select_related("organisation"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.membership_update(
                    actor=request.user,
                    membership=membership,
                    status=form.cleaned_data["status"],
                    joined=form.cleaned_data["joined"],
                    left=form.cleaned_data["left"],
                )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Membership saved."))
            return redirect("registry:workspace-members", slug=cluster.slug)
    return render(
        request,
        "registry/membership_form.html",
        {"cluster": cluster, "membership": membership, "form": form},
    )


@login_required
@require_POST
def membership_remove(request, slug: str, pk: int):
    cluster = managed_cluster_or_404(request, slug)
    membership = get_object_or_404(cluster.memberships, pk=pk)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("The membership was ended; its history is kept."))
    return redirect("registry:workspace-members", slug=cluster.slug)


@login_required
def service_log(request, slug: str):
    cluster = managed_cluster_or_404(request, slug)
    form = ServiceRecordForm(
        request.POST or None, cluster=cluster, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_record(actor=request.user, cluster=cluster, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Service recorded."))
            return redirect("registry:workspace-services", slug=cluster.slug)
    records = selectors.service_list(user=request.user, cluster=cluster)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request, "registry/service_log.html", {"cluster": cluster, "form": form, "page": page}
    )


@login_required
def member_export(request, slug: str, fmt: str):
    cluster = managed_cluster_or_404(request, slug)
    headers, rows = exporting.member_rows(cluster=cluster)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        body = exporting.write_xlsx(headers, rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exporting.write_csv(headers, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{cluster.slug}-members-{stamp}.{fmt}"'
    return response


@login_required
def import_upload(request, slug: str):
    cluster = managed_cluster_or_404(request, slug)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.import_job_create(
                actor=request.user, cluster=cluster, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("registry:import-detail", slug=cluster.slug, pk=job.pk)
    return render(
        request,
        "registry/import_upload.html",
        {
            "cluster": cluster,
            "form": form,
            "fields": importing.IMPORT_FIELDS,
        },
    )


@login_required
def import_detail(request, slug: str, pk: int):
    cluster = managed_cluster_or_404(request, slug)
    job = get_object_or_404(cluster.import_jobs, pk=pk)
    fields = [(f.name, f.label, f.required) for f in importing.IMPORT_FIELDS]
    form = None
    editable = (ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED)
    if job.status in editable and not job.queued:
        form = ImportMappingForm(
            request.POST or None, headers=job.headers, fields=fields, initial_mapping=job.mapping
        )
        if request.method == "POST" and request.POST.get("action") == "check" and form.is_valid():
            queued = ImportJob.objects.filter(pk=job.pk, status__in=editable, queued="").update(
                mapping=form.mapping(), status=ImportStatus.UPLOADED, queued="check"
            )
            if queued:
                transaction.on_commit(lambda: tasks.import_job_preview_task(job.pk))
            return redirect("registry:import-detail", slug=cluster.slug, pk=job.pk)
    if request.method == "POST" and request.POST.get("action") == "commit":
        queued = 0
        if not job.errors:
            queued = ImportJob.objects.filter(
                pk=job.pk, status=ImportStatus.PREVIEWED, queued=""
            ).update(queued="commit")
        if queued:
            transaction.on_commit(lambda: tasks.import_job_commit_task(job.pk))
        return redirect("registry:import-detail", slug=cluster.slug, pk=job.pk)
    running = bool(job.queued) or job.status in (ImportStatus.PREVIEWING, ImportStatus.COMMITTING)
    polling = bool(request.headers.get("HX-Request"))
    template = "registry/_import_status.html" if polling else "registry/import_detail.html"
    response = render(
        request, template, {"cluster": cluster, "job": job, "form": form, "running": running}
    )
    if polling and not running:
        # The worker is done: reload the whole page so the mapping form and buttons return.
        response["HX-Refresh"] = "true"
    return response
