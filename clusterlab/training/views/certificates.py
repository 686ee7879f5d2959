"""Certificates of completion: the PDF, and the public page that verifies a code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import Certificate, Programme


@login_required
def certificate_pdf(request, pk: int):
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    runs = Programme.objects.run_by(request.user).values("pk")
    certificate = get_object_or_404(
        # A revoked certificate is no longer handed out; the verify page says it was revoked.
        Certificate.objects.select_related("enrolment__programme__cluster").filter(
            Q(enrolment__participant=request.user) | Q(enrolment__programme__in=runs),
            revoked_at__isnull=True,
        ),
        pk=pk,
    )
    verify = request.build_absolute_uri(
        reverse("training:certificate-verify", args=[certificate.code])
    )
    html = render_to_string(
        "training/certificate_print.html",
        {"certificate": certificate, "verify_url": verify},
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


def certificate_verify(request, code: str):
    """Public: what the certificate itself says, and whether it is still valid."""
    certificate = Certificate.objects.filter(code=code.strip().upper()[:32]).first()
    status = 200 if certificate is not None else 404
    return render(
        request, "training/certificate_verify.html", {"certificate": certificate}, status=status
    )
