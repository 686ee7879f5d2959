"""Reading numbers from user input without surprises."""

from __future__ import annotations

MAX_ID_DIGITS = 18  # fits a 64-bit integer column


def int_or_none(value: str | None) -> int | None:
    """Return the value as a non-negative whole number, or None for anything else.

    `str.isdigit()` is not enough: "²" is a digit to Python but not to `int()`, and a
    30-digit id overflows the database's integer.
    """
    if not value or not value.isascii() or not value.isdecimal() or len(value) > MAX_ID_DIGITS:
        return None
    return int(value)
