"""Cluster mapping pages: the map and table (public), exports, and the coordinator's import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, form_error
from clusterlab.core.params import int_or_none
from clusterlab.registry.models import NetworkSettings
from clusterlab.registry.permissions import is_coordinator

from . import exporting, selectors, services
from .forms import EmploymentUploadForm
from .importing import EmploymentImportError
from .mapview import map_context

TABLE_ROWS = 25


def _choice(request) -> tuple[int | None, list[int], str, list, str]:
    """Read year, group and colouring from the query string, falling back to sane defaults."""
    years = selectors.mapping_years()
    year = int_or_none(request.GET.get("year"))
    if year not in years:
        year = years[0] if years else None
    groups = selectors.mapping_groups()
    keys = [g.key for g in groups]
    group = request.GET.get("group", "")
    if group not in keys:
        default = NetworkSettings.current().default_creative_set
        group = f"set:{default.slug}" if default and f"set:{default.slug}" in keys else ""
        group = group or (keys[0] if keys else "")
    show = "stars" if request.GET.get("show") == "stars" else "lq"
    return year, years, group, groups, show


def home(request):
    year, years, group_key, groups, show = _choice(request)
    figures = selectors.region_figures(year=year, group_key=group_key) if year else []
    group = next((g for g in groups if g.key == group_key), None)
    context = {
        "year": year,
        "years": years,
        "group": group,
        "groups": groups,
        "show": show,
        "top": figures[:TABLE_ROWS],
        "region_count": len(figures),
        "starred": sum(1 for f in figures if f.stars),
        "map": map_context(figures, selectors.cluster_places(), show),
        "latest_import": selectors.latest_import(),
        "can_import": is_coordinator(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "mapping/home.html", context)


def export(request, fmt: str):
    year, _years, group_key, _groups, _show = _choice(request)
    if year is None:
        raise Http404(_("No statistics have been imported yet."))
    headers, rows = exporting.table_rows(selectors.region_figures(year=year, group_key=group_key))
    name = f"cluster-mapping-{group_key.replace(':', '-')}-{year}.{fmt}"
    if fmt == "xlsx":
        body = exporting.to_xlsx(headers, rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, content_type = exporting.to_csv(headers, rows), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def employment_import(request):
    if not is_coordinator(request.user):
        raise Http404
    form = EmploymentUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.employment_import(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                source=form.cleaned_data["source"],
            )
        except EmploymentImportError as exc:
            problems = exc.problems
            form_error(form, exc)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("%(n)d figures imported for %(years)s (%(skipped)d rows skipped).")
                % {
                    "n": record.rows_imported,
                    "years": ", ".join(map(str, record.years)),
                    "skipped": record.rows_skipped,
                },
            )
            return redirect("mapping:home")
    return render(
        request,
        "mapping/import.html",
        {"form": form, "problems": problems, "latest_import": selectors.latest_import()},
    )
