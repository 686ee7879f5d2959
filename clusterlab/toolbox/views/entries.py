"""Entry pages: search and list, an entry, writing, translating, reviewing, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, NotAllowed, form_error
from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Cluster

from .. import permissions, selectors, services
from ..forms import (
    AttachmentForm,
    EntryForm,
    ReviewForm,
    SearchForm,
    SendBackForm,
    TranslationForm,
    entry_initial,
)
from ..markdown import render_markdown
from ..models import Answer, Attachment, Entry, EntryStatus


def visible_entry(request, pk: int) -> Entry:
    return get_object_or_404(
        Entry.objects.visible_to(request.user).select_related("cluster", "author", "original"),
        pk=pk,
    )


def editable_entry(request, pk: int) -> Entry:
    entry = visible_entry(request, pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise Http404
    return entry


def home(request):
    form = SearchForm(request.GET or None)
    filters = form.filters()
    hits = selectors.entry_search(user=request.user, filters=filters)
    context = {
        "form": form,
        "hits": hits,
        "filters": filters,
        "can_write": permissions.can_write(request.user),
    }
    if request.user.is_authenticated:
        context["mine"] = (
            selectors.entry_list(user=request.user)
            .exclude(status=EntryStatus.PUBLISHED)
            .order_by("-updated_at")[:20]
        )
    return render(request, "toolbox/home.html", context)


def entry_detail(request, pk: int):
    entry = visible_entry(request, pk)
    user = request.user
    from clusterlab.pilots.models import Pilot

    context = {
        "entry": entry,
        "body_html": render_markdown(entry.body),
        "translations": selectors.entry_translations(user=user, entry=entry),
        "related": selectors.entry_related(user=user, entry=entry),
        "pilots": Pilot.objects.visible_to(user).filter(toolbox_entries=entry),
        "reviews": entry.reviews.select_related("reviewer", "cluster"),
        "summary": selectors.review_summary(entry),
        "can_edit": permissions.can_edit_entry(user, entry),
        "can_review": permissions.can_review_entry(user, entry),
        "can_translate": permissions.can_translate_entry(user, entry),
        "is_editor": permissions.is_editor(user),
        "review_form": ReviewForm(),
        "send_back_form": SendBackForm(prefix="back"),
        "attachment_form": AttachmentForm(),
        "can_write": permissions.can_write(user),
    }
    return render(request, "toolbox/entry_detail.html", context)


@login_required
def entry_new(request):
    if not Cluster.objects.managed_by(request.user).exists():
        raise Http404
    initial = {"language": request.LANGUAGE_CODE[:2]}
    answer = _answer_for_entry(request)
    if answer is not None:
        initial.update(
            {
                "kind": "method",
                "title": answer.question.title,
                "summary": answer.body[:1000],
                "body": answer.body,
                "language": answer.question.language,
                "source_answer": answer.pk,
            }
        )
    form = EntryForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                actor=request.user,
                cluster=form.cleaned_data["cluster"],
                data=form.entry_data(),
                source_answer=answer,
                **form.links(),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("toolbox:entry-detail", entry.pk)
    return render(request, "toolbox/entry_form.html", {"form": form, "answer": answer})


def _answer_for_entry(request) -> Answer | None:
    """A good answer the new entry starts from (?answer=<id>, or the hidden field)."""
    pk = int_or_none(request.GET.get("answer") or request.POST.get("source_answer"))
    if pk is None:
        return None
    return get_object_or_404(Answer.objects.select_related("question"), pk=pk, is_good=True)


@login_required
def entry_edit(request, pk: int):
    entry = editable_entry(request, pk)
    form = EntryForm(
        request.POST or None, user=request.user, entry=entry, initial=entry_initial(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                actor=request.user, entry=entry, data=form.entry_data(), **form.links()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Entry saved."))
            return redirect("toolbox:entry-detail", entry.pk)
    return render(request, "toolbox/entry_form.html", {"form": form, "entry": entry})


@login_required
def entry_translate(request, pk: int):
    entry = visible_entry(request, pk)
    if not permissions.can_translate_entry(request.user, entry):
        raise Http404
    form = TranslationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.entry_translate(
                actor=request.user, entry=entry, data=form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Translation saved as a draft."))
            return redirect("toolbox:entry-detail", translation.pk)
    return render(request, "toolbox/entry_translate.html", {"form": form, "entry": entry})


def _act(request, entry: Entry, action, success: str, **kwargs):
    try:
        action(actor=request.user, entry=entry, **kwargs)
    except NotAllowed as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("toolbox:entry-detail", entry.pk)


@login_required
@require_POST
def entry_submit(request, pk: int):
    entry = editable_entry(request, pk)
    return _act(request, entry, services.entry_submit, _("Sent to review."))


@login_required
@require_POST
def entry_publish(request, pk: int):
    entry = visible_entry(request, pk)
    if not permissions.is_editor(request.user):
        raise Http404
    return _act(request, entry, services.entry_publish, _("Published."))


@login_required
@require_POST
def entry_send_back(request, pk: int):
    entry = visible_entry(request, pk)
    if not permissions.is_editor(request.user):
        raise Http404
    form = SendBackForm(request.POST, prefix="back")
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _act(request, entry, services.entry_send_back, _("Sent back."), comment=comment)


@login_required
@require_POST
def entry_review(request, pk: int):
    entry = visible_entry(request, pk)
    if not permissions.can_review_entry(request.user, entry):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment and choose an evidence level."))
        return redirect("toolbox:entry-detail", entry.pk)
    return _act(request, entry, _review, _("Thank you for your review."), data=form.cleaned_data)


def _review(*, actor, entry, data):
    return services.review_save(actor=actor, entry=entry, **data)


@login_required
@require_POST
def attachment_add(request, pk: int):
    entry = editable_entry(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return redirect("toolbox:entry-detail", entry.pk)
    return _act(
        request, entry, services.attachment_add, _("File attached."), file=form.cleaned_data["file"]
    )


def attachment_download(request, pk: int):
    attachment = get_object_or_404(
        Attachment.objects.filter(entry__in=Entry.objects.visible_to(request.user)), pk=pk
    )
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def entry_versions(request, pk: int):
    entry = visible_entry(request, pk)
    versions = list(entry.versions.select_related("editor"))
    numbers = {v.number: v for v in versions}
    newer = numbers.get(int_or_none(request.GET.get("b")) or 0) or (
        versions[0] if versions else None
    )
    older = numbers.get(int_or_none(request.GET.get("a")) or 0)
    if older is None and newer is not None:
        older = numbers.get(newer.number - 1)
    diff = selectors.version_diff(older, newer) if older and newer else []
    context = {"entry": entry, "versions": versions, "older": older, "newer": newer, "diff": diff}
    return render(request, "toolbox/entry_versions.html", context)


@login_required
def lessons(request):
    rows = selectors.lessons_for(user=request.user)
    context = {"lessons": rows, "can_write": permissions.can_write(request.user)}
    return render(request, "toolbox/lessons.html", context)


@login_required
@require_POST
def lesson_to_entry(request, pk: int):
    from clusterlab.pilots.models import Lesson

    lesson = get_object_or_404(selectors.lessons_for(user=request.user), pk=pk)
    assert isinstance(lesson, Lesson)
    try:
        entry = services.entry_from_lesson(actor=request.user, lesson=lesson)
    except NotAllowed as exc:
        raise Http404 from exc
    messages.success(request, _("The lesson is now a draft entry."))
    return redirect("toolbox:entry-detail", entry.pk)
