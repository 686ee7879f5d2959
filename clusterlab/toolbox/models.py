"""The toolbox: instruments, methods, cases, lessons and templates the network shares."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, NaceSector


class EntryKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    METHOD = "method", _("Method")
    CASE = "case", _("Case")
    LESSON = "lesson", _("Lesson")
    TEMPLATE = "template", _("Template")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class EvidenceLevel(models.TextChoices):
    ANECDOTAL = "anecdotal", _("Anecdotal")
    DOCUMENTED = "documented", _("Documented case")
    EVALUATED = "evaluated", _("Evaluated pilot")


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> EntryQuerySet:
        """Published entries to everyone; drafts to their author, their cluster's managers and
        editors; entries in review also to managers of any cluster, who review them."""
        published = models.Q(status=EntryStatus.PUBLISHED)
        if user is None or not user.is_authenticated:
            return self.filter(published)
        if user.is_coordinator:
            return self
        managed = Cluster.objects.filter(managers=user).values("pk")
        own = models.Q(author=user) | models.Q(cluster__in=managed)
        if Cluster.objects.filter(managers=user).exists():
            own |= models.Q(status=EntryStatus.REVIEW)
        return self.filter(published | own)


class Tag(models.Model):
    """A free label shared by entries in every language (lower case, e.g. "vouchers")."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """One toolbox entry in one language; its translations point at the same `original`."""

    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("body (Markdown)"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The first-written version of the entry; null on the original itself.
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="toolbox_entries", verbose_name=_("cluster")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_entries",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries", verbose_name=_("tags"))
    sectors = models.ManyToManyField(
        NaceSector, blank=True, related_name="toolbox_entries", verbose_name=_("NACE sectors")
    )
    related_pilots = models.ManyToManyField(
        "pilots.Pilot", blank=True, related_name="toolbox_entries", verbose_name=_("pilots")
    )
    related_modules = models.ManyToManyField(
        "training.TrainingModule",
        blank=True,
        related_name="toolbox_entries",
        verbose_name=_("training modules"),
    )
    related_entries = models.ManyToManyField("self", blank=True, verbose_name=_("related entries"))
    source_lesson = models.ForeignKey(
        "pilots.Lesson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_entries",
        verbose_name=_("from the lesson"),
    )
    source_answer = models.ForeignKey(
        "toolbox.Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        verbose_name=_("from the answer"),
    )
    # The editor's note when an entry is sent back from review to its authors.
    editor_comment = models.TextField(_("editor's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("toolbox entry")
        verbose_name_plural = _("toolbox entries")
        indexes = [models.Index(fields=["status", "language"])]
        constraints = [
            models.UniqueConstraint(
                fields=["original", "language"], name="toolbox_one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    @property
    def root(self) -> Entry:
        """The original of this entry's family of translations."""
        return self.original or self


class EntryDomain(models.Model):
    """A creative domain (as named in the registry's creative definition sets) an entry serves."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("creative domain"), max_length=100)

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "domain"], name="toolbox_domain_unique")
        ]

    def __str__(self) -> str:
        return self.domain


class EntryVersion(models.Model):
    """The text of an entry as one edit saved it; versions are never changed afterwards."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField(blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="toolbox_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.number}"


class Attachment(models.Model):
    """A file that comes with an entry (a template to download, a handout, a picture)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="toolbox/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """A peer's judgement of an entry: a manager of another cluster, one review per entry."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolbox_reviews"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("reviewer's cluster")
    )
    comment = models.TextField(_("comment"))
    used_it = models.BooleanField(_("we used it"), default=False)
    would_use = models.BooleanField(_("we would use it"), default=False)
    evidence_level = models.CharField(
        _("evidence level"), max_length=12, choices=EvidenceLevel.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "reviewer"], name="toolbox_review_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.entry_id}"


class Question(models.Model):
    """A question a manager puts to the whole network."""

    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_questions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """An answer to a question; the asker or an editor marks the good ones."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_answers",
    )
    is_good = models.BooleanField(_("good answer"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_good", "created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.body[:60]


class SearchDocument(models.Model):
    """An entry's length in index terms, for BM25's length normalisation."""

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    length = models.FloatField()

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.length:g}"


class SearchTerm(models.Model):
    """One stemmed term of an entry ("de:gutschein"), weighted by field (title counts most).

    Maintained by the services on every save, so a search is two indexed queries on SQLite
    and PostgreSQL alike.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=80)
    weight = models.FloatField()
    # The entry's weighted length, repeated here so ranking reads one table without a join.
    length = models.FloatField(default=0)

    class Meta:
        # Covering: a search reads the postings of its terms from the index alone.
        indexes = [
            models.Index(fields=["term", "entry", "weight", "length"], name="toolbox_term_postings")
        ]
        constraints = [
            models.UniqueConstraint(fields=["entry", "term"], name="toolbox_term_unique")
        ]

    def __str__(self) -> str:
        return self.term
