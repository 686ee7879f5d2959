"""Editor pages: start an edition, shape its chapters and selection, publish and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.core.params import int_or_none
from clusterlab.toolbox.models import Entry, EntryStatus

from .. import permissions, rendering, selectors, services
from ..forms import ChapterForm, EditionForm, GlossaryTermForm, MoveForm, PickerForm
from ..models import Chapter, ChapterEntry, Edition, GlossaryTerm


def editable_edition(request, pk: int) -> Edition:
    return get_object_or_404(Edition.objects.editable_by(request.user), pk=pk)


def editable_chapter(request, pk: int, chapter_pk: int) -> Chapter:
    return get_object_or_404(editable_edition(request, pk).chapters, pk=chapter_pk)


def _edition_data(form: EditionForm) -> dict:
    return {k: form.cleaned_data[k] for k in ("title", "subtitle", "language", "foreword")}


@login_required
def edition_new(request):
    if not permissions.can_create_edition(request.user):
        raise Http404
    form = EditionForm(request.POST or None, user=request.user, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_create(
                actor=request.user,
                data=_edition_data(form),
                editors=form.cleaned_data.get("editors") or [],
                based_on=form.cleaned_data.get("based_on"),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Edition started."))
            return redirect("greenbook:edit", pk=edition.pk)
    return render(request, "greenbook/edition_new.html", {"form": form})


def _workspace(request, edition: Edition, **forms) -> dict:
    return {
        "edition": edition,
        "form": forms.get("form") or EditionForm(instance=edition, user=request.user),
        "chapter_form": forms.get("chapter_form")
        or ChapterForm(prefix="chapter", pilots=selectors.pilots_for_figures(user=request.user)),
        "term_form": forms.get("term_form") or GlossaryTermForm(prefix="term"),
        "chapters": edition.chapters.order_by("position", "pk").prefetch_related("items"),
        "glossary": edition.glossary.order_by("term"),
        "job": selectors.render_job_latest(edition=edition),
        "can_publish": permissions.can_publish_edition(request.user, edition),
    }


@login_required
def edit(request, pk: int):
    edition = editable_edition(request, pk)
    form = EditionForm(request.POST or None, instance=edition, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(
                actor=request.user,
                edition=edition,
                data=_edition_data(form),
                editors=form.cleaned_data["editors"] if "editors" in form.fields else None,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Edition saved."))
            return redirect("greenbook:edit", pk=edition.pk)
    return render(request, "greenbook/edit.html", _workspace(request, edition, form=form))


@require_POST
@login_required
def chapter_add(request, pk: int):
    edition = editable_edition(request, pk)
    pilots = selectors.pilots_for_figures(user=request.user)
    form = ChapterForm(request.POST, prefix="chapter", pilots=pilots)
    if form.is_valid():
        try:
            chapter = services.chapter_add(
                actor=request.user, edition=edition, data=form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Chapter added. Now pick its entries."))
            return redirect("greenbook:chapter-edit", pk=edition.pk, chapter_pk=chapter.pk)
    return render(request, "greenbook/edit.html", _workspace(request, edition, chapter_form=form))


def _picker_context(request, chapter: Chapter) -> dict:
    picker = PickerForm(request.GET or None)
    filters = picker.cleaned_data if picker.is_valid() else {}
    return {
        "picker": picker,
        "candidates": selectors.entry_picker(chapter=chapter, **filters),
    }


@login_required
def chapter_edit(request, pk: int, chapter_pk: int):
    chapter = editable_chapter(request, pk, chapter_pk)
    pilots = selectors.pilots_for_figures(user=request.user)
    form = ChapterForm(request.POST or None, instance=chapter, pilots=pilots)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_update(actor=request.user, chapter=chapter, data=form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Chapter saved."))
            return redirect("greenbook:chapter-edit", pk=pk, chapter_pk=chapter.pk)
    context = {"edition": chapter.edition, "chapter": chapter, **_picker_context(request, chapter)}
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(request, "greenbook/_picker_results.html", context)
    context["form"] = form
    context["items"] = chapter.items.select_related("entry").order_by("position", "pk")
    return render(request, "greenbook/chapter_edit.html", context)


def _done(request, edition: Edition, action, success: str, target: str = "greenbook:edit", **kw):
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(target, pk=edition.pk, **kw)


def _offset(request) -> int:
    form = MoveForm(request.POST)
    return form.offset if form.is_valid() else 0


@require_POST
@login_required
def chapter_move(request, pk: int, chapter_pk: int):
    chapter = editable_chapter(request, pk, chapter_pk)
    offset = _offset(request)
    return _done(
        request,
        chapter.edition,
        lambda: services.chapter_move(actor=request.user, chapter=chapter, offset=offset),
        _("Chapter moved."),
    )


@require_POST
@login_required
def chapter_delete(request, pk: int, chapter_pk: int):
    chapter = editable_chapter(request, pk, chapter_pk)
    return _done(
        request,
        chapter.edition,
        lambda: services.chapter_delete(actor=request.user, chapter=chapter),
        _("Chapter removed."),
    )


@require_POST
@login_required
def item_add(request, pk: int, chapter_pk: int):
    chapter = editable_chapter(request, pk, chapter_pk)
    entry_id = int_or_none(request.POST.get("entry"))
    entry = get_object_or_404(Entry.objects.filter(status=EntryStatus.PUBLISHED), pk=entry_id)
    return _done(
        request,
        chapter.edition,
        lambda: services.chapter_entry_add(actor=request.user, chapter=chapter, entry=entry),
        _("Entry added: %(title)s") % {"title": entry.title},
        "greenbook:chapter-edit",
        chapter_pk=chapter.pk,
    )


def _item(request, pk: int, chapter_pk: int, item_pk: int) -> ChapterEntry:
    return get_object_or_404(editable_chapter(request, pk, chapter_pk).items, pk=item_pk)


@require_POST
@login_required
def item_move(request, pk: int, chapter_pk: int, item_pk: int):
    item = _item(request, pk, chapter_pk, item_pk)
    offset = _offset(request)
    return _done(
        request,
        item.chapter.edition,
        lambda: services.chapter_entry_move(actor=request.user, item=item, offset=offset),
        _("Entry moved."),
        "greenbook:chapter-edit",
        chapter_pk=chapter_pk,
    )


@require_POST
@login_required
def item_remove(request, pk: int, chapter_pk: int, item_pk: int):
    item = _item(request, pk, chapter_pk, item_pk)
    return _done(
        request,
        item.chapter.edition,
        lambda: services.chapter_entry_remove(actor=request.user, item=item),
        _("Entry removed from the chapter."),
        "greenbook:chapter-edit",
        chapter_pk=chapter_pk,
    )


@require_POST
@login_required
def term_add(request, pk: int):
    edition = editable_edition(request, pk)
    form = GlossaryTermForm(request.POST, prefix="term")
    if form.is_valid():
        try:
            services.glossary_term_add(actor=request.user, edition=edition, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Term added to the glossary."))
            return redirect("greenbook:edit", pk=edition.pk)
    return render(request, "greenbook/edit.html", _workspace(request, edition, term_form=form))


@require_POST
@login_required
def term_delete(request, pk: int, term_pk: int):
    edition = editable_edition(request, pk)
    term = get_object_or_404(GlossaryTerm, edition=edition, pk=term_pk)
    return _done(
        request,
        edition,
        lambda: services.glossary_term_delete(actor=request.user, term=term),
        _("Term removed."),
    )


@require_POST
@login_required
def publish(request, pk: int):
    edition = editable_edition(request, pk)
    try:
        services.edition_publish(actor=request.user, edition=edition)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("greenbook:edit", pk=edition.pk)
    messages.success(request, _("Edition published: it is now frozen and public."))
    return redirect("greenbook:edition", pk=edition.pk)


@require_POST
@login_required
def render_start(request, pk: int):
    edition = editable_edition(request, pk)
    try:
        job = rendering.render_start(actor=request.user, edition=edition)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("greenbook:edition", pk=edition.pk)
    return redirect("greenbook:render-job", pk=edition.pk, job_pk=job.pk)
