"""Import a cluster's member list: map columns, check every row, then commit all or nothing.

One lookup pass builds dictionaries of the reference data and of the cluster's current
members (natural key: name + country, scoped to this cluster so a row can never touch
another cluster's organisation); rows are then resolved in plain Python and written with
bulk operations.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterlab.core.bulk import history_create_many, insert_many
from clusterlab.core.errors import DomainError, NotAllowed

from .enums import ImportStatus, MembershipStatus, OrganisationKind, SizeBand, Visibility
from .models import (
    Capability,
    Cluster,
    Contact,
    Country,
    ImportJob,
    Language,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
)
from .permissions import can_manage_cluster
from .reference_data import ISO_TO_EUROSTAT, country_names
from .services import organisation_creative_refresh
from .tabular import is_xlsx, read_table, read_xlsx_header

logger = logging.getLogger(__name__)
LIST_SPLIT = re.compile(r"\s*[;|]\s*")


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


IMPORT_FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "name",
        gettext_lazy("Name"),
        True,
        (
            "organisation",
            "organization",
            "company",
            "firm",
            "firma",
            "unternehmen",
            "nom",
            "nombre",
            "nome",
            "nazwa",
            "empresa",
            "entreprise",
        ),
    ),
    ImportField(
        "country",
        gettext_lazy("Country"),
        True,
        ("land", "pays", "pais", "país", "paese", "kraj", "country code"),
    ),
    ImportField(
        "kind", gettext_lazy("Kind"), False, ("type", "typ", "organisation kind", "category")
    ),
    ImportField(
        "region",
        gettext_lazy("NUTS region"),
        False,
        ("nuts", "nuts region", "nuts code", "region code"),
    ),
    ImportField(
        "city",
        gettext_lazy("City"),
        False,
        ("town", "stadt", "ort", "ville", "ciudad", "città", "citta", "miasto", "ciutat"),
    ),
    ImportField(
        "size_band",
        gettext_lazy("Size"),
        False,
        ("size", "employees", "größe", "mitarbeiter", "taille"),
    ),
    ImportField(
        "founded_year",
        gettext_lazy("Founding year"),
        False,
        ("founded", "year founded", "gründungsjahr", "founding year"),
    ),
    ImportField(
        "website",
        gettext_lazy("Website"),
        False,
        ("web", "url", "homepage", "webseite", "site web"),
    ),
    ImportField(
        "description",
        gettext_lazy("Description"),
        False,
        ("about", "beschreibung", "profile", "profil"),
    ),
    ImportField(
        "description_language",
        gettext_lazy("Language of the description"),
        False,
        ("description language", "language"),
    ),
    ImportField(
        "sectors",
        gettext_lazy("NACE sectors"),
        False,
        ("nace", "nace codes", "sector", "sectors", "branche", "secteur", "sector nace"),
    ),
    ImportField(
        "capabilities_offered",
        gettext_lazy("Capabilities offered"),
        False,
        ("offers", "capabilities", "offered"),
    ),
    ImportField(
        "capabilities_sought",
        gettext_lazy("Capabilities sought"),
        False,
        ("seeks", "sought", "needs"),
    ),
    ImportField("languages", gettext_lazy("Languages spoken"), False, ("languages", "sprachen")),
    ImportField("visibility", gettext_lazy("Visibility"), False, ("sichtbarkeit",)),
    ImportField(
        "membership_status", gettext_lazy("Membership status"), False, ("status", "member status")
    ),
    ImportField(
        "joined",
        gettext_lazy("Joined"),
        False,
        ("member since", "joined on", "mitglied seit", "beitritt"),
    ),
    ImportField(
        "contact_first_name",
        gettext_lazy("Contact first name"),
        False,
        ("first name", "vorname", "prénom", "nombre contacto"),
    ),
    ImportField(
        "contact_last_name",
        gettext_lazy("Contact last name"),
        False,
        ("last name", "nachname", "surname", "nom de famille", "apellido"),
    ),
    ImportField(
        "contact_email",
        gettext_lazy("Contact e-mail"),
        False,
        ("email", "e-mail", "mail", "contact email"),
    ),
    ImportField(
        "contact_phone",
        gettext_lazy("Contact phone"),
        False,
        ("phone", "telefon", "téléphone", "telefono", "teléfono"),
    ),
)
FIELD_BY_NAME = {f.name: f for f in IMPORT_FIELDS}
KIND_OF_SIZE = {
    SizeBand.SOLO: OrganisationKind.MICRO,
    SizeBand.MICRO: OrganisationKind.MICRO,
    SizeBand.SMALL: OrganisationKind.SMALL,
    SizeBand.MEDIUM: OrganisationKind.MEDIUM,
    SizeBand.LARGE: OrganisationKind.LARGE,
}
PREVIEW_ROWS = 200
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", text)


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Map each import field to the column whose header names it (in any working language)."""
    by_norm = {_norm(h): h for h in headers if h}
    mapping = {}
    for f in IMPORT_FIELDS:
        for candidate in (f.name, str(f.label), *f.aliases):
            header = by_norm.get(_norm(candidate))
            if header and header not in mapping.values():
                mapping[f.name] = header
                break
    return mapping


@dataclass
class RowPlan:
    row: int
    action: str  # "create" or "update"
    organisation_id: int | None
    values: dict
    m2m: dict = field(default_factory=dict)
    membership_status: str = MembershipStatus.ACTIVE
    joined: dt.date | None = None
    contact: dict | None = None
    given: frozenset[str] = frozenset()  # fields whose cell had a value


@dataclass
class ImportResult:
    plans: list[RowPlan]
    errors: list[dict]
    mapped: set[str] = field(default_factory=set)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _Lookups:
    """Dictionaries of everything a row may name, built in one pass per table."""

    def __init__(self, cluster: Cluster):
        self.countries: dict[str, str] = {}
        for c in Country.objects.all():
            for key in (c.code, c.iso_code, c.name, *country_names(c.iso_code)):
                self.countries.setdefault(_norm(key), c.code)
        self.regions: dict[str, tuple[str, str]] = {}
        region_names: dict[str, list[tuple[str, str]]] = {}
        for code, country, name, native in NutsRegion.objects.values_list(
            "code", "country_id", "name", "name_native"
        ):
            self.regions[_norm(code)] = (code, country)
            for n in {name, native}:
                region_names.setdefault(_norm(n), []).append((code, country))
        self.region_names = region_names
        self.sectors: dict[str, int] = {}
        names = [f"name_{lang}" for lang in ("en", "de", "fr", "es", "it", "pl", "ca")]
        # Classes first: a group and its only class often share a name, and the creative
        # sets (and members) mean the class.
        for row in (
            NaceSector.objects.filter(version="2")
            .order_by("-level", "code")
            .values("pk", "code", *names)
        ):
            self.sectors[_norm(row["code"])] = row["pk"]
            for n in names:
                if row[n]:
                    self.sectors.setdefault(_norm(row[n]), row["pk"])
        self.capabilities: dict[str, int] = {}
        labels = [f"label_{lang}" for lang in ("en", "de", "fr", "es", "it", "pl", "ca")]
        for row in Capability.objects.values("pk", "code", *labels):
            self.capabilities[_norm(row["code"])] = row["pk"]
            for n in labels:
                self.capabilities.setdefault(_norm(row[n]), row["pk"])
        self.languages = {}
        for code, name in Language.objects.values_list("code", "name"):
            self.languages[_norm(code)] = code
            self.languages[_norm(name)] = code
        # Only current members can be updated; former members are no longer the cluster's.
        self.members: dict[tuple[str, str], int] = {}
        self.former: set[tuple[str, str]] = set()
        for name, country, status in Membership.objects.filter(cluster=cluster).values_list(
            "organisation__name", "organisation__country_id", "status"
        ):
            key = (_norm(name), country)
            if status == MembershipStatus.LEFT:
                self.former.add(key)
        for pk, name, country in (
            Organisation.objects.filter(memberships__cluster=cluster)
            .exclude(memberships__cluster=cluster, memberships__status=MembershipStatus.LEFT)
            .values_list("pk", "name", "country_id")
        ):
            self.members[(_norm(name), country)] = pk
        self.kinds = _choice_lookup(OrganisationKind)
        self.sizes = _choice_lookup(SizeBand)
        self.visibilities = _choice_lookup(Visibility)
        self.statuses = _choice_lookup(MembershipStatus)


def _choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices.choices:
        lookup[_norm(value)] = value
        lookup[_norm(str(label))] = value
    return lookup


class _RowChecker:
    """Turn one row into values, recording each bad cell as (row, column, message)."""

    def __init__(self, lookups: _Lookups, mapping: dict[str, str], headers: list[str]):
        self.lk = lookups
        self.columns = {name: headers.index(col) for name, col in mapping.items() if col in headers}
        self.mapping = mapping
        self.errors: list[dict] = []

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    def error(self, row_no: int, name: str, message: str) -> None:
        self.errors.append(
            {
                "row": row_no,
                "column": self.mapping.get(name, name),
                "field": name,
                "message": message,
            }
        )

    def choice(self, row_no, row, name, lookup, default=""):
        raw = self.cell(row, name)
        if not raw:
            return default
        value = lookup.get(_norm(raw))
        if value is None:
            self.error(row_no, name, _("“%(value)s” is not a known value.") % {"value": raw})
        return value or default

    def many(self, row_no, row, name, lookup, what: str) -> list:
        raw = self.cell(row, name)
        found = []
        for item in (i for i in LIST_SPLIT.split(raw) if i) if raw else ():
            value = lookup.get(_norm(item))
            if value is None:
                self.error(
                    row_no,
                    name,
                    _("“%(value)s” is not a known %(what)s.") % {"value": item, "what": what},
                )
            else:
                found.append(value)
        return found


def _check_row(chk: _RowChecker, row_no: int, row: list[str]) -> RowPlan | None:
    lk = chk.lk
    before = len(chk.errors)
    name = chk.cell(row, "name")
    if not name:
        chk.error(row_no, "name", _("A name is required."))
    elif len(name) > 200:
        chk.error(row_no, "name", _("The name is longer than 200 characters."))
    raw_country = chk.cell(row, "country")
    country = lk.countries.get(_norm(raw_country)) if raw_country else None
    if country is None:
        chk.error(
            row_no,
            "country",
            _("“%(value)s” is not a known country.") % {"value": raw_country}
            if raw_country
            else _("A country is required."),
        )
    country = ISO_TO_EUROSTAT.get(country, country) if country else None
    region = None
    raw_region = chk.cell(row, "region")
    if raw_region:
        hit = lk.regions.get(_norm(raw_region))
        if hit is None:
            candidates = lk.region_names.get(_norm(raw_region), [])
            in_country = [c for c in candidates if c[1] == country]
            hit = (in_country or candidates or [None])[0]
        if hit is None:
            chk.error(
                row_no,
                "region",
                _("“%(value)s” is not a known NUTS region.") % {"value": raw_region},
            )
        elif country and hit[1] != country:
            chk.error(
                row_no,
                "region",
                _("Region %(region)s is not in %(country)s.")
                % {"region": hit[0], "country": country},
            )
        else:
            region = hit[0]
    year = None
    raw_year = chk.cell(row, "founded_year")
    if raw_year:
        if (
            raw_year.isascii()
            and raw_year.isdecimal()
            and 1500 <= int(raw_year) <= timezone.localdate().year
        ):
            year = int(raw_year)
        else:
            chk.error(
                row_no, "founded_year", _("“%(value)s” is not a valid year.") % {"value": raw_year}
            )
    website = chk.cell(row, "website")
    if website and not re.match(r"^https?://", website):
        website = "https://" + website
    if website and (" " in website or "." not in website or len(website) > 200):
        chk.error(row_no, "website", _("“%(value)s” is not a web address.") % {"value": website})
    joined = None
    raw_joined = chk.cell(row, "joined")
    if raw_joined:
        joined = _parse_date(raw_joined)
        if joined is None:
            chk.error(
                row_no,
                "joined",
                _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": raw_joined},
            )
    description_language = chk.cell(row, "description_language").lower()[:2] or "en"
    if description_language not in {"en", "de", "fr", "es", "it", "pl", "ca"}:
        chk.error(row_no, "description_language", _("Use one of en, de, fr, es, it, pl, ca."))
    values = {
        "name": name,
        "country_id": country,
        "region_id": region,
        "city": chk.cell(row, "city")[:120],
        "size_band": chk.choice(row_no, row, "size_band", lk.sizes),
        "founded_year": year,
        "website": website,
        "description": chk.cell(row, "description"),
        "description_language": description_language,
        "visibility": chk.choice(row_no, row, "visibility", lk.visibilities, Visibility.CLUSTER),
    }
    # Without a kind, the size says which kind of company it is; micro is the last resort.
    values["kind"] = chk.choice(row_no, row, "kind", lk.kinds) or KIND_OF_SIZE.get(
        values["size_band"], OrganisationKind.MICRO
    )
    m2m = {}
    for key, lookup, what in (
        ("sectors", lk.sectors, _("NACE sector")),
        ("capabilities_offered", lk.capabilities, _("capability")),
        ("capabilities_sought", lk.capabilities, _("capability")),
        ("languages", lk.languages, _("language")),
    ):
        if chk.cell(row, key):  # an empty cell keeps what the member has
            m2m[key] = chk.many(row_no, row, key, lookup, what)
    contact = _contact_of(chk, row_no, row)
    status = chk.choice(row_no, row, "membership_status", lk.statuses, MembershipStatus.ACTIVE)
    if (_norm(name), country) in lk.former and (_norm(name), country) not in lk.members:
        chk.error(
            row_no,
            "name",
            _(
                "%(name)s left the cluster; only the organisation itself "
                "or a coordinator can bring it back."
            )
            % {"name": name},
        )
    if len(chk.errors) > before:
        return None
    existing = lk.members.get((_norm(name), country))
    given = frozenset(f for f in chk.columns if chk.cell(row, f))
    return RowPlan(
        row=row_no,
        action="update" if existing else "create",
        organisation_id=existing,
        values=values,
        m2m=m2m,
        membership_status=status,
        joined=joined,
        contact=contact,
        given=given,
    )


def _contact_of(chk: _RowChecker, row_no: int, row: list[str]) -> dict | None:
    first, last = chk.cell(row, "contact_first_name"), chk.cell(row, "contact_last_name")
    email, phone = chk.cell(row, "contact_email"), chk.cell(row, "contact_phone")
    if not any([first, last, email, phone]):
        return None
    if email and (len(email) > 254 or not EMAIL.match(email)):
        chk.error(
            row_no, "contact_email", _("“%(value)s” is not an e-mail address.") % {"value": email}
        )
    if not (first or last or email):
        chk.error(row_no, "contact_last_name", _("A contact needs a name or an e-mail."))
    return {
        "first_name": first[:100],
        "last_name": last[:100],
        "email": email.lower(),
        "phone": phone[:40],
    }


def _contact_key(email: str, first: str, last: str) -> str:
    """Identify a contact within its organisation: by e-mail, else by name."""
    return email.lower() if email else f"{_norm(first)}|{_norm(last)}"


def _parse_date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y"):
        try:
            parsed = dt.datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
        return parsed
    return None


def members_check(
    *,
    cluster: Cluster,
    headers: list[str],
    rows: list[list[str]],
    mapping: dict[str, str],
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check every row and plan its change; nothing is written (the dry run)."""
    missing = [f.name for f in IMPORT_FIELDS if f.required and f.name not in mapping]
    if missing:
        raise DomainError(
            _("Choose the column for: %(fields)s.")
            % {"fields": ", ".join(str(FIELD_BY_NAME[m].label) for m in missing)}
        )
    unknown = [col for col in mapping.values() if col not in headers]
    if unknown:
        raise DomainError(_("No column named %(col)s.") % {"col": ", ".join(unknown)})
    checker = _RowChecker(_Lookups(cluster), mapping, headers)
    plans: list[RowPlan] = []
    seen: dict[tuple[str, str], int] = {}
    for offset, row in enumerate(rows):
        row_no = offset + 2  # the header is row 1, as a spreadsheet numbers them
        if not row:
            continue  # a blank line in the sheet
        plan = _check_row(checker, row_no, row)
        if plan is not None:
            key = (_norm(plan.values["name"]), plan.values["country_id"])
            if key in seen:
                checker.error(
                    row_no, "name", _("Same organisation as row %(row)d.") % {"row": seen[key]}
                )
                continue
            seen[key] = row_no
            plans.append(plan)
        if progress and offset % 1000 == 999:
            progress(offset + 1)
    return ImportResult(plans=plans, errors=checker.errors, mapped=set(checker.columns))


@transaction.atomic
def members_commit(*, cluster: Cluster, result: ImportResult, actor=None) -> ImportResult:
    """Write a checked import in one transaction; refuse if any row had an error."""
    if not result.ok:
        raise DomainError(
            _("The file has %(n)d errors; nothing was imported.") % {"n": len(result.errors)}
        )
    creates = [p for p in result.plans if p.action == "create"]
    updates = [p for p in result.plans if p.action == "update"]
    now = timezone.now()
    new_orgs = [Organisation(**p.values, created_at=now, updated_at=now) for p in creates]
    Organisation.objects.bulk_create(new_orgs, batch_size=2000)
    history_create_many(Organisation, new_orgs, user=actor, when=now)
    if not all(o.pk for o in new_orgs):  # backends that return no ids from bulk inserts
        raise DomainError(_("This database cannot import in bulk."))
    for plan, org in zip(creates, new_orgs, strict=True):
        plan.organisation_id = org.pk
    _apply_updates(updates, actor, mapped=result.mapped, now=now)
    _write_relations(
        cluster,
        result.plans,
        actor=actor,
        now=now,
        update_status="membership_status" in result.mapped,
    )
    organisation_creative_refresh(organisation_ids=[p.organisation_id for p in result.plans])
    result.created, result.updated = len(creates), len(updates)
    return result


FIELD_OF_COLUMN = {"country_id": "country", "region_id": "region"}


def _apply_updates(updates: list[RowPlan], actor, *, mapped: set[str], now) -> None:
    if not updates:
        return
    existing = Organisation.objects.in_bulk([p.organisation_id for p in updates])
    fields = [
        "name",
        "kind",
        "country_id",
        "region_id",
        "city",
        "size_band",
        "founded_year",
        "website",
        "description",
        "description_language",
        "visibility",
    ]
    # Only columns the file has, and only non-empty cells: a partial sheet must not wipe
    # profiles, nor reset what the organisation chose itself (visibility) to a default.
    fields = [f for f in fields if FIELD_OF_COLUMN.get(f, f) in mapped]
    changed = []
    for plan in updates:
        org = existing[plan.organisation_id]
        for key in fields:
            if FIELD_OF_COLUMN.get(key, key) in plan.given:
                setattr(org, key, plan.values[key])
        org.updated_at = now
        changed.append(org)
    Organisation.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=2000)
    history_create_many(Organisation, changed, user=actor, history_type="~", when=now)


def _write_relations(
    cluster: Cluster, plans: list[RowPlan], *, actor, now, update_status: bool
) -> None:
    ids = [p.organisation_id for p in plans]
    for key in ("sectors", "capabilities_offered", "capabilities_sought", "languages"):
        rel = getattr(Organisation, key)
        through = rel.through
        target = rel.field.m2m_reverse_field_name()
        touched = [p for p in plans if key in p.m2m]
        if not touched:
            continue
        through.objects.filter(organisation_id__in=[p.organisation_id for p in touched]).delete()
        insert_many(
            through._meta.db_table,
            ["organisation_id", through._meta.get_field(target).column],
            ((p.organisation_id, v) for p in touched for v in dict.fromkeys(p.m2m[key])),
        )
    existing = dict(
        Membership.objects.filter(cluster=cluster, organisation_id__in=ids).values_list(
            "organisation_id", "pk"
        )
    )
    today = timezone.localdate()
    new_members = [
        Membership(
            cluster=cluster,
            organisation_id=p.organisation_id,
            status=p.membership_status,
            joined=p.joined or today,
            left=today if p.membership_status == MembershipStatus.LEFT else None,
        )
        for p in plans
        if p.organisation_id not in existing
    ]
    Membership.objects.bulk_create(new_members, batch_size=2000)
    history_create_many(Membership, new_members, user=actor, when=now)
    if update_status:
        _update_membership_status(cluster, plans, existing, actor=actor, now=now)
    known = {
        (org_id, _contact_key(email, first, last))
        for org_id, email, first, last in Contact.objects.filter(
            organisation_id__in=ids
        ).values_list("organisation_id", "email", "first_name", "last_name")
    }
    contacts = []
    for p in plans:
        if not p.contact:
            continue
        key = (
            p.organisation_id,
            _contact_key(p.contact["email"], p.contact["first_name"], p.contact["last_name"]),
        )
        if key not in known:
            known.add(key)
            contacts.append(Contact(organisation_id=p.organisation_id, created_at=now, **p.contact))
    Contact.objects.bulk_create(contacts, batch_size=2000)
    history_create_many(Contact, contacts, user=actor, when=now)


# --- Import jobs: the page's path (upload → check → commit), run by the task queue ----------


def _job_table(job) -> tuple[list[str], list[list[str]]]:
    with job.file.open("rb") as fh:
        return read_table(fh.read(), job.filename)


def import_job_create(*, actor, cluster: Cluster, upload) -> ImportJob:
    """Store an uploaded member list and read its header, refusing unreadable files at once."""
    if actor is not None and not can_manage_cluster(actor, cluster):
        raise NotAllowed(_("You may not import into this cluster."))
    data = upload.read()
    if is_xlsx(data, upload.name):
        headers, total = read_xlsx_header(data)  # the worker reads the rows
    else:
        headers, rows = read_table(data, upload.name)
        total = sum(1 for row in rows if row)
    job = ImportJob(
        cluster=cluster,
        uploaded_by=actor,
        filename=upload.name[:255],
        headers=headers,
        total_rows=total,
        mapping=guess_mapping(headers),
    )
    job.file.save(f"{uuid.uuid4().hex}.dat", ContentFile(data), save=False)
    job.save()
    return job


def import_job_preview(*, job_id: int) -> ImportJob:
    """Run the dry run of a job and store its preview and errors (idempotent)."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status__in=[ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED]
    ).update(status=ImportStatus.PREVIEWING, processed_rows=0, queued="")
    job = ImportJob.objects.select_related("cluster").get(pk=job_id)
    if not claimed:
        return job
    try:
        headers, rows = _job_table(job)
        result = members_check(
            cluster=job.cluster,
            headers=headers,
            rows=rows,
            mapping=job.mapping,
            progress=lambda n: ImportJob.objects.filter(pk=job_id).update(processed_rows=n),
        )
    except DomainError as exc:
        job.status, job.message, job.errors, job.preview = ImportStatus.FAILED, exc.message, [], []
        job.save()
        return job
    except Exception:
        # Whatever went wrong, the job must not stay "checking" for ever.
        logger.exception("import job %s: check failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED, message=_("The check failed unexpectedly; try again.")
        )
        raise
    job.status = ImportStatus.PREVIEWED
    job.total_rows = sum(1 for row in rows if row)
    job.processed_rows = job.total_rows
    job.errors = result.errors[:1000]
    job.message = ""
    job.to_create = sum(1 for p in result.plans if p.action == "create")
    job.to_update = sum(1 for p in result.plans if p.action == "update")
    job.preview = [
        {
            "row": p.row,
            "action": p.action,
            "name": p.values["name"],
            "country": p.values["country_id"],
            "region": p.values["region_id"] or "",
            "sectors": len(p.m2m.get("sectors", [])),
        }
        for p in result.plans[:PREVIEW_ROWS]
    ]
    job.save()
    return job


def import_job_commit(*, job_id: int, actor=None) -> ImportJob:
    """Check the file again against today's data and write it all, or nothing (idempotent)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.COMMITTING, queued=""
    )
    job = ImportJob.objects.select_related("cluster", "uploaded_by").get(pk=job_id)
    if not claimed:
        return job
    try:
        headers, rows = _job_table(job)
        with transaction.atomic():
            result = members_check(
                cluster=job.cluster, headers=headers, rows=rows, mapping=job.mapping
            )
            members_commit(cluster=job.cluster, result=result, actor=actor or job.uploaded_by)
    except DomainError as exc:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.PREVIEWED, message=exc.message
        )
        job.refresh_from_db()
        return job
    except DatabaseError as exc:
        # A value the checks let through but the database refused: nothing was written
        # (one transaction), and the job must not stay "importing" for ever.
        logger.exception("import job %s failed in the database", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            message=_("The database refused the import; nothing was written (%(error)s).")
            % {"error": str(exc).splitlines()[0][:200]},
        )
        job.refresh_from_db()
        return job
    except Exception:
        logger.exception("import job %s: commit failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            message=_("The import failed unexpectedly; nothing was written."),
        )
        raise
    # The rows now live in the database; the uploaded file (personal data) is not kept.
    job.file.delete(save=False)
    job.file = ""
    job.preview = []
    job.status = ImportStatus.DONE
    job.to_create, job.to_update = result.created, result.updated
    job.message = ""
    job.finished_at = timezone.now()
    job.save()
    return job


def _update_membership_status(cluster, plans, existing: dict, *, actor, now) -> None:
    wanted = {
        p.organisation_id: p.membership_status
        for p in plans
        if p.organisation_id in existing and "membership_status" in p.given
    }
    changed = []
    today = timezone.localdate()
    for membership in Membership.objects.filter(cluster=cluster, organisation_id__in=wanted):
        status = wanted[membership.organisation_id]
        if membership.status != status:
            membership.status = status
            membership.left = today if status == MembershipStatus.LEFT else None
            changed.append(membership)
    Membership.objects.bulk_update(changed, ["status", "left"])
    history_create_many(Membership, changed, user=actor, history_type="~", when=now)
