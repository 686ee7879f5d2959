"""A plausible, deterministic demo network: clusters in real creative regions, their members.

Names of firms and people are generated (Faker, seeded); regions, sectors, capabilities and
languages are the real reference data. Everything is written with bulk operations so the
full network-scale size (50 clusters, 25,000 organisations) loads in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from .enums import (
    ClusterKind,
    ConsentPurpose,
    MembershipStatus,
    OrganisationKind,
    ServiceKind,
    SizeBand,
    Visibility,
)
from .models import (
    Capability,
    Cluster,
    Consent,
    Contact,
    LetterOfSupport,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
    ServiceRecord,
)
from .services import organisation_creative_refresh

DEMO_PASSWORD = "clusterlab-demo"

# (NUTS code, language, Faker locale, legal suffix, cities)
REGIONS = [
    ("DE11", "de", "de_DE", "GmbH", ["Stuttgart", "Esslingen", "Ludwigsburg", "Böblingen"]),
    ("ES51", "ca", "es_ES", "S.L.", ["Barcelona", "Girona", "Sabadell", "Terrassa"]),
    ("CH04", "de", "de_CH", "AG", ["Zürich", "Winterthur", "Uster"]),
    ("AT31", "de", "de_AT", "GmbH", ["Linz", "Wels", "Steyr"]),
    ("ITF4", "it", "it_IT", "S.r.l.", ["Bari", "Lecce", "Taranto", "Brindisi"]),
    ("ITC4", "it", "it_IT", "S.r.l.", ["Milano", "Bergamo", "Monza", "Brescia"]),
    ("DK01", "en", "da_DK", "ApS", ["København", "Frederiksberg", "Hillerød"]),
    ("FRE1", "fr", "fr_FR", "SAS", ["Lille", "Roubaix", "Tourcoing", "Valenciennes"]),
    ("PL91", "pl", "pl_PL", "Sp. z o.o.", ["Warszawa"]),
    ("UKI", "en", "en_GB", "Ltd", ["London"]),
    ("DE30", "de", "de_DE", "GmbH", ["Berlin"]),
    ("NL32", "en", "nl_NL", "B.V.", ["Amsterdam", "Haarlem", "Zaandam"]),
    ("BE10", "fr", "nl_BE", "SRL", ["Bruxelles"]),
    ("SE11", "en", "sv_SE", "AB", ["Stockholm", "Södertälje"]),
    ("FI1B", "en", "fi_FI", "Oy", ["Helsinki", "Espoo", "Vantaa"]),
    ("PT11", "en", "pt_PT", "Lda.", ["Porto", "Braga", "Guimarães"]),
    ("IE06", "en", "en_IE", "Ltd", ["Dublin"]),
    ("CZ01", "en", "cs_CZ", "s.r.o.", ["Praha"]),
    ("HU11", "en", "hu_HU", "Kft.", ["Budapest"]),
    ("SI04", "en", "sl_SI", "d.o.o.", ["Ljubljana", "Kranj"]),
    ("ES30", "es", "es_ES", "S.L.", ["Madrid", "Alcalá de Henares", "Getafe"]),
    ("FR10", "fr", "fr_FR", "SAS", ["Paris", "Boulogne-Billancourt", "Montreuil"]),
    ("DE60", "de", "de_DE", "GmbH", ["Hamburg"]),
    ("EE00", "en", "et_EE", "OÜ", ["Tallinn", "Tartu"]),
    ("PL21", "pl", "pl_PL", "Sp. z o.o.", ["Kraków", "Tarnów"]),
]

THEMES = {
    "design": (ClusterKind.CREATIVE, ["74.10", "71.11", "73.11", "32.12", "74.20"]),
    "media": (ClusterKind.CREATIVE, ["59.11", "59.12", "60.20", "58.11", "63.91", "58.14"]),
    "music": (ClusterKind.CREATIVE, ["59.20", "90.01", "90.02", "32.20", "85.52"]),
    "architecture": (ClusterKind.CREATIVE, ["71.11", "71.12", "74.10", "41.10"]),
    "games": (ClusterKind.CREATIVE, ["58.21", "62.01", "62.02", "59.11"]),
    "automotive": (ClusterKind.TRADITIONAL, ["29.10", "29.32", "22.29", "25.62", "28.41"]),
    "mechatronics": (ClusterKind.TRADITIONAL, ["28.41", "27.11", "26.51", "28.99", "33.12"]),
    "textiles": (ClusterKind.TRADITIONAL, ["13.20", "14.13", "13.92", "15.12", "14.19"]),
    "food": (ClusterKind.TRADITIONAL, ["10.71", "10.51", "11.02", "10.89", "10.39"]),
    "tourism": (ClusterKind.TRADITIONAL, ["55.10", "79.11", "56.10", "79.90", "93.29"]),
    "health": (ClusterKind.TRADITIONAL, ["86.10", "21.20", "32.50", "86.90", "72.19"]),
    "energy": (ClusterKind.TRADITIONAL, ["35.11", "27.90", "43.21", "71.12", "35.30"]),
}
CREATIVE_GROUPS = {"design", "media", "digital", "marketing", "arts-culture", "architecture-space"}

DESCRIPTIONS = {
    "en": "{name} is a firm in {city} working on {a} and {b}. We look for partners in {c}.",
    "de": "{name} ist ein Unternehmen aus {city} mit Schwerpunkt {a} und {b}. "
    "Wir suchen Partner für {c}.",
    "fr": "{name} est une entreprise de {city} spécialisée en {a} et {b}. "
    "Nous cherchons des partenaires pour {c}.",
    "es": "{name} es una empresa de {city} especializada en {a} y {b}. Buscamos socios para {c}.",
    "it": "{name} è un'impresa di {city} specializzata in {a} e {b}. Cerchiamo partner per {c}.",
    "pl": "{name} to firma z miasta {city} specjalizująca się w: {a}, {b}. "
    "Szukamy partnerów w obszarze: {c}.",
    "ca": "{name} és una empresa de {city} especialitzada en {a} i {b}. Busquem socis per a {c}.",
}
SYLLABLES = [
    "lu",
    "mar",
    "vi",
    "sta",
    "no",
    "ra",
    "ko",
    "tel",
    "fa",
    "bri",
    "den",
    "so",
    "ka",
    "lin",
    "tri",
    "ve",
    "on",
    "mo",
    "dra",
    "pix",
    "ar",
    "zen",
    "ul",
    "qua",
    "ber",
]
WORDS = {
    "design": ["Studio", "Design", "Form", "Atelier"],
    "media": ["Media", "Film", "Pictures"],
    "music": ["Sound", "Records", "Audio"],
    "architecture": ["Architekten", "Architects", "Arquitectura"],
    "games": ["Games", "Interactive", "Play"],
    "automotive": ["Automotive", "Parts"],
    "mechatronics": ["Systems", "Mechatronik", "Robotics"],
    "textiles": ["Textile", "Fabrics"],
    "food": ["Foods", "Bakery", "Dairy"],
    "tourism": ["Travel", "Hotels", "Tours"],
    "health": ["Health", "Medical", "Care"],
    "energy": ["Energy", "Solar", "Power"],
}
KIND_WEIGHTS = [
    (OrganisationKind.MICRO, 55),
    (OrganisationKind.SMALL, 25),
    (OrganisationKind.MEDIUM, 8),
    (OrganisationKind.LARGE, 3),
    (OrganisationKind.RESEARCH, 3),
    (OrganisationKind.ASSOCIATION, 3),
    (OrganisationKind.PUBLIC_BODY, 1),
    (OrganisationKind.SUPPORT_AGENCY, 1),
    (OrganisationKind.INVESTOR, 1),
]
SIZE_OF_KIND = {
    OrganisationKind.MICRO: [SizeBand.SOLO, SizeBand.MICRO],
    OrganisationKind.SMALL: [SizeBand.SMALL],
    OrganisationKind.MEDIUM: [SizeBand.MEDIUM],
    OrganisationKind.LARGE: [SizeBand.LARGE],
}


@dataclass
class DemoResult:
    clusters: int
    organisations: int
    accounts: list[tuple[str, str, str]]  # (role, username, what they can do)


def _cluster_plan(count: int) -> list[tuple[tuple, str]]:
    """Pair regions with themes, alternating creative and traditional clusters.

    In the first round even regions get a creative cluster and odd ones a traditional one,
    in the second round the other way round, so a small demo already mixes both kinds.
    """
    creative = [t for t, (k, _s) in THEMES.items() if k == ClusterKind.CREATIVE]
    traditional = [t for t, (k, _s) in THEMES.items() if k == ClusterKind.TRADITIONAL]
    plan = []
    round_no = 0
    while len(plan) < count:
        for i, region in enumerate(REGIONS):
            pool = creative if (i + round_no) % 2 == 0 else traditional
            plan.append((region, pool[(i // 2 + round_no) % len(pool)]))
            if len(plan) == count:
                break
        round_no += 1
    return plan


def _firm_name(rng: random.Random, theme: str, suffix: str, taken: set[str]) -> str:
    while True:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
        name = f"{stem} {rng.choice(WORDS[theme])} {suffix}"
        if name not in taken:
            taken.add(name)
            return name


@transaction.atomic
def seed_demo(
    *, clusters: int = 50, organisations: int = 25_000, seed: int = 1, with_history: bool = True
) -> DemoResult:
    """Build the demo network (reference data must be loaded); deterministic for a seed."""
    rng = random.Random(seed)
    sectors = dict(NaceSector.objects.filter(version="2", level=4).values_list("code", "pk"))
    capabilities = list(
        Capability.objects.values_list(
            "pk", "group", *[f"label_{lang}" for lang in ("en", "de", "fr", "es", "it", "pl", "ca")]
        )
    )
    creative_caps = [c for c in capabilities if c[1] in CREATIVE_GROUPS]
    other_caps = [c for c in capabilities if c[1] not in CREATIVE_GROUPS]
    nuts3 = defaultdict(list)
    for code in NutsRegion.objects.filter(level=3).values_list("code", flat=True):
        for length in (3, 4):
            nuts3[code[:length]].append(code)
    fakers = {}
    plan = _cluster_plan(clusters)
    cluster_objs = []
    for index, ((nuts, _lang, _locale, _suffix, cities), theme) in enumerate(plan):
        kind = THEMES[theme][0]
        region_name = NutsRegion.objects.get(code=nuts).name
        label = {
            "design": "Design",
            "media": "Media",
            "music": "Music",
            "architecture": "Architecture",
            "games": "Games",
        }.get(theme, theme.title())
        cluster_objs.append(
            Cluster(
                name=f"{label} Cluster {region_name}"
                + (f" {index // len(REGIONS) + 1}" if index >= 2 * len(REGIONS) else ""),
                slug=f"{theme}-{nuts.lower()}" + (f"-{index}" if index >= 2 * len(REGIONS) else ""),
                kind=kind,
                country_id=nuts[:2],
                description=f"The {theme} cluster of {region_name} ({cities[0]}).",
                description_language="en",
                website=f"https://{theme}-{nuts.lower()}.example.org",
                founded_year=rng.randint(1995, 2020),
            )
        )
    Cluster.objects.bulk_create(cluster_objs)
    for cluster, ((nuts, *_rest), theme) in zip(cluster_objs, plan, strict=True):
        cluster.sectors.set([sectors[c] for c in THEMES[theme][1] if c in sectors])
        cluster.regions.set([nuts])

    taken: set[str] = set()
    orgs, org_meta = [], []
    kinds, kind_weights = zip(*KIND_WEIGHTS, strict=True)
    for i in range(organisations):
        c_index = i % len(cluster_objs)
        (nuts, lang, locale, suffix, cities), theme = plan[c_index]
        kind = rng.choices(kinds, kind_weights)[0]
        city = rng.choice(cities)
        own_caps = creative_caps if THEMES[theme][0] == ClusterKind.CREATIVE else other_caps
        seek_caps = other_caps if own_caps is creative_caps else creative_caps
        offered = rng.sample(own_caps, 3)
        sought = rng.sample(seek_caps, 2)
        label_index = 2 + ("en", "de", "fr", "es", "it", "pl", "ca").index(lang)
        name = _firm_name(rng, theme, suffix, taken)
        size = rng.choice(SIZE_OF_KIND.get(kind, [SizeBand.SMALL]))
        description = DESCRIPTIONS[lang].format(
            name=name,
            city=city,
            a=_in_sentence(offered[0][label_index], lang),
            b=_in_sentence(offered[1][label_index], lang),
            c=_in_sentence(sought[0][label_index], lang),
        )
        region_pool = nuts3.get(nuts) or [nuts]
        orgs.append(
            Organisation(
                name=name,
                kind=kind,
                country_id=nuts[:2],
                region_id=rng.choice(region_pool),
                city=city,
                size_band=size,
                founded_year=rng.randint(1950, 2025),
                website=f"https://{name.split()[0].lower()}{i}.example.com",
                description=description,
                description_language=lang,
                visibility=rng.choices(
                    [Visibility.PUBLIC, Visibility.NETWORK, Visibility.CLUSTER], [60, 30, 10]
                )[0],
            )
        )
        org_sectors = rng.sample(THEMES[theme][1], rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.15:  # some firms span a creative and a traditional activity
            other = rng.choice(list(THEMES))
            org_sectors.append(rng.choice(THEMES[other][1]))
        org_meta.append((c_index, org_sectors, offered, sought, lang, locale))
    if with_history:
        bulk_create_with_history(orgs, Organisation, batch_size=2000)
    else:
        Organisation.objects.bulk_create(orgs, batch_size=2000)

    _seed_relations(rng, orgs, org_meta, cluster_objs, sectors, fakers, with_history)
    organisation_creative_refresh()
    for cluster, org in zip(cluster_objs, orgs, strict=False):
        cluster.managing_organisation = org
    Cluster.objects.bulk_update(cluster_objs, ["managing_organisation"])
    accounts = _seed_accounts(cluster_objs, orgs)
    return DemoResult(clusters=len(cluster_objs), organisations=len(orgs), accounts=accounts)


def _seed_relations(rng, orgs, org_meta, cluster_objs, sectors, fakers, with_history) -> None:
    through = {
        key: getattr(Organisation, key).through
        for key in ("sectors", "capabilities_offered", "capabilities_sought", "languages")
    }
    rows = defaultdict(list)
    memberships, contacts, services = [], [], []
    today = timezone.localdate()
    for org, (c_index, org_sectors, offered, sought, lang, locale) in zip(
        orgs, org_meta, strict=True
    ):
        for code in dict.fromkeys(org_sectors):
            if code in sectors:
                rows["sectors"].append(
                    through["sectors"](organisation_id=org.pk, nacesector_id=sectors[code])
                )
        for cap in offered:
            rows["capabilities_offered"].append(
                through["capabilities_offered"](organisation_id=org.pk, capability_id=cap[0])
            )
        for cap in sought:
            rows["capabilities_sought"].append(
                through["capabilities_sought"](organisation_id=org.pk, capability_id=cap[0])
            )
        for code in dict.fromkeys([lang, "en"]):
            rows["languages"].append(through["languages"](organisation_id=org.pk, language_id=code))
        status = rng.choices(
            [MembershipStatus.ACTIVE, MembershipStatus.PROSPECT, MembershipStatus.LEFT], [85, 10, 5]
        )[0]
        joined = today - dt.timedelta(days=rng.randint(30, 3650))
        memberships.append(
            Membership(
                cluster=cluster_objs[c_index],
                organisation=org,
                status=status,
                joined=joined,
                left=today - dt.timedelta(days=rng.randint(1, 29)) if status == "left" else None,
            )
        )
        if rng.random() < 0.1 and len(cluster_objs) > 1:
            other = cluster_objs[
                (c_index + rng.randint(1, len(cluster_objs) - 1)) % len(cluster_objs)
            ]
            memberships.append(
                Membership(
                    cluster=other, organisation=org, joined=joined, status=MembershipStatus.ACTIVE
                )
            )
        fake = fakers.get(locale)
        if fake is None:
            fake = fakers[locale] = Faker(locale)
            fake.seed_instance(rng.randint(0, 2**31))
        for _n in range(rng.choice((1, 1, 2))):
            first, last = fake.first_name(), fake.last_name()
            contacts.append(
                Contact(
                    organisation=org,
                    first_name=first,
                    last_name=last,
                    email=f"{_ascii(first)}.{_ascii(last)}@{org.website.split('//')[1]}",
                    phone=f"+{rng.randint(30, 49)} {rng.randint(100, 999)} "
                    f"{rng.randint(10**5, 10**6)}",
                    role=rng.choice(
                        [
                            "CEO",
                            "Managing director",
                            "Head of design",
                            "Project lead",
                            "Founder",
                            "Marketing",
                        ]
                    ),
                )
            )
        for _n in range(rng.choice((0, 1, 1, 2, 3))):
            services.append(
                ServiceRecord(
                    organisation=org,
                    cluster=cluster_objs[c_index],
                    kind=rng.choice(list(ServiceKind.values)),
                    date=today - dt.timedelta(days=rng.randint(0, 730)),
                    description="Demo service",
                )
            )
    for key, objs in rows.items():
        through[key].objects.bulk_create(objs, batch_size=5000)
    create = (
        bulk_create_with_history
        if with_history
        else (
            lambda objs, model, batch_size: model.objects.bulk_create(objs, batch_size=batch_size)
        )
    )
    create(memberships, Membership, batch_size=2000)
    create(contacts, Contact, batch_size=2000)
    ServiceRecord.objects.bulk_create(services, batch_size=5000)
    now = timezone.now()
    Consent.objects.bulk_create(
        [
            Consent(
                contact=c,
                purpose=ConsentPurpose.NETWORK_CONTACT,
                given_at=now,
                source="demo membership form",
            )
            for c in contacts
        ],
        batch_size=5000,
    )
    LetterOfSupport.objects.bulk_create(
        [
            LetterOfSupport(
                organisation=orgs[i],
                cluster=cluster_objs[i % len(cluster_objs)],
                date=today - dt.timedelta(days=400),
                commitment="We support the network and will host one study visit.",
            )
            for i in range(0, min(len(orgs), 5 * len(cluster_objs)), 5)
        ]
    )


def _in_sentence(label: str, lang: str) -> str:
    # German capitalises nouns; elsewhere a label inside a sentence starts lower-case.
    return label if lang == "de" else label[:1].lower() + label[1:]


def _ascii(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in flat.lower() if ch.isalnum()) or "contact"


def _seed_accounts(cluster_objs, orgs) -> list[tuple[str, str, str]]:
    User = get_user_model()
    accounts = []

    def make(username, role, note, **flags):
        user = User(username=username, email=f"{username}@demo.clusterlab.local", **flags)
        user.set_password(DEMO_PASSWORD)
        user.save()
        accounts.append((role, username, note))
        return user

    make(
        "coordinator",
        "coordinator",
        "runs the whole network; admin",
        is_coordinator=True,
        is_staff=True,
        first_name="Clara",
        last_name="Coordinator",
    )
    for cluster in cluster_objs[:2]:
        user = make(
            f"manager-{cluster.slug}",
            "cluster manager",
            f"manages {cluster.name}",
            first_name="Demo",
            last_name="Manager",
        )
        cluster.managers.add(user)
    if orgs:
        make(
            "member",
            "member",
            f"represents {orgs[0].name}",
            organisation=orgs[0],
            first_name="Mia",
            last_name="Member",
        )
    make("trainer", "trainer", "trains and coaches cluster managers", is_trainer=True)
    return accounts
