"""Synthetic strategies in the data contract, for scale tests and benchmarks.

Per organisation (a municipality, or every fifteenth a region): one strategy adopted by its
council, 8 goals, 5 priority areas, 40 activities (10 % without an owner), 6 organisational
units, 3 partnerships with foreign organisations, and Swedish source text of realistic length
on every statement. Goals, priority areas and activities align with the real concepts of the
bundled frameworks (Europe 2020 flagships, EUSBSR objectives, Blekingestrategin focus areas).
A few statements break the shapes on purpose, as real documents do: a performer or a source
text missing, a priority area tied to nothing.

Deterministic: organisation i depends only on (seed, i), so the first 311 organisations of a
3,110-organisation file are the 311 of the smaller one. `synthesise(n, seed)` gives the Turtle
text; `write_synthetic(n, path, seed)` streams it to a file (atomically)."""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .namespaces import slug as _slug  # the contract's slug rule, one definition

#: organisations in Sweden: 290 municipalities and 21 regions
NATIONAL = 311

FLAGSHIPS = [f"eu2020/flagship/{s}" for s in (
    "innovation-union", "youth-on-the-move", "digital-agenda-for-europe", "resource-efficient-europe",
    "industrial-policy-for-the-globalisation-era", "agenda-for-new-skills-and-jobs",
    "european-platform-against-poverty")]
GROWTH = [f"eu2020/growth-priority/{s}" for s in ("smart-growth", "sustainable-growth", "inclusive-growth")]
BALTIC = [f"eusbsr/sub-objective/{s}" for s in (
    "clear-water-in-the-sea", "rich-and-healthy-wildlife", "clean-and-safe-shipping", "better-cooperation",
    "good-transport-conditions", "reliable-energy-markets", "connecting-people-in-the-region",
    "fighting-cross-border-crime", "single-market-frontrunner", "implementing-europe-2020",
    "global-competitiveness", "climate-change-adaptation")] + [
    f"eusbsr/objective/{s}" for s in ("save-the-sea", "connect-the-region", "increase-prosperity")]
BLEKINGE = [f"blekingestrategin/focus-area/{s}" for s in (
    "livskvalitet", "arbetsliv", "tillganglighet", "bilden-av-blekinge")]
PERSPECTIVES = [f"perspective/{s}" for s in ("jamstalldhet", "integration", "miljo", "folkhalsa")]
FRAMEWORKS = ["eu2020", "eusbsr", "blekingestrategin"]

_PREFIX = ["Norr", "Söder", "Väster", "Öster", "Ny", "Gamla", "Stor", "Lill", "Berg", "Sjö", "Ås", "Ek",
           "Björk", "Lind", "Gran", "Fur", "Strand", "Dal", "Ängs", "Hav", "Mal", "Kvarn", "Bro", "Holm",
           "Skog", "Sol", "Mörk", "Ljus", "Hög", "Djup", "Kall", "Varm", "Röd", "Grön", "Vit", "Svart"]
_SUFFIX = ["by", "köping", "vik", "hamn", "torp", "sund", "fors", "berga", "ås", "näs", "holm", "stad",
           "dal", "å", "ryd", "hult", "målen", "lösa", "inge", "ö"]
_FOREIGN = [("Tartu", "EE"), ("Gdynia", "PL"), ("Klaipėda", "LT"), ("Rostock", "DE"), ("Turku", "FI"),
            ("Liepāja", "LV"), ("Aalborg", "DK"), ("Bergen", "NO"), ("Kaliningrad", "RU"), ("Pärnu", "EE"),
            ("Kiel", "DE"), ("Vaasa", "FI"), ("Szczecin", "PL"), ("Ventspils", "LV"), ("Bornholm", "DK")]
_KINDS = ["TwinTown", "SisterSchool", "NetworkMembership", "RepresentationOffice", "ProjectCooperation",
          "RegionalCooperation"]
_UNITS = [("kommunfullmaktige", "Kommunfullmäktige", "Municipal Council"),
          ("kommunstyrelsen", "Kommunstyrelsen", "Municipal Executive Board"),
          ("barn-och-utbildningsnamnden", "Barn- och utbildningsnämnden", "Children and Education Committee"),
          ("kultur-och-fritidsnamnden", "Kultur- och fritidsnämnden", "Culture and Leisure Committee"),
          ("miljo-och-byggnadsnamnden", "Miljö- och byggnadsnämnden", "Environment and Building Committee"),
          ("internationell-samordnare", "Internationell samordnare", "International coordinator")]

_THEMES = [  # (slug, sv label, en label, sv noun phrase)
    ("kompetensforsorjning", "Kompetensförsörjning", "Skills supply", "kompetensförsörjningen i regionen"),
    ("unga-och-utbildning", "Unga och utbildning", "Young people and education", "ungas möjligheter till utbildning och utbyte"),
    ("hallbar-miljo", "Hållbar miljö", "Sustainable environment", "en hållbar miljö och ett renare hav"),
    ("naringsliv-och-innovation", "Näringsliv och innovation", "Business and innovation", "näringslivets förnyelse och innovationsförmåga"),
    ("digitalisering", "Digitalisering", "Digitalisation", "digitaliseringen av kommunens tjänster"),
    ("integration", "Integration", "Integration", "integrationen av nyanlända invånare"),
    ("transporter", "Hållbara transporter", "Sustainable transport", "hållbara transporter och god tillgänglighet"),
    ("kultur", "Kultur och besöksnäring", "Culture and tourism", "kulturlivet och besöksnäringen"),
    ("energi", "Förnybar energi", "Renewable energy", "omställningen till förnybar energi"),
    ("folkhalsa", "Folkhälsa", "Public health", "en god och jämlik folkhälsa"),
    ("demokrati", "Demokrati och delaktighet", "Democracy and participation", "demokrati och invånarnas delaktighet"),
    ("klimatanpassning", "Klimatanpassning", "Climate adaptation", "anpassningen till ett förändrat klimat"),
]
_VERBS = ["stärka", "utveckla", "främja", "förbättra", "bidra till", "öka kunskapen om", "säkra", "fördjupa"]
_MEANS = ["internationella samarbeten", "EU-finansierade projekt", "erfarenhetsutbyten med vänorter",
          "nätverk i Östersjöregionen", "studiebesök och praktikplatser", "samverkan med regionen",
          "medverkan i europeiska program", "partnerskap med näringslivet"]
_ACTS = [("utbyte", "Utbyte", "Exchange"), ("studiebesok", "Studiebesök", "Study visit"),
         ("projektansokan", "Projektansökan", "Project application"), ("natverksmote", "Nätverksmöte", "Network meeting"),
         ("konferens", "Konferens", "Conference"), ("praktik", "Praktikprogram", "Internship programme"),
         ("kartlaggning", "Kartläggning", "Survey"), ("utbildning", "Utbildningsinsats", "Training"),
         ("seminarium", "Seminarium", "Seminar"), ("pilotprojekt", "Pilotprojekt", "Pilot project")]


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def organisation_name(i: int) -> str:
    """A Swedish-sounding place name, unique per index."""
    first = _PREFIX[i % len(_PREFIX)]
    second = _SUFFIX[(i // len(_PREFIX)) % len(_SUFFIX)]
    name = first + second
    rounds = i // (len(_PREFIX) * len(_SUFFIX))
    return name if rounds == 0 else f"{name} {rounds + 1}"


def _sentences(rng: random.Random, phrase: str, n: int) -> str:
    templates = [
            f"Kommunen ska {rng.choice(_VERBS)} {phrase} genom {rng.choice(_MEANS)}.",
            f"Det internationella arbetet ska {rng.choice(_VERBS)} {phrase} och ge mervärde för invånarna.",
            f"Genom {rng.choice(_MEANS)} vill vi {rng.choice(_VERBS)} {phrase} under strategiperioden.",
            f"Arbetet följs upp årligen och redovisas för kommunstyrelsen som en del av uppföljningen av {phrase}.",
            f"Samverkan med andra kommuner och regioner i Östersjöområdet är en förutsättning för att {rng.choice(_VERBS)} {phrase}.",
    ]
    return " ".join(rng.sample(templates, n))


def organisation_turtle(i: int, seed: int = 0) -> str:
    """The Turtle (without prefixes) for organisation number i."""
    rng = random.Random(f"{seed}:{i}")
    name = organisation_name(i)
    region = i % 15 == 14
    slug = _slug(name) + ("-region" if region else "")
    sv = f"Region {name}" if region else f"{name} kommun"
    en = f"Region {name}" if region else f"{name} Municipality"
    code = f"{i // 15 + 1:02d}" if region else f"{i + 1:04d}"  # unique, shaped like SCB's codes
    start = 2010 + rng.randrange(0, 12)
    strategy = f"{slug}/strategy/{start}-{start + 3}"
    out: list[str] = []
    w = out.append
    w(f'<{slug}> a sam:{"Region" if region else "Municipality"} ;\n'
      f'    rdfs:label "{sv}"@sv, "{en}"@en ;\n    sam:officialCode "{code}" ;\n    sam:country "SE" .\n')
    units = []
    for u_slug, u_sv, u_en in _UNITS:
        if region:
            u_sv = u_sv.replace("Kommun", "Region").replace("kommun", "region")
            u_en = u_en.replace("Municipal", "Regional")
        unit = f"{slug}/unit/{u_slug}"
        units.append(unit)
        w(f'<{unit}> a sam:OrganisationalUnit ;\n    rdfs:label "{u_sv}"@sv, "{u_en}"@en ;\n'
          f'    org:unitOf <{slug}> .\n')
    frameworks = ", ".join(f"<{f}>" for f in rng.sample(FRAMEWORKS, rng.randint(1, 3)))
    w(f'<{strategy}> a sam:Strategy ;\n'
      f'    rdfs:label "Internationell strategi för {_esc(sv)} {start}–{start + 3}"@sv, '
      f'"International strategy of {_esc(en)} {start}-{start + 3}"@en ;\n'
      f'    sam:issuedBy <{slug}> ;\n    sam:adoptedBy <{units[0]}> ;\n'
      f'    dcterms:issued "{start - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date ;\n'
      f'    sam:validFrom "{start}"^^xsd:gYear ;\n    sam:validUntil "{start + 3}"^^xsd:gYear ;\n'
      f'    sam:refersTo {frameworks} ;\n'
      f'    sam:considers {", ".join(f"<{p}>" for p in rng.sample(PERSPECTIVES, 2))} ;\n'
      f'    sam:sourceText "{_sentences(rng, "det internationella arbetet", 3)}"@sv ;\n    sam:sourcePage 1 .\n')
    themes = rng.sample(_THEMES, 8)
    goals = []
    for g, (t_slug, t_sv, t_en, phrase) in enumerate(themes):
        goal = f"{slug}/goal/{t_slug}"
        goals.append(goal)
        aligns = rng.sample(FLAGSHIPS, 1) + (rng.sample(BALTIC, 1) if rng.random() < 0.6 else [])
        w(f'<{goal}> a sam:Goal ;\n    rdfs:label "{t_sv}"@sv, "{t_en}"@en ;\n'
          f'    sam:statedIn <{strategy}> ;\n    sam:alignsWith {", ".join(f"<{a}>" for a in aligns)} ;\n'
          f'    sam:sourceText "{_sentences(rng, phrase, 2)}"@sv ;\n    sam:sourcePage {2 + g // 4} .\n')
    areas = []
    for a, (t_slug, t_sv, t_en, phrase) in enumerate(rng.sample(_THEMES, 5)):
        area = f"{slug}/priority-area/{t_slug}"
        areas.append(area)
        tied_to_nothing = rng.random() < 0.02
        lines = [f'<{area}> a sam:PriorityArea ;\n    rdfs:label "Prioriterat: {t_sv}"@sv, "Priority: {t_en}"@en ;\n'
                 f'    sam:statedIn <{strategy}>']
        if not tied_to_nothing:
            lines.append(f'    sam:servesGoal {", ".join(f"<{x}>" for x in rng.sample(goals, rng.randint(1, 2)))}')
            if rng.random() < 0.5:
                lines.append(f'    sam:alignsWith <{rng.choice(BALTIC + BLEKINGE)}>')
        lines.append(f'    sam:sourceText "{_sentences(rng, phrase, 2)}"@sv')
        lines.append(f'    sam:sourcePage {4 + a // 3}')
        w(" ;\n".join(lines) + " .\n")
    owners_missing = set(rng.sample(range(40), 4))  # 10 % without an owner
    for n in range(40):
        a_slug, a_sv, a_en = _ACTS[n % len(_ACTS)]
        t_slug, t_sv, t_en, phrase = themes[rng.randrange(len(themes))]
        activity = f"{slug}/activity/{a_slug}-{n + 1}"
        target = rng.choice(areas) if rng.random() < 0.75 else rng.choice(goals)
        lines = [f'<{activity}> a sam:Activity ;\n    rdfs:label "{a_sv} {n + 1}: {t_sv}"@sv, "{a_en} {n + 1}: {t_en}"@en ;\n'
                 f'    sam:statedIn <{strategy}>',
                 f'    sam:contributesTo <{target}>']
        if n not in owners_missing:
            lines.append(f'    sam:owner <{rng.choice(units[1:])}>')
        if rng.random() < 0.95:
            lines.append(f'    sam:performer <{rng.choice(units[1:])}>')
        if rng.random() < 0.3:
            lines.append(f'    sam:alignsWith <{rng.choice(FLAGSHIPS + BALTIC)}>')
        if rng.random() < 0.2:
            lines.append(f'    sam:considers <{rng.choice(PERSPECTIVES)}>')
        if rng.random() < 0.98:
            lines.append(f'    sam:sourceText "{_sentences(rng, phrase, rng.randint(1, 3))}"@sv')
        lines.append(f'    sam:sourcePage {6 + n // 8}')
        w(" ;\n".join(lines) + " .\n")
    for p, (city, country) in enumerate(rng.sample(_FOREIGN, 3)):
        partner = f"org/{_slug(city)}"
        kind = rng.choice(_KINDS)
        w(f'<{partner}> a sam:Municipality ;\n    rdfs:label "{city}"@sv, "{city}"@en ;\n    sam:country "{country}" .\n'
          f'<{slug}/partnership/{_slug(city)}> a sam:Partnership ;\n'
          f'    rdfs:label "Samarbete med {city}"@sv, "Cooperation with {city}"@en ;\n'
          f'    sam:statedIn <{strategy}> ;\n    sam:partner <{partner}> ;\n    sam:partnershipKind sam:{kind} ;\n'
          f'    sam:sourceText "{_esc(city)} är en av kommunens samarbetspartner. {_sentences(rng, "samarbetet", 1)}"@sv ;\n'
          f'    sam:sourcePage {11 + p} .\n')
    return "\n".join(out)


HEADER = """# Synthetic strategies in the samsyn data contract (graph/synth.py): {n} organisations, seed {seed}.
@base <https://w3id.org/samsyn/id/> .
@prefix sam: <https://w3id.org/samsyn/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def chunks(n_orgs: int, seed: int = 0) -> Iterator[str]:
    yield HEADER.format(n=n_orgs, seed=seed)
    for i in range(n_orgs):
        yield organisation_turtle(i, seed) + "\n"


def synthesise(n_orgs: int, seed: int = 0) -> str:
    """Turtle for n_orgs synthetic organisations and their strategies."""
    return "".join(chunks(n_orgs, seed))


def write_synthetic(n_orgs: int, path: str | Path, seed: int = 0,
                    progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the synthetic Turtle to path (temp file + rename); progress(done, total) per organisation."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for done, chunk in enumerate(chunks(n_orgs, seed)):
                out.write(chunk)
                if progress and done:
                    progress(done, n_orgs)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
