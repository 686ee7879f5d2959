"""Domain errors, and the one place that turns them into API answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A service refused a change; `field` names the input at fault when there is one."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def as_dict(self) -> dict:
        if self.field:
            return {self.field: [self.message]}
        return {"detail": self.message}


class NotAllowed(DomainError):
    """The acting user may not make this change."""

    status_code = status.HTTP_403_FORBIDDEN


def full_clean(obj, exclude=()) -> None:
    """Validate a model instance; raise its first problem as a DomainError on that field."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


def form_error(form, exc: DomainError) -> None:
    """Show a service's refusal next to the field it names (or above the form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def api_exception_handler(exc, context):
    """Answer domain and model validation errors as JSON 4xx, never as a 500."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, ValidationError):
        body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DataError):  # e.g. a value the database cannot hold in that column
        return Response({"detail": "The database cannot store this value."}, status=400)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or "Permission denied."}, status=403)
    return exception_handler(exc, context)
