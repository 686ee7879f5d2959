"""The Greenbook as readers see it: editions, cover and contents, chapters, glossary, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError

from .. import permissions, rendering, selectors
from ..enums import RenderStatus
from ..models import Edition, RenderJob


def visible_edition(request, pk: int) -> Edition:
    return get_object_or_404(Edition.objects.visible_to(request.user), pk=pk)


def home(request):
    editions = list(selectors.edition_list(user=request.user))
    return render(
        request,
        "greenbook/home.html",
        {
            "published": [e for e in editions if e.is_published],
            "drafts": [e for e in editions if not e.is_published],
            "can_create": permissions.can_create_edition(request.user),
        },
    )


def _publication_context(request, edition: Edition) -> dict:
    pub = selectors.edition_publication(edition=edition, href_of=selectors.web_href(edition))
    return {
        "edition": edition,
        "pub": pub,
        "can_edit": permissions.can_edit_edition(request.user, edition),
        "job": selectors.render_job_latest(edition=edition),
    }


def edition(request, pk: int):
    context = _publication_context(request, visible_edition(request, pk))
    chapters = context["pub"].chapters
    context["next"] = (chapters[0].title, chapters[0].href) if chapters else None
    return render(request, "greenbook/edition.html", context)


def chapter(request, pk: int, chapter_pk: int):
    context = _publication_context(request, visible_edition(request, pk))
    pub = context["pub"]
    current = pub.chapter(chapter_pk)
    if current is None:
        raise Http404
    index = pub.chapters.index(current)
    context["chapter"] = current
    context["previous"] = pub.chapters[index - 1] if index > 0 else None
    context["following"] = pub.chapters[index + 1] if index + 1 < len(pub.chapters) else None
    return render(request, "greenbook/chapter.html", context)


def glossary(request, pk: int):
    context = _publication_context(request, visible_edition(request, pk))
    chapters = context["pub"].chapters
    context["previous"] = chapters[-1] if chapters else None
    return render(request, "greenbook/glossary.html", context)


def pdf(request, pk: int):
    """Serve the stored PDF; a published edition without one is rendered on first request."""
    edition = visible_edition(request, pk)
    if edition.pdf:
        response = FileResponse(edition.pdf.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="greenbook-{edition.pk}.pdf"'
        return response
    job = selectors.render_job_latest(edition=edition)
    if job is not None and job.status == RenderStatus.FAILED and not _can_edit(request, edition):
        # A reader never restarts a failed render: an editor looks at it first.
        messages.error(request, _("The PDF of this edition is not available yet."))
        return redirect("greenbook:edition", pk=edition.pk)
    if job is None or not job.is_active:
        if not edition.is_published:
            messages.info(request, _("Render the PDF first."))
            return redirect("greenbook:edit", pk=edition.pk)
        try:  # readers start it on first request; the system renders, not the reader
            job = rendering.render_start(actor=None, edition=edition)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("greenbook:edition", pk=edition.pk)
    return redirect("greenbook:render-job", pk=edition.pk, job_pk=job.pk)


def _can_edit(request, edition: Edition) -> bool:
    return permissions.can_edit_edition(request.user, edition)


def render_job(request, pk: int, job_pk: int):
    edition = visible_edition(request, pk)
    job = get_object_or_404(RenderJob, edition=edition, pk=job_pk)
    context = {"edition": edition, "job": job, "show_error": _can_edit(request, edition)}
    if request.headers.get("HX-Request"):
        return render(request, "greenbook/_render_job.html", context)
    return render(request, "greenbook/render_job.html", context)
