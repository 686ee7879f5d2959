"""Checks every survey service shares: permission, texts per language, plain strings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not do this."))


def clean_string(value: Any, *, field: str, max_length: int, label: str = "") -> str:
    """Return a stripped string; refuse other types, NUL bytes and overlong text."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DomainError(_("Give a text."), field=field)
    if "\x00" in value:
        # PostgreSQL cannot store NUL in text or JSON: refuse it as bad input, not a 500.
        raise DomainError(_("The text contains a NUL character."), field=field)
    value = value.strip()
    if len(value) > max_length:
        raise DomainError(
            _("Keep %(what)s to at most %(n)d characters.")
            % {"what": label or _("the text"), "n": max_length},
            field=field,
        )
    return value


def clean_texts(
    value: Any,
    *,
    languages: list[str],
    field: str,
    max_length: int,
    required_language: str | None = None,
) -> dict[str, str]:
    """Return a {language: text} dict restricted to `languages`, without empty texts."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise DomainError(_('Give the text per language, e.g. {"en": "…"}.'), field=field)
    cleaned: dict[str, str] = {}
    for code, text in value.items():
        if code not in languages:
            raise DomainError(
                _("“%(code)s” is not a language of this survey.") % {"code": str(code)[:10]},
                field=field,
            )
        text = clean_string(text, field=field, max_length=max_length)
        if text:
            cleaned[code] = text
    if required_language and not cleaned.get(required_language):
        raise DomainError(
            _("Give the text in the survey's default language (%(code)s).")
            % {"code": required_language},
            field=field,
        )
    return cleaned


def clean_languages(value: Any) -> list[str]:
    """Return the distinct working-language codes, in the order of the settings."""
    if not isinstance(value, list | tuple) or not value:
        raise DomainError(_("Choose at least one language."), field="languages")
    unknown = [code for code in value if code not in LANGUAGE_CODES]
    if unknown:
        raise DomainError(
            _("Unknown language: %(code)s.") % {"code": str(unknown[0])[:10]}, field="languages"
        )
    return [code for code in LANGUAGE_CODES if code in value]
