"""Writes of the module catalogue."""

from __future__ import annotations

import decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, full_clean

from .. import permissions
from ..enums import MaterialKind, ModuleFormat
from ..models import Competence, Material, TrainingModule
from ._common import clean_languages, clean_text, require

MODULE_FIELDS = ("title", "summary", "format", "duration_hours", "languages", "is_active")


def _apply(module: TrainingModule, data: dict[str, Any]) -> None:
    if "title" in data:
        module.title = clean_text(data["title"], field="title", max_length=200, required=True)
    if "summary" in data:
        module.summary = clean_text(data["summary"], field="summary", max_length=5000)
    if "format" in data:
        if data["format"] not in ModuleFormat.values:
            raise DomainError(_("Choose a format."), field="format")
        module.format = data["format"]
    if "duration_hours" in data:
        try:
            hours = decimal.Decimal(str(data["duration_hours"]))
        except decimal.InvalidOperation as exc:
            raise DomainError(_("Give the duration in hours."), field="duration_hours") from exc
        if not hours.is_finite() or not 0 < hours <= 1000:
            raise DomainError(_("Give 0.5 to 1000 hours."), field="duration_hours")
        module.duration_hours = hours.quantize(decimal.Decimal("0.1"))
    if "languages" in data:
        module.languages = clean_languages(data["languages"])
    if "is_active" in data:
        module.is_active = bool(data["is_active"])


def _set_competences(module: TrainingModule, competences) -> None:
    if competences is None:
        return
    competences = list(competences)
    if any(not isinstance(c, Competence) for c in competences):
        raise DomainError(_("Unknown competence."), field="competences")
    module.competences.set(competences)


@transaction.atomic
def module_create(*, actor, data: dict[str, Any], competences=None) -> TrainingModule:
    """Add a module to the network's catalogue."""
    require(actor is None or permissions.can_edit_modules(actor))
    module = TrainingModule(created_by=actor, format=ModuleFormat.WORKSHOP)
    _apply(module, {"title": "", "summary": "", **data})
    full_clean(module, exclude=["created_by"])
    module.save()
    _set_competences(module, competences)
    return module


@transaction.atomic
def module_update(
    *, actor, module: TrainingModule, data: dict[str, Any], competences=None
) -> TrainingModule:
    """Change a module of the catalogue."""
    require(actor is None or permissions.can_edit_modules(actor))
    _apply(module, {k: v for k, v in data.items() if k in MODULE_FIELDS})
    full_clean(module, exclude=["created_by"])
    module.save()
    _set_competences(module, competences)
    return module


@transaction.atomic
def material_add(
    *, actor, module: TrainingModule, title: str, url: str = "", file=None
) -> Material:
    """Attach a link or a file to a module (one of the two)."""
    require(actor is None or permissions.can_edit_modules(actor))
    title = clean_text(title, field="title", max_length=200, required=True)
    url = clean_text(url, field="url", max_length=500)
    if bool(url) == bool(file):
        raise DomainError(_("Give either a link or a file."), field="url")
    material = Material(
        module=module,
        title=title,
        kind=MaterialKind.LINK if url else MaterialKind.FILE,
        url=url,
        position=module.materials.count() + 1,
    )
    if file:
        material.file = file
    full_clean(material)
    material.save()
    return material
