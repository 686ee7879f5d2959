"""Cross-cutting HTTP guards: refuse NUL bytes early, send a content security policy."""

from __future__ import annotations

from django.http import HttpResponseBadRequest

# Every asset is served from this origin (no CDN); no inline script is used by our pages.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Third-party pages served locally whose templates carry inline script (Swagger UI, ReDoc).
CSP_EXEMPT_PREFIXES = ("/api/docs/", "/api/redoc/", "/admin/")


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path or query: PostgreSQL refuses them in text (a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            return HttpResponseBadRequest("NUL bytes are not allowed in addresses.")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Add the content security policy to every page of ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
