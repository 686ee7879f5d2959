# ruff: noqa: E501 - prose rows of the demo, kept one row per line
"""Texts of the demo toolbox: what creative clusters really do, in the network's languages.

Each row: kind, language, title, summary, body (Markdown), tags, creative domains.
"""

from __future__ import annotations

D_DESIGN = "Design and designer fashion"
D_ARCH = "Architecture"
D_CRAFT = "Crafts"
D_FILM = "Film, TV, video, radio and photography"
D_IT = "IT, software and computer services"
D_MUSIC = "Music, performing and visual arts"
D_PUB = "Publishing"
D_AD = "Advertising and marketing"
D_MUSEUM = "Museums, galleries and libraries"

ENTRIES: list[tuple[str, str, str, str, str, list[str], list[str]]] = [
    (
        "tool",
        "en",
        "Creative vouchers: a template call for proposals",
        "A ready-to-adapt call that gives small manufacturers a voucher of up to 5,000 EUR to buy services from a creative firm.",
        "## What it is\n\nA voucher pays a traditional SME part of the price of a first project with a designer, "
        "architect, game studio or agency.\n\n## How to run it\n\n1. Publish the call with a short form (one page).\n"
        "2. Keep a list of eligible creative suppliers, but let firms bring their own.\n"
        "3. Pay the creative firm directly after delivery, against an invoice and a one-page result sheet.\n\n"
        "## Numbers that worked\n\n| item | value |\n|---|---|\n| voucher | 2,500–5,000 EUR |\n| co-payment by the SME | 20–30% |\n| decision time | under 3 weeks |",
        ["vouchers", "funding", "cross-innovation"],
        [D_DESIGN, D_AD],
    ),
    (
        "method",
        "en",
        "Co-creation sprint: five days from brief to prototype",
        "A facilitated week in which a manufacturer and two creative firms turn one business problem into a tested prototype.",
        "## Before\n\nAgree one question the firm really wants answered. Invite the people who decide.\n\n"
        "## The five days\n\n- **Day 1** map the problem with customers' words\n- **Day 2** sketch alone, then together\n"
        "- **Day 3** decide and storyboard\n- **Day 4** build a prototype that looks real\n- **Day 5** test with five users\n\n"
        "## After\n\nA written follow-up offer from the creative firms within two weeks keeps the momentum.",
        ["co-creation", "sprint", "prototyping"],
        [D_DESIGN, D_IT],
    ),
    (
        "method",
        "en",
        "Cross-innovation lab for manufacturers and creative firms",
        "A six-month lab format in which manufacturers bring challenges and creative firms answer them in mixed teams.",
        "Run three rounds: challenge scouting in the firms, matchmaking on one evening, and "
        "three facilitated team sessions. Keep the teams small (one manufacturer, two creative firms).\n\n"
        "**Watch out:** without a named owner on the manufacturer's side, teams fade after the second session.",
        ["cross-innovation", "matchmaking", "lab"],
        [D_DESIGN, D_ARCH, D_IT],
    ),
    (
        "tool",
        "en",
        "IP basics for designers: a one-page checklist",
        "What a freelance designer should settle in writing before starting a commission: ownership, licences, moral rights, portfolio use.",
        "- Who owns the final design, and from when (on payment?)\n- Which rights the client gets: territory, media, duration\n"
        "- Sketches and rejected versions stay with the designer unless agreed otherwise\n"
        "- The designer may show the work in the portfolio\n- Registered design or trade mark: who files and pays\n\n"
        "Refer to the EUIPO's free IP scan for SMEs for a deeper check.",
        ["intellectual property", "contracts", "designers"],
        [D_DESIGN],
    ),
    (
        "tool",
        "en",
        "Pricing creative services: a day-rate calculator",
        "A spreadsheet that derives a sustainable day rate from income goal, billable days and overheads, with a check against market rates.",
        "Start from the income you need, add overheads (studio, software, insurance, training), divide by realistic "
        "billable days (usually 90–120 a year for a freelancer, not 220). Compare with the rates the cluster's survey reports.",
        ["pricing", "business skills"],
        [D_DESIGN, D_AD, D_FILM],
    ),
    (
        "case",
        "en",
        "How a design cluster doubled voucher uptake with a supplier fair",
        "After two calls with few applications, a regional cluster held a supplier fair before the third call; applications rose from 14 to 31.",
        "Manufacturers did not apply because they did not know whom to hire. A half-day fair with 20 creative firms, "
        "each showing one project for an industrial client, gave them a name and a face. Eleven of the 31 applications "
        "named a firm met at the fair.",
        ["vouchers", "events", "matchmaking"],
        [D_DESIGN],
    ),
    (
        "lesson",
        "en",
        "Keep application forms to one page",
        "Every extra page of a voucher application cost us about a fifth of the applicants among micro firms.",
        "We compared three calls with 1, 3 and 5 page forms. Micro firms (under 10 staff) dropped off fastest. "
        "Ask for the rest after the decision.",
        ["vouchers", "application"],
        [],
    ),
    (
        "template",
        "en",
        "Collaboration agreement between a manufacturer and a creative firm",
        "A short agreement for a first joint project: scope, milestones, payment, IP, confidentiality and how to end it.",
        "Download the attached template and adapt clauses 4 (IP) and 6 (payment). It is written for projects "
        "under 20,000 EUR and has been used in four clusters.",
        ["contracts", "intellectual property", "templates"],
        [D_DESIGN, D_ARCH],
    ),
    (
        "method",
        "en",
        "Peer-learning circles for cluster managers",
        "Six managers meet monthly for a year; each session one brings a real case, the others ask questions before giving advice.",
        "Use the consultation format: 10 minutes case, 15 minutes questions only, 20 minutes advice while the case giver listens, "
        "10 minutes what I will do. A facilitator keeps time.",
        ["peer learning", "cluster management"],
        [],
    ),
    (
        "tool",
        "en",
        "Member needs survey for creative clusters",
        "A 15-question survey to find out what your creative members need: skills, markets, finance, space, partners.",
        "Ask about the last 12 months, not wishes. Keep two open questions. Send it in the members' language and remind twice.",
        ["survey", "member services"],
        [],
    ),
    (
        "case",
        "en",
        "Game studios and a hospital: serious games for rehabilitation",
        "A media cluster matched three game studios with a rehabilitation clinic; two games are now used with patients.",
        "The clinic's therapists defined the exercises, the studios built playful versions. Clinical staff time was the "
        "bottleneck: budget it explicitly.",
        ["health", "serious games", "cross-innovation"],
        [D_IT],
    ),
    (
        "lesson",
        "en",
        "Pay creative firms for the pitch in cross-innovation calls",
        "Unpaid pitches kept the best studios away; a flat 500 EUR pitch fee brought them back.",
        "The fee is small against the voucher, but it signals respect for creative work.",
        ["pricing", "cross-innovation"],
        [D_DESIGN, D_AD],
    ),
    (
        "method",
        "en",
        "Design thinking workshop for tourism businesses",
        "A one-day workshop in which hotels and tour operators redesign one guest journey with local designers.",
        "Map the guest journey on the wall, find the two worst moments, prototype a fix with paper and role play.",
        ["tourism", "design thinking", "workshop"],
        [D_DESIGN],
    ),
    (
        "tool",
        "en",
        "Cluster service catalogue template",
        "A table of the services a creative cluster offers, with target group, price, frequency and the KPI each one feeds.",
        "List each service once; link it to the indicator it reports on (SMEs reached, collaborations). "
        "Review the catalogue yearly with the board.",
        ["cluster management", "member services", "templates"],
        [],
    ),
    (
        "case",
        "en",
        "Architecture firms and timber construction: a regional alliance",
        "Small architecture practices and sawmills formed a consortium to bid for public timber buildings.",
        "The cluster funded a joint reference brochure and a shared BIM library. Three public tenders were won in two years.",
        ["construction", "alliances", "tenders"],
        [D_ARCH, D_CRAFT],
    ),
    (
        "lesson",
        "en",
        "Name one contact on each side before a matchmaking meeting",
        "Meetings between firms without named contacts rarely led to a second meeting.",
        "Ask both firms for the person who will follow up, and send them each other's details after the meeting.",
        ["matchmaking", "follow-up"],
        [],
    ),
    (
        "tool",
        "en",
        "Export readiness check for creative micro firms",
        "Twelve questions that show whether a design or media firm is ready to sell abroad, and what to fix first.",
        "Covers references in English, pricing in EUR, contracts under foreign law, time for travel and a partner abroad.",
        ["internationalisation", "export"],
        [D_DESIGN, D_FILM, D_IT],
    ),
    (
        "method",
        "en",
        "Residency programme: a designer in the factory",
        "A designer spends eight weeks inside a manufacturer to find product and process ideas with the staff.",
        "The cluster pays the designer's fee; the firm provides a desk, access and one hour a day of a manager's time.",
        ["residency", "cross-innovation"],
        [D_DESIGN, D_CRAFT],
    ),
    (
        "case",
        "en",
        "Music and the city: creative hubs in empty shops",
        "A city cluster turned five empty shops into rehearsal and sales spaces for musicians and makers.",
        "Short-term leases at low rent, a shared booking calendar and weekend events brought footfall back to the street.",
        ["spaces", "urban regeneration"],
        [D_MUSIC, D_CRAFT],
    ),
    (
        "tool",
        "en",
        "Storytelling canvas for creative pitches",
        "A one-page canvas that helps creative firms pitch to industrial clients in their terms: problem, proof, price.",
        "Fill the boxes: client's problem, what changes for them, proof from a past project, price and timing.",
        ["pitching", "business skills"],
        [D_AD, D_DESIGN],
    ),
    (
        "lesson",
        "en",
        "Budget a facilitator for peer groups",
        "Groups of firms without a facilitator lost momentum after the second month.",
        "Half a day per month of a facilitator was enough to keep four groups going for a year.",
        ["peer learning", "facilitation"],
        [],
    ),
    (
        "method",
        "en",
        "Open studio days for industry visitors",
        "Creative firms open their studios to manufacturers for one afternoon; a bus takes visitors from studio to studio.",
        "Each studio prepares one object or story relevant to industry. Collect visitor cards for follow-up.",
        ["events", "cross-innovation"],
        [D_DESIGN, D_ARCH, D_CRAFT],
    ),
    (
        "template",
        "en",
        "Evaluation plan for a pilot action",
        "A template to write down hypothesis, indicators, baseline, comparison group and timing before a pilot starts.",
        "Fill it before recruitment. Measure the baseline before the kick-off event.",
        ["evaluation", "pilots", "templates"],
        [],
    ),
    (
        "case",
        "en",
        "Publishing houses go digital with a software cluster",
        "Five small publishers and three software firms built a shared e-book production pipeline.",
        "Shared costs made it affordable; one publisher now sells the service to others.",
        ["digitalisation", "publishing"],
        [D_PUB, D_IT],
    ),
    (
        "tool",
        "en",
        "Social media kit for cluster events",
        "Templates, hashtags and a posting schedule that help members promote a cluster event.",
        "Send the kit three weeks before the event; provide images in square and story format.",
        ["communication", "events"],
        [D_AD],
    ),
    (
        "method",
        "en",
        "Mentoring by experienced creative entrepreneurs",
        "Founders of creative start-ups get six sessions with an experienced entrepreneur from another sector.",
        "Matching by question, not by sector, worked best: pricing, hiring, first big client.",
        ["mentoring", "start-ups"],
        [],
    ),
    (
        "lesson",
        "en",
        "Measure before the kick-off",
        "Baseline answers collected after the kick-off event were coloured by its enthusiasm.",
        "Send the baseline survey when firms sign up; close it before the first event.",
        ["evaluation", "pilots"],
        [],
    ),
    # German
    (
        "method",
        "de",
        "Kreativgutscheine für Handwerksbetriebe",
        "Wie ein Cluster kleinen Handwerksbetrieben Gutscheine für Design- und Kommunikationsleistungen gibt.",
        "## Ablauf\n\n1. Aufruf mit einseitigem Antrag\n2. Liste geeigneter Kreativbetriebe, freie Wahl bleibt\n"
        "3. Auszahlung an den Kreativbetrieb nach Abschluss\n\n**Höhe:** bis 4.000 EUR, Eigenanteil 25 %.",
        ["vouchers", "crafts"],
        [D_CRAFT, D_DESIGN],
    ),
    (
        "case",
        "de",
        "Medienunternehmen und Maschinenbau: Erklärfilme für komplexe Produkte",
        "Ein Mediencluster brachte Filmproduktionen mit Maschinenbauern zusammen; zwölf Erklärfilme entstanden in einem Jahr.",
        "Der Engpass war die Zeit der Ingenieure. Ein fester Drehtag pro Firma half.",
        ["video", "industry", "cross-innovation"],
        [D_FILM],
    ),
    (
        "tool",
        "de",
        "Checkliste Urheberrecht für Kreativschaffende",
        "Was Designer, Fotografen und Agenturen vor Projektbeginn schriftlich klären sollten.",
        "- Nutzungsrechte: Art, Umfang, Dauer\n- Namensnennung\n- Entwürfe und Rohdaten\n- Vergütung bei Mehrfachnutzung",
        ["intellectual property", "contracts"],
        [D_DESIGN, D_FILM],
    ),
    (
        "lesson",
        "de",
        "Sprechstunden statt Seminare",
        "Offene Sprechstunden zu Preisen und Verträgen erreichten mehr Kleinstunternehmen als Halbtagsseminare.",
        "Zwanzig Minuten, ohne Anmeldung, einmal im Monat – die Nachfrage blieb ein Jahr lang hoch.",
        ["advice", "pricing"],
        [],
    ),
    (
        "method",
        "de",
        "Innovationswerkstatt Kreativwirtschaft trifft Mittelstand",
        "Ein Format, in dem Mittelständler eine Herausforderung einbringen und gemischte Teams in drei Terminen Lösungen entwickeln.",
        "Vorbereitung in den Firmen, ein Matching-Abend, drei moderierte Werkstatttermine.",
        ["cross-innovation", "workshop"],
        [D_DESIGN, D_IT],
    ),
    # French
    (
        "method",
        "fr",
        "Sprint de co-création entre PME et designers",
        "Une semaine animée pour passer d'un problème d'entreprise à un prototype testé, avec deux agences créatives.",
        "Jour 1 comprendre, jour 2 esquisser, jour 3 décider, jour 4 prototyper, jour 5 tester avec cinq utilisateurs.",
        ["co-creation", "sprint"],
        [D_DESIGN],
    ),
    (
        "case",
        "fr",
        "Textile et design : relancer une filature avec des créateurs",
        "Une filature du Nord a développé une collection avec quatre créateurs de mode soutenus par le cluster.",
        "Des séries courtes, une marque commune et une vente en ligne ont ouvert un nouveau marché.",
        ["textile", "fashion", "cross-innovation"],
        [D_DESIGN, D_CRAFT],
    ),
    (
        "tool",
        "fr",
        "Fixer le prix d'une prestation créative",
        "Une méthode simple pour calculer un tarif journalier soutenable et le défendre face au client.",
        "Partir du revenu visé, ajouter les frais, diviser par les jours facturables réels.",
        ["pricing", "business skills"],
        [D_DESIGN, D_AD],
    ),
    # Spanish
    (
        "case",
        "es",
        "Laboratorio de innovación cruzada en Barcelona",
        "Un centro de diseño reunió a fabricantes de muebles y estudios de diseño en un laboratorio de seis meses.",
        "Se presentaron nueve retos; cinco equipos llegaron a prototipo y dos a producto en el mercado.",
        ["cross-innovation", "furniture", "lab"],
        [D_DESIGN],
    ),
    (
        "tool",
        "es",
        "Bonos de innovación creativa: modelo de convocatoria",
        "Convocatoria tipo para bonos que financian servicios creativos a pymes industriales.",
        "Formulario de una página, pago directo al proveedor creativo, resolución en menos de tres semanas.",
        ["vouchers", "funding"],
        [D_DESIGN, D_AD],
    ),
    (
        "lesson",
        "es",
        "Los eventos de matchmaking necesitan seguimiento",
        "Sin una llamada de seguimiento dos semanas después, casi ninguna reunión dio lugar a un proyecto.",
        "El gestor del clúster llama a ambas partes y propone un siguiente paso concreto.",
        ["matchmaking", "follow-up"],
        [],
    ),
    # Italian
    (
        "case",
        "it",
        "Artigiani e designer in Puglia: una collezione comune",
        "Dieci botteghe artigiane e cinque designer hanno creato una collezione presentata al Salone del Mobile.",
        "L'agenzia regionale ha finanziato i prototipi e lo stand; tre botteghe hanno trovato distributori esteri.",
        ["crafts", "collections", "internationalisation"],
        [D_CRAFT, D_DESIGN],
    ),
    (
        "method",
        "it",
        "Audit creativo per imprese turistiche",
        "Una giornata in cui un team creativo analizza comunicazione e esperienza di un'impresa turistica.",
        "Il risultato è una lista di cinque interventi con costi e priorità.",
        ["tourism", "audit"],
        [D_AD, D_DESIGN],
    ),
    (
        "tool",
        "it",
        "Guida alla proprietà intellettuale per i designer",
        "Cosa registrare, quando e quanto costa: disegni, marchi e diritti d'autore per studi di design.",
        "Confronta la registrazione nazionale con quella europea (EUIPO) e pianifica i costi.",
        ["intellectual property"],
        [D_DESIGN],
    ),
    # Polish
    (
        "method",
        "pl",
        "Warsztaty projektowe dla firm produkcyjnych",
        "Jednodniowe warsztaty, w których projektanci i producenci wspólnie szukają nowych produktów.",
        "Przygotowanie wyzwania, praca w małych zespołach, prezentacja prototypów na koniec dnia.",
        ["workshop", "cross-innovation"],
        [D_DESIGN],
    ),
    (
        "case",
        "pl",
        "Klaster gier wideo i edukacja",
        "Studia gier z Krakowa stworzyły z nauczycielami gry edukacyjne używane w szkołach.",
        "Kluczem był udział nauczycieli od pierwszego dnia i testy w klasach.",
        ["serious games", "education"],
        [D_IT],
    ),
    # Catalan
    (
        "method",
        "ca",
        "Sprint de cocreació per a indústries tradicionals",
        "Cinc dies per passar d'un repte empresarial a un prototip provat amb usuaris, amb estudis creatius locals.",
        "Cal un responsable de l'empresa present cada dia i una prova final amb cinc usuaris.",
        ["co-creation", "sprint"],
        [D_DESIGN],
    ),
    (
        "case",
        "ca",
        "Xecs de disseny per a comerços de barri",
        "Un ajuntament i un clúster de disseny van oferir xecs a comerços per renovar la seva imatge.",
        "Quaranta comerços van participar; la meitat van augmentar les vendes l'any següent.",
        ["vouchers", "retail"],
        [D_DESIGN, D_AD],
    ),
    (
        "lesson",
        "ca",
        "Els formularis curts atrauen més microempreses",
        "Reduir el formulari a una pàgina va duplicar les sol·licituds de microempreses.",
        "La informació detallada es demana després de la resolució.",
        ["vouchers", "application"],
        [],
    ),
    (
        "tool",
        "en",
        "KPI sheet for creative cluster reporting",
        "The indicators funders ask most: SMEs reached, collaborations started, cross-sectoral and cross-border projects.",
        "Count each firm once per year per service kind; keep evidence (attendance lists, contracts).",
        ["kpi", "reporting", "cluster management"],
        [],
    ),
    (
        "method",
        "en",
        "Challenge-led matchmaking evenings",
        "Manufacturers pitch a challenge in three minutes; creative firms sign up for one-to-one talks on the spot.",
        "Collect challenges two weeks in advance and edit them into plain language.",
        ["matchmaking", "events"],
        [D_DESIGN, D_IT, D_AD],
    ),
]

# Translations: (title of the original, language, title, summary, body)
TRANSLATIONS: list[tuple[str, str, str, str, str]] = [
    (
        "Creative vouchers: a template call for proposals",
        "de",
        "Kreativgutscheine: eine Vorlage für den Aufruf",
        "Ein anpassbarer Aufruf, der kleinen Herstellern einen Gutschein bis 5.000 EUR für Leistungen eines Kreativbetriebs gibt.",
        "Ein Gutschein bezahlt einen Teil des ersten Projekts mit Designern, Architekten, Spielestudios oder Agenturen.",
    ),
    (
        "Creative vouchers: a template call for proposals",
        "es",
        "Bonos creativos: modelo de convocatoria",
        "Convocatoria adaptable que da a pequeñas empresas un bono de hasta 5.000 EUR para servicios creativos.",
        "El bono paga parte del primer proyecto con un estudio de diseño, arquitectura, videojuegos o una agencia.",
    ),
    (
        "Co-creation sprint: five days from brief to prototype",
        "de",
        "Co-Creation-Sprint: in fünf Tagen vom Briefing zum Prototyp",
        "Eine moderierte Woche, in der ein Hersteller und zwei Kreativbetriebe ein Problem in einen getesteten Prototyp verwandeln.",
        "Tag 1 verstehen, Tag 2 skizzieren, Tag 3 entscheiden, Tag 4 Prototyp bauen, Tag 5 mit fünf Nutzern testen.",
    ),
    (
        "Co-creation sprint: five days from brief to prototype",
        "fr",
        "Sprint de co-création : cinq jours du brief au prototype",
        "Une semaine animée où un fabricant et deux entreprises créatives transforment un problème en prototype testé.",
        "Comprendre, esquisser, décider, prototyper, tester avec cinq utilisateurs.",
    ),
    (
        "IP basics for designers: a one-page checklist",
        "it",
        "Proprietà intellettuale per designer: una checklist",
        "Cosa deve chiarire per iscritto un designer freelance prima di iniziare un incarico.",
        "Titolarità, licenze, diritti morali, uso nel portfolio, registrazioni.",
    ),
    (
        "Pricing creative services: a day-rate calculator",
        "pl",
        "Wycena usług kreatywnych: kalkulator stawki dziennej",
        "Arkusz, który wylicza stawkę dzienną z celu dochodowego, dni fakturowanych i kosztów stałych.",
        "Zacznij od potrzebnego dochodu, dodaj koszty, podziel przez realną liczbę dni fakturowanych.",
    ),
    (
        "Kreativgutscheine für Handwerksbetriebe",
        "en",
        "Creative vouchers for craft businesses",
        "How a cluster gives small craft businesses vouchers for design and communication services.",
        "One-page application, a list of suitable creative firms with free choice, payment after delivery. Up to 4,000 EUR, 25% co-payment.",
    ),
    (
        "Fixer le prix d'une prestation créative",
        "en",
        "Pricing a creative service",
        "A simple method to calculate a sustainable day rate and defend it in front of the client.",
        "Start from the target income, add costs, divide by the real billable days.",
    ),
    (
        "Xecs de disseny per a comerços de barri",
        "en",
        "Design vouchers for neighbourhood shops",
        "A city council and a design cluster offered vouchers to shops to renew their image.",
        "Forty shops took part; half of them increased sales the following year.",
    ),
]

QUESTIONS: list[tuple[str, str, list[str], int | None]] = [
    (
        "How do you price creative vouchers?",
        "en",
        [
            "We cap at 5,000 EUR with a 25% co-payment; lower caps attracted only logo jobs.",
            "We pay a fixed 3,000 EUR and let the firms negotiate the rest.",
        ],
        0,
    ),
    (
        "Wie findet ihr Moderatoren für Co-Creation-Sprints?",
        "de",
        [
            "Wir bilden zwei Leute aus dem Cluster-Team aus und holen für große Sprints externe dazu."
        ],
        0,
    ),
    (
        "Which indicators do your funders accept for cross-sectoral collaboration?",
        "en",
        [
            "A signed agreement or a joint invoice between a creative and a non-creative firm.",
            "We also count joint funding applications.",
        ],
        1,
    ),
    ("¿Cómo evaluáis un laboratorio de innovación cruzada?", "es", [], None),
]
