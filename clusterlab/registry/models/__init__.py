from .imports import ImportJob
from .network import (
    Cluster,
    LetterOfSupport,
    Membership,
    NetworkSettings,
    Organisation,
    OrganisationNote,
    ServiceRecord,
)
from .people import Consent, Contact
from .reference import (
    Capability,
    Country,
    CreativeDefinitionEntry,
    CreativeDefinitionSet,
    Language,
    NaceSector,
    NutsRegion,
)

__all__ = [
    "Capability",
    "Cluster",
    "Consent",
    "Contact",
    "Country",
    "CreativeDefinitionEntry",
    "CreativeDefinitionSet",
    "ImportJob",
    "Language",
    "LetterOfSupport",
    "Membership",
    "NaceSector",
    "NetworkSettings",
    "NutsRegion",
    "Organisation",
    "OrganisationNote",
    "ServiceRecord",
]
