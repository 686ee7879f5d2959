"""The default competence framework for managers of creative clusters (pure data).

Loaded by the data migration (so a fresh database has it) and by the demo; the coordinator
edits it afterwards. Texts are {language: text}; pages fall back to English.
"""

from __future__ import annotations

# (code, names by language, description, level descriptors 1–5)
DEFAULT_FRAMEWORK: list[tuple[str, dict[str, str], str, tuple[str, str, str, str, str]]] = [
    (
        "community-building",
        {
            "en": "Community building",
            "de": "Community-Aufbau",
            "fr": "Animation de communauté",
            "es": "Construcción de comunidad",
            "it": "Costruzione di comunità",
            "pl": "Budowanie społeczności",
            "ca": "Construcció de comunitat",
        },
        "Bring creative firms, freelancers and partners together and keep them engaged.",
        (
            "Knows the members by name and sector.",
            "Runs regular member meetings and a newsletter.",
            "Designs formats where members meet each other, not only the cluster.",
            "Members start joint activities on their own; active sub-groups exist.",
            "The community renews itself; other clusters copy its formats.",
        ),
    ),
    (
        "matchmaking",
        {
            "en": "Matchmaking and brokerage",
            "de": "Matchmaking und Vermittlung",
            "fr": "Mise en relation et courtage",
            "es": "Intermediación y matchmaking",
            "it": "Matchmaking e intermediazione",
            "pl": "Kojarzenie partnerów",
            "ca": "Intermediació i matchmaking",
        },
        "Find the right partner for a firm's need and make the introduction work.",
        (
            "Passes on contacts when asked.",
            "Qualifies a request before introducing partners.",
            "Runs B2B meeting days and follows up the meetings.",
            "Brokers partnerships that lead to contracts, and tracks them.",
            "Builds brokerage services other clusters use.",
        ),
    ),
    (
        "cross-sectoral",
        {
            "en": "Cross-sectoral facilitation",
            "de": "Branchenübergreifende Moderation",
            "fr": "Facilitation intersectorielle",
            "es": "Facilitación intersectorial",
            "it": "Facilitazione intersettoriale",
            "pl": "Facylitacja międzysektorowa",
            "ca": "Facilitació intersectorial",
        },
        "Connect creative firms with manufacturing, tourism, health and other industries.",
        (
            "Knows the main industries of the region.",
            "Invites traditional firms to creative events.",
            "Moderates co-creation workshops of mixed teams.",
            "Designs cross-sectoral projects with measurable results.",
            "Shapes regional policy for cross-sectoral innovation.",
        ),
    ),
    (
        "internationalisation",
        {
            "en": "Internationalisation support",
            "de": "Internationalisierung",
            "fr": "Soutien à l'internationalisation",
            "es": "Apoyo a la internacionalización",
            "it": "Supporto all'internazionalizzazione",
            "pl": "Wsparcie umiędzynarodowienia",
            "ca": "Suport a la internacionalització",
        },
        "Help members reach partners and markets abroad.",
        (
            "Forwards information on fairs and calls abroad.",
            "Organises joint stands and delegation trips.",
            "Runs a partner network with clusters in other countries.",
            "Prepares firms for a market with a structured programme.",
            "Leads international cluster partnerships.",
        ),
    ),
    (
        "funding-business-models",
        {
            "en": "Funding and business models for creative firms",
            "de": "Finanzierung und Geschäftsmodelle",
            "fr": "Financement et modèles d'affaires",
            "es": "Financiación y modelos de negocio",
            "it": "Finanziamento e modelli di business",
            "pl": "Finansowanie i modele biznesowe",
            "ca": "Finançament i models de negoci",
        },
        "Advise freelancers and small creative firms on funding and sustainable models.",
        (
            "Points firms to funding programmes.",
            "Explains grants, loans and crowdfunding to members.",
            "Reviews business models and pricing with firms.",
            "Brings investors and creative firms together.",
            "Designs funding instruments with public partners.",
        ),
    ),
    (
        "innovation-coaching",
        {
            "en": "Innovation process coaching",
            "de": "Innovationscoaching",
            "fr": "Accompagnement des processus d'innovation",
            "es": "Acompañamiento de procesos de innovación",
            "it": "Coaching dei processi di innovazione",
            "pl": "Coaching procesów innowacji",
            "ca": "Acompanyament de processos d'innovació",
        },
        "Guide a firm from an idea to a tested product or service.",
        (
            "Knows common innovation methods by name.",
            "Uses a method (e.g. design thinking) in a workshop.",
            "Coaches a firm through a full innovation sprint.",
            "Adapts methods to uncertain, fast-changing creative markets.",
            "Trains other coaches.",
        ),
    ),
    (
        "impact-measurement",
        {
            "en": "Impact measurement",
            "de": "Wirkungsmessung",
            "fr": "Mesure d'impact",
            "es": "Medición de impacto",
            "it": "Misurazione dell'impatto",
            "pl": "Pomiar wpływu",
            "ca": "Mesura de l'impacte",
        },
        "Show what the cluster's services change for its members and region.",
        (
            "Counts activities and participants.",
            "Collects feedback after each activity.",
            "Sets indicators with baselines and targets.",
            "Compares participants with a comparison group.",
            "Uses evidence to redesign the cluster's services.",
        ),
    ),
    (
        "digital-services",
        {
            "en": "Digital services",
            "de": "Digitale Dienste",
            "fr": "Services numériques",
            "es": "Servicios digitales",
            "it": "Servizi digitali",
            "pl": "Usługi cyfrowe",
            "ca": "Serveis digitals",
        },
        "Run the cluster's services online: platforms, data and digital formats.",
        (
            "Uses e-mail and a website for the cluster.",
            "Runs online events and a member database.",
            "Offers digital matchmaking and self-service to members.",
            "Uses the cluster's data to target services.",
            "Develops digital services with and for the network.",
        ),
    ),
]


def framework_rows() -> list[dict]:
    """Return the default framework as field values of Competence rows, in order."""
    return [
        {
            "code": code,
            "position": position,
            "name": names,
            "description": {"en": description},
            "levels": [{"en": text} for text in levels],
        }
        for position, (code, names, description, levels) in enumerate(DEFAULT_FRAMEWORK, start=1)
    ]
