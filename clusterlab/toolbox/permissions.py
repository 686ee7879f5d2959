"""Who may do what in the toolbox: the one place pages, API and services ask.

Decided visibility (see EntryQuerySet.visible_to): published entries are public; drafts are
seen by their author, their cluster's managers and editors (coordinators); entries in review
are also seen by managers of every other cluster, because they are the peer reviewers.
"""

from __future__ import annotations

from clusterlab.registry.models import Cluster

from .models import Entry, EntryStatus, Question


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_editor(user) -> bool:
    """Coordinators edit the toolbox: they publish entries or send them back."""
    return _is_user(user) and bool(user.is_coordinator)


def is_manager(user) -> bool:
    return _is_user(user) and Cluster.objects.filter(managers=user).exists()


def manages(user, cluster_id: int) -> bool:
    return _is_user(user) and Cluster.objects.filter(pk=cluster_id, managers=user).exists()


def can_write(user) -> bool:
    """Managers and editors write entries, ask and answer questions."""
    return is_editor(user) or is_manager(user)


def can_view_entry(user, entry: Entry) -> bool:
    return Entry.objects.visible_to(user).filter(pk=entry.pk).exists()


def can_edit_entry(user, entry: Entry) -> bool:
    """Authors and their cluster's managers edit drafts; editors edit any entry."""
    if is_editor(user):
        return True
    if not _is_user(user) or entry.status != EntryStatus.DRAFT:
        return False
    return entry.author_id == user.pk or manages(user, entry.cluster_id)


def can_review_entry(user, entry: Entry) -> bool:
    """Managers of another cluster than the entry's, who did not write it."""
    if not _is_user(user) or entry.status == EntryStatus.DRAFT or entry.author_id == user.pk:
        return False
    return Cluster.objects.filter(managers=user).exclude(pk=entry.cluster_id).exists()


def can_translate_entry(user, entry: Entry) -> bool:
    return can_write(user) and can_view_entry(user, entry)


def can_mark_answer(user, question: Question) -> bool:
    """The asker or an editor marks good answers."""
    return is_editor(user) or (_is_user(user) and question.author_id == user.pk)
