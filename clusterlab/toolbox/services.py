"""Writes of the toolbox: entries, translations, versions, reviews, attachments, questions.

Every write checks its permission here (`actor=None` is the system) and keeps the version
history and the search index in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.models import Cluster

from . import permissions
from .indexing import entry_index
from .models import (
    Answer,
    Attachment,
    Entry,
    EntryDomain,
    EntryKind,
    EntryStatus,
    EntryVersion,
    EvidenceLevel,
    Question,
    Review,
    Tag,
)

ENTRY_FIELDS = ("kind", "title", "summary", "body", "language")
ATTACHMENT_TYPES = {
    ".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".md", ".csv",
    ".png", ".jpg", ".jpeg", ".svg",
}  # fmt: skip
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_TAGS = 12


def tag_names(text_or_names: str | Iterable[str]) -> list[str]:
    """Return clean, unique, lower-case tag names from "a, b" or a list."""
    raw = text_or_names.split(",") if isinstance(text_or_names, str) else text_or_names
    names: list[str] = []
    for name in raw:
        clean = " ".join(str(name).split()).lower()[:60]
        if clean and clean not in names:
            names.append(clean)
    if len(names) > MAX_TAGS:
        raise DomainError(_("Use at most %(n)d tags.") % {"n": MAX_TAGS}, field="tags")
    return names


def _set_links(entry: Entry, links: dict) -> None:
    if links.get("tags") is not None:
        names = tag_names(links["tags"])
        entry.tags.set([Tag.objects.get_or_create(name=n)[0] for n in names])
    if links.get("domains") is not None:
        entry.domains.all().delete()
        EntryDomain.objects.bulk_create(
            [EntryDomain(entry=entry, domain=d[:100]) for d in dict.fromkeys(links["domains"])]
        )
    if links.get("sectors") is not None:
        entry.sectors.set(links["sectors"])
    if links.get("related_pilots") is not None:
        entry.related_pilots.set(links["related_pilots"])
    if links.get("related_modules") is not None:
        entry.related_modules.set(links["related_modules"])
    if links.get("related_entries") is not None:
        entry.related_entries.set([e for e in links["related_entries"] if e.pk != entry.pk])


def _keep_version(entry: Entry, actor) -> EntryVersion | None:
    last = entry.versions.order_by("-number").first()
    text = (entry.title, entry.summary, entry.body)
    if last is not None and (last.title, last.summary, last.body) == text:
        return None
    return EntryVersion.objects.create(
        entry=entry,
        number=(last.number + 1) if last else 1,
        title=entry.title,
        summary=entry.summary,
        body=entry.body,
        editor=actor if actor is not None and actor.is_authenticated else None,
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowed(message)


@transaction.atomic
def entry_create(
    *,
    actor,
    cluster: Cluster,
    data: dict,
    author=None,
    source_lesson=None,
    source_answer=None,
    **links,
) -> Entry:
    """Create a draft entry of the cluster, its first version and its index terms.

    `author` defaults to the actor; other apps that create entries for a person as the
    system (actor=None) name them here.
    """
    if actor is not None:
        _require(
            permissions.is_editor(actor) or permissions.manages(actor, cluster.pk),
            _("You may write entries only for clusters you manage."),
        )
    entry = Entry(cluster=cluster, author=author or actor, status=EntryStatus.DRAFT)
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    entry.source_lesson = source_lesson
    entry.source_answer = source_answer
    full_clean(entry, exclude=["author", "original", "source_lesson", "source_answer"])
    entry.save()
    _set_links(entry, links)
    _keep_version(entry, actor)
    entry_index(entry)
    return entry


@transaction.atomic
def entry_update(*, actor, entry: Entry, data: dict, **links) -> Entry:
    """Save an edit: a new version when the text changed, and fresh index terms."""
    if actor is not None:
        _require(permissions.can_edit_entry(actor, entry), _("You may not edit this entry."))
    old_language = entry.language
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    if entry.language != old_language:
        _check_language_free(entry.root, entry.language, exclude=entry.pk)
    full_clean(entry, exclude=["author", "original", "source_lesson", "source_answer"])
    entry.save()
    _set_links(entry, links)
    _keep_version(entry, actor)
    entry_index(entry)
    return entry


def _check_language_free(root: Entry, language: str, exclude: int | None = None) -> None:
    family = Entry.objects.filter(pk=root.pk) | Entry.objects.filter(original=root)
    if family.exclude(pk=exclude).filter(language=language).exists():
        raise DomainError(_("This entry already exists in that language."), field="language")


@transaction.atomic
def entry_translate(*, actor, entry: Entry, data: dict, cluster: Cluster | None = None) -> Entry:
    """Create a draft translation of the entry in another language, linked to its original."""
    if actor is not None:
        _require(
            permissions.can_translate_entry(actor, entry), _("You may not translate this entry.")
        )
    root = entry.root
    language = data.get("language", "")
    _check_language_free(root, language)
    if cluster is None:
        cluster = root.cluster
        if actor is not None and not permissions.manages(actor, cluster.pk):
            cluster = Cluster.objects.managed_by(actor).order_by("pk").first() or cluster
    translation = entry_create(
        actor=actor if actor is None or permissions.manages(actor, cluster.pk) else None,
        author=actor,
        cluster=cluster,
        data={**data, "kind": root.kind},
        tags=list(root.tags.values_list("name", flat=True)),
        domains=list(root.domains.values_list("domain", flat=True)),
        sectors=list(root.sectors.all()),
        related_pilots=list(root.related_pilots.all()),
    )
    translation.original = root
    translation.save(update_fields=["original", "updated_at"])
    return translation


@transaction.atomic
def entry_submit(*, actor, entry: Entry) -> Entry:
    """Send a draft to review by peers and the editor."""
    if actor is not None:
        _require(permissions.can_edit_entry(actor, entry), _("You may not submit this entry."))
    if entry.status != EntryStatus.DRAFT:
        raise DomainError(_("Only a draft can be sent to review."))
    entry.status = EntryStatus.REVIEW
    entry.save(update_fields=["status", "updated_at"])
    return entry


@transaction.atomic
def entry_publish(*, actor, entry: Entry) -> Entry:
    """Publish an entry (editors only)."""
    if actor is not None:
        _require(permissions.is_editor(actor), _("Only an editor publishes entries."))
    if entry.status == EntryStatus.PUBLISHED:
        raise DomainError(_("The entry is already published."))
    entry.status = EntryStatus.PUBLISHED
    entry.published_at = timezone.now()
    entry.editor_comment = ""
    entry.save(update_fields=["status", "published_at", "editor_comment", "updated_at"])
    return entry


@transaction.atomic
def entry_send_back(*, actor, entry: Entry, comment: str) -> Entry:
    """Return an entry in review to its authors as a draft, with the editor's comment."""
    if actor is not None:
        _require(permissions.is_editor(actor), _("Only an editor sends entries back."))
    if entry.status != EntryStatus.REVIEW:
        raise DomainError(_("Only an entry in review can be sent back."))
    if not comment.strip():
        raise DomainError(_("Say what should change."), field="comment")
    entry.status = EntryStatus.DRAFT
    entry.editor_comment = comment.strip()[:4000]
    entry.save(update_fields=["status", "editor_comment", "updated_at"])
    return entry


@transaction.atomic
def review_save(
    *,
    actor,
    entry: Entry,
    comment: str,
    evidence_level: str,
    used_it: bool = False,
    would_use: bool = False,
    cluster: Cluster | None = None,
) -> Review:
    """Record (or replace) a peer's review; the reviewer must manage another cluster."""
    _require(
        permissions.can_review_entry(actor, entry),
        _("Only managers of other clusters review an entry, once it is in review."),
    )
    if cluster is None:
        cluster = Cluster.objects.filter(managers=actor).exclude(pk=entry.cluster_id).first()
    if evidence_level not in EvidenceLevel.values:
        raise DomainError(_("Choose an evidence level."), field="evidence_level")
    if not comment.strip():
        raise DomainError(_("Write a comment."), field="comment")
    review, _created = Review.objects.update_or_create(
        entry=entry,
        reviewer=actor,
        defaults={
            "cluster": cluster,
            "comment": comment.strip()[:4000],
            "evidence_level": evidence_level,
            "used_it": bool(used_it),
            "would_use": bool(would_use),
        },
    )
    return review


@transaction.atomic
def attachment_add(*, actor, entry: Entry, file, name: str = "") -> Attachment:
    """Attach a file (office formats, PDF, images, text; at most 10 MB)."""
    if actor is not None:
        _require(permissions.can_edit_entry(actor, entry), _("You may not change this entry."))
    if Path(file.name).suffix.lower() not in ATTACHMENT_TYPES:
        raise DomainError(_("Upload a PDF, office document, image or text file."), field="file")
    if file.size > ATTACHMENT_MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."), field="file")
    return Attachment.objects.create(
        entry=entry,
        file=file,
        name=(name or Path(file.name).name)[:200],
        size=file.size,
        uploaded_by=actor,
    )


@transaction.atomic
def entry_from_lesson(*, actor, lesson) -> Entry:
    """Turn a pilot's lesson into a draft entry of kind lesson, linked back to its pilot."""
    from clusterlab.pilots.models import Pilot

    pilot = lesson.pilot
    if actor is not None:
        _require(
            Pilot.objects.visible_to(actor).filter(pk=pilot.pk).exists(),
            _("You may not use this pilot's lessons."),
        )
    existing = lesson.toolbox_entries.first()
    if existing is not None:
        return existing
    cluster = pilot.lead_cluster
    if actor is not None and not permissions.manages(actor, cluster.pk):
        cluster = pilot.partner_clusters.filter(managers=actor).first() or cluster
    body = f"{lesson.what}\n\n**{_('For whom')}:** {lesson.for_whom}"
    if lesson.evidence:
        body += f"\n\n**{_('Evidence')}:** {lesson.evidence}"
    return entry_create(
        actor=actor,
        cluster=cluster,
        data={
            "kind": EntryKind.LESSON,
            "title": lesson.what.split("\n")[0][:200],
            "summary": f"{_('A lesson from the pilot')} {pilot.code}: {lesson.for_whom}"[:1000],
            "body": body,
            "language": pilot.language,
        },
        source_lesson=lesson,
        related_pilots=[pilot],
    )


@transaction.atomic
def question_ask(*, actor, title: str, body: str = "", language: str = "en") -> Question:
    """Put a question to the network (managers and editors)."""
    if actor is not None:
        _require(permissions.can_write(actor), _("Only cluster managers ask the network."))
    question = Question(title=title.strip(), body=body.strip(), language=language, author=actor)
    full_clean(question, exclude=["author"])
    question.save()
    return question


@transaction.atomic
def answer_add(*, actor, question: Question, body: str) -> Answer:
    """Answer a question (managers and editors)."""
    if actor is not None:
        _require(permissions.can_write(actor), _("Only cluster managers answer questions."))
    answer = Answer(question=question, body=body.strip(), author=actor)
    full_clean(answer, exclude=["author"])
    answer.save()
    return answer


@transaction.atomic
def answer_mark(*, actor, answer: Answer, good: bool = True) -> Answer:
    """Mark (or unmark) a good answer; the asker or an editor."""
    if actor is not None:
        _require(
            permissions.can_mark_answer(actor, answer.question),
            _("Only the asker or an editor marks good answers."),
        )
    answer.is_good = good
    answer.save(update_fields=["is_good"])
    return answer
