"""Pages of the module catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.core.params import int_or_none

from .. import permissions, selectors, services
from ..forms import MaterialForm, ModuleForm
from ..models import Material, TrainingModule


@login_required
def modules(request):
    competence = int_or_none(request.GET.get("competence"))
    context = {
        "modules": selectors.module_list(competence=competence),
        "competences": selectors.competence_list(),
        "competence": competence,
        "can_edit": permissions.can_edit_modules(request.user),
    }
    return render(request, "training/modules.html", context)


def _module_data(form: ModuleForm) -> dict:
    d = form.cleaned_data
    return {k: d[k] for k in ("title", "summary", "format", "duration_hours", "languages")}


@login_required
def module_new(request):
    if not permissions.can_edit_modules(request.user):
        raise Http404
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            module = services.module_create(
                actor=request.user,
                data=_module_data(form),
                competences=form.cleaned_data["competences"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Module added."))
            return redirect(module)
    return render(request, "training/module_form.html", {"form": form})


@login_required
def module_edit(request, pk: int):
    if not permissions.can_edit_modules(request.user):
        raise Http404
    module = get_object_or_404(TrainingModule, pk=pk)
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        try:
            services.module_update(
                actor=request.user,
                module=module,
                data=_module_data(form),
                competences=form.cleaned_data["competences"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Module saved."))
            return redirect(module)
    return render(request, "training/module_form.html", {"form": form, "module": module})


@login_required
def module_detail(request, pk: int):
    module = get_object_or_404(TrainingModule.objects.prefetch_related("competences"), pk=pk)
    context = {
        "module": module,
        "can_edit": permissions.can_edit_modules(request.user),
        "material_form": MaterialForm(),
        # Toolbox entries the authors linked to this module, as far as the viewer may see them.
        "toolbox_entries": module.toolbox_entries.visible_to(request.user).order_by("title"),
    }
    return render(request, "training/module_detail.html", context)


@login_required
@require_POST
def material_add(request, pk: int):
    if not permissions.can_edit_modules(request.user):
        raise Http404
    module = get_object_or_404(TrainingModule, pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(
                actor=request.user,
                module=module,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"] or "",
                file=form.cleaned_data["file"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Material added."))
    else:
        messages.error(request, _("Give a title and a link or a file."))
    return redirect(module)


@login_required
def material_download(request, pk: int):
    material = get_object_or_404(Material.objects.exclude(file=""), pk=pk)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:  # the row outlived its file (restored backup, cleanup)
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True)
