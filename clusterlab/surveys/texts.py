"""Texts in several languages, kept as {language code: text} dictionaries."""

from __future__ import annotations

from collections.abc import Mapping


def translate(texts: Mapping[str, str] | None, language: str, default_language: str) -> str:
    """Return the text in `language`, else in the default language, else any text there is."""
    if not texts:
        return ""
    for code in (language, default_language):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")
