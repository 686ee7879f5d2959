"""Demo offers and requests for the demo network (called by `seed_demo`)."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from clusterlab.registry.models import Organisation

from .enums import ProfileKind, ProfileStatus, ProfileType
from .models import CooperationProfile

TITLES = {
    ProfileKind.OFFER: {
        "en": "We offer {cap}",
        "de": "Wir bieten {cap}",
        "fr": "Nous proposons : {cap}",
        "es": "Ofrecemos {cap}",
        "it": "Offriamo {cap}",
        "pl": "Oferujemy: {cap}",
        "ca": "Oferim {cap}",
    },
    ProfileKind.REQUEST: {
        "en": "Looking for {cap}",
        "de": "Wir suchen {cap}",
        "fr": "Nous cherchons : {cap}",
        "es": "Buscamos {cap}",
        "it": "Cerchiamo {cap}",
        "pl": "Szukamy: {cap}",
        "ca": "Busquem {cap}",
    },
}


@transaction.atomic
def extend_demo(*, seed: int, share: float = 0.2) -> int:
    """Publish an offer or a request for a share of the demo organisations; return how many."""
    rng = random.Random(seed + 101)
    orgs = list(
        Organisation.objects.order_by("pk").prefetch_related(
            "capabilities_offered", "capabilities_sought"
        )
    )
    now = timezone.now()
    profiles, links = [], []
    for org in orgs:
        if rng.random() >= share:
            continue
        kind = rng.choice([ProfileKind.OFFER, ProfileKind.REQUEST])
        caps = list(
            org.capabilities_offered.all()
            if kind == ProfileKind.OFFER
            else org.capabilities_sought.all()
        )
        if not caps:
            continue
        lang = org.description_language
        label = getattr(caps[0], f"label_{lang}", caps[0].label_en)
        profiles.append(
            CooperationProfile(
                organisation=org,
                kind=kind,
                profile_type=rng.choice(list(ProfileType.values)),
                title=TITLES[kind][lang].format(cap=label),
                description=org.description,
                language=lang,
                status=ProfileStatus.PUBLISHED,
                published_at=now,
                visibility=org.visibility,
            )
        )
        links.append(caps)
    CooperationProfile.objects.bulk_create(profiles, batch_size=2000)
    through = CooperationProfile.capabilities.through
    through.objects.bulk_create(
        [
            through(cooperationprofile_id=p.pk, capability_id=c.pk)
            for p, caps in zip(profiles, links, strict=True)
            for c in caps
        ],
        batch_size=5000,
    )
    return len(profiles)
