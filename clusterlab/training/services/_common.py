"""Small helpers shared by the training services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed


def require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not do this."))


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Give a text."), field=field)
    if "\x00" in value:
        raise DomainError(_("The text contains a NUL character."), field=field)
    value = value.strip()
    if required and not value:
        raise DomainError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise DomainError(
            _("At most %(n)d characters.") % {"n": max_length},
            field=field,
        )
    return value


def clean_language(value: Any, *, field: str = "language") -> str:
    if value not in settings.CONTENT_LANGUAGES:
        raise DomainError(_("Choose one of the working languages."), field=field)
    return value


def clean_languages(value: Any, *, field: str = "languages") -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise DomainError(_("Give a list of language codes."), field=field)
    return [clean_language(code, field=field) for code in dict.fromkeys(value)]


def clean_level(value: Any, *, field: str, optional: bool = False) -> int | None:
    if value in (None, "") and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise DomainError(_("Give a level from 1 to 5."), field=field)
    return value
