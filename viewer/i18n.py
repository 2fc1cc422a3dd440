"""Swedish and English: which language a request gets, the interface's own words, and picking a
label from the data with a fallback to the other language."""

from __future__ import annotations

from flask import g, request

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
COOKIE = "samsyn_lang"


def choose_language() -> str:
    """`?lang=` first (and remembered in a cookie), then the cookie, then Accept-Language."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(COOKIE)
    if kept in LANGUAGES:
        return kept
    best = request.accept_languages.best_match(LANGUAGES)
    return best or DEFAULT_LANGUAGE


def current() -> str:
    return getattr(g, "lang", None) or DEFAULT_LANGUAGE


def other(lang: str) -> str:
    return "en" if lang == "sv" else "sv"


def pick(values: dict[str, str] | None, lang: str | None = None, fallback: str = "") -> str:
    """The value in `lang`, else in the other language, else any, else `fallback`."""
    if not values:
        return fallback
    lang = lang or current()
    for key in (lang, other(lang)):
        if values.get(key):
            return values[key]
    return next((v for v in values.values() if v), fallback)


#: the interface's own words: key -> {sv, en}
WORDS: dict[str, dict[str, str]] = {
    "site": {"sv": "samsyn", "en": "samsyn"},
    "tagline": {"sv": "Kommunernas internationella strategier och EU:s ramverk",
                "en": "Municipal international strategies and the EU frameworks"},
    "nav.home": {"sv": "Översikt", "en": "Overview"},
    "nav.graph": {"sv": "Graf", "en": "Graph"},
    "nav.validate": {"sv": "Kontroll", "en": "Checks"},
    "nav.query": {"sv": "Fråga (SPARQL)", "en": "Query (SPARQL)"},
    "nav.downloads": {"sv": "Ladda ner", "en": "Downloads"},
    "lang.switch": {"sv": "In English", "en": "På svenska"},
    "machine": {"sv": "Maskinläsbar version", "en": "Machine-readable version"},
    "home.title": {"sv": "Översikt", "en": "Overview"},
    "home.intro": {"sv": "Hur kommunernas och regionernas internationella strategier knyter an till Europa 2020 och EU:s strategi för Östersjöregionen. Varje siffra är antalet mål, prioriterade områden och aktiviteter som når ramverkets begrepp, direkt eller via kedjan aktivitet → område → mål.",
                   "en": "How the international strategies of municipalities and regions tie into Europe 2020 and the EU Strategy for the Baltic Sea Region. Each number counts the goals, priority areas and activities that reach a framework concept, directly or through the chain activity → area → goal."},
    "home.strategies": {"sv": "Organisationer och strategier", "en": "Organisations and strategies"},
    "home.organisation": {"sv": "Organisation", "en": "Organisation"},
    "home.strategy": {"sv": "Strategi", "en": "Strategy"},
    "home.period": {"sv": "Period", "en": "Period"},
    "home.adopted": {"sv": "Antagen av", "en": "Adopted by"},
    "home.contents": {"sv": "Innehåll", "en": "Contents"},
    "home.flagships": {"sv": "Europa 2020: flaggskeppsinitiativ", "en": "Europe 2020: flagship initiatives"},
    "home.baltic": {"sv": "EU:s strategi för Östersjöregionen: mål och delmål",
                    "en": "EU Strategy for the Baltic Sea Region: objectives and sub-objectives"},
    "home.legend": {"sv": "Siffran är summan; under den mål · områden · aktiviteter. Tom ruta med streck = lucka: inget i strategin når begreppet.",
                    "en": "The number is the total; below it goals · areas · activities. A dashed empty cell is a gap: nothing in the strategy reaches the concept."},
    "home.gap": {"sv": "lucka", "en": "gap"},
    "home.reachedBy": {"sv": "Når", "en": "Reached by"},
    "home.reachedByTitle": {"sv": "{n} av {of} organisationer når begreppet", "en": "{n} of {of} organisations reach the concept"},
    "home.showing": {"sv": "Organisation {first}–{last} av {total}", "en": "Organisations {first}–{last} of {total}"},
    "home.previous": {"sv": "Föregående", "en": "Previous"},
    "home.next": {"sv": "Nästa", "en": "Next"},
    "home.pages": {"sv": "Sidor", "en": "Pages"},
    "home.concept": {"sv": "Begrepp", "en": "Concept"},
    "count.goals": {"sv": "mål", "en": "goals"},
    "count.areas": {"sv": "områden", "en": "areas"},
    "count.activities": {"sv": "aktiviteter", "en": "activities"},
    "count.partnerships": {"sv": "partnerskap", "en": "partnerships"},
    "reach.title": {"sv": "Vad som når", "en": "What reaches"},
    "reach.none": {"sv": "Ingenting i organisationens strategi når detta begrepp: en lucka.",
                   "en": "Nothing in the organisation's strategy reaches this concept: a gap."},
    "kind.Activity": {"sv": "Aktivitet", "en": "Activity"},
    "kind.PriorityArea": {"sv": "Prioriterat område", "en": "Priority area"},
    "kind.Goal": {"sv": "Mål", "en": "Goal"},
    "kind.Flagship": {"sv": "Flaggskeppsinitiativ", "en": "Flagship initiative"},
    "kind.GrowthPriority": {"sv": "Tillväxtprioritering", "en": "Growth priority"},
    "kind.HeadlineTarget": {"sv": "Överordnat mål", "en": "Headline target"},
    "kind.BalticObjective": {"sv": "Östersjömål", "en": "Baltic Sea objective"},
    "kind.RegionalFocusArea": {"sv": "Regionalt insatsområde", "en": "Regional focus area"},
    "kind.Framework": {"sv": "Ramverk", "en": "Framework"},
    "kind.Organisation": {"sv": "Organisation", "en": "Organisation"},
    "kind.Others": {"sv": "Övriga organisationer", "en": "Other organisations"},
    "kind.Concept": {"sv": "Begrepp", "en": "Concept"},
    "graph.title": {"sv": "Graf över kopplingarna", "en": "Alignment graph"},
    "graph.intro": {"sv": "Från vänster: aktiviteter → prioriterade områden → mål → ramverkens begrepp. Klicka på en nod för dess etiketter, citat och spår till ramverken; dra för att flytta vyn, scrolla för att zooma.",
                    "en": "From the left: activities → priority areas → goals → framework concepts. Click a node for its labels, quote and trace to the frameworks; drag to pan, scroll to zoom."},
    "graph.intro.overview": {"sv": "Från vänster: organisationer → ramverkens begrepp → bredare begrepp. Siffran på en koppling är hur många av organisationens mål, prioriterade områden och aktiviteter som når begreppet. Klicka på en organisation eller ett begrepp för att gå ner i detalj; dra för att flytta vyn, scrolla för att zooma.",
                             "en": "From the left: organisations → framework concepts → broader concepts. The number on a link is how many of the organisation's goals, priority areas and activities reach the concept. Click an organisation or a concept to drill down; drag to pan, scroll to zoom."},
    "graph.organisations": {"sv": "Organisationer", "en": "Organisations"},
    "graph.frameworks": {"sv": "Ramverk", "en": "Frameworks"},
    "graph.apply": {"sv": "Visa", "en": "Show"},
    "graph.legend": {"sv": "Teckenförklaring", "en": "Legend"},
    "graph.empty": {"sv": "Inget att visa med detta urval.", "en": "Nothing to show for this selection."},
    "graph.panel.hint": {"sv": "Klicka på en nod för att se dess etiketter, citat och spår.",
                         "en": "Click a node to see its labels, quote and trace."},
    "graph.close": {"sv": "Stäng", "en": "Close"},
    "graph.open": {"sv": "Öppna sidan", "en": "Open its page"},
    "graph.fit": {"sv": "Visa allt", "en": "Fit all"},
    "graph.nodes": {"sv": "noder", "en": "nodes"},
    "graph.edges": {"sv": "kopplingar", "en": "links"},
    "graph.aggregated": {"sv": "Urvalet har {selected} noder, fler än de {budget} som ritas en och en, så det visas samlat: en nod per organisation, och på varje koppling hur många av organisationens mål, prioriterade områden och aktiviteter som når begreppet. Klicka på en organisation eller ett begrepp för att se det i detalj.",
                         "en": "The selection has {selected} nodes, more than the {budget} drawn one by one, so it is shown aggregated: one node per organisation, and on each link how many of the organisation's goals, priority areas and activities reach the concept. Click an organisation or a concept to see it in detail."},
    "graph.others": {"sv": "övriga organisationer ({n})", "en": "other organisations ({n})"},
    "graph.cluster.reach": {"sv": "{n} av dem når {c} begrepp", "en": "{n} of them reach {c} concepts"},
    "graph.concept.reach": {"sv": "nås av {n} organisationer", "en": "reached by {n} organisations"},
    "graph.crumb.all": {"sv": "Alla organisationer", "en": "All organisations"},
    "graph.crumb.label": {"sv": "Var i grafen", "en": "Where in the graph"},
    "graph.drill": {"sv": "Visa bara det som når begreppet", "en": "Show only what reaches this concept"},
    "graph.clusters": {"sv": "Organisationerna i översikten", "en": "The organisations in the overview"},
    "graph.clusters.reaching": {"sv": "når något begrepp", "en": "reach a concept"},
    "graph.clusters.concepts": {"sv": "begrepp", "en": "concepts"},
    "graph.edge.reach": {"sv": "antal mål, områden och aktiviteter som når begreppet", "en": "goals, areas and activities that reach the concept"},
    "col.Organisation": {"sv": "Organisationer", "en": "Organisations"},
    "col.Activity": {"sv": "Aktiviteter", "en": "Activities"},
    "col.PriorityArea": {"sv": "Prioriterade områden", "en": "Priority areas"},
    "col.Goal": {"sv": "Mål", "en": "Goals"},
    "col.concepts": {"sv": "Ramverkens begrepp", "en": "Framework concepts"},
    "col.broader": {"sv": "Bredare begrepp", "en": "Broader concepts"},
    "graph.unreached": {"sv": "begrepp som inget når", "en": "concept nothing reaches"},
    "graph.unaligned": {"sv": "når inget ramverk (streckad kant)", "en": "reaches no framework (dashed border)"},
    "graph.edge.align": {"sv": "bidrar till / tjänar / knyter an till", "en": "contributes to / serves / aligns with"},
    "graph.edge.broader": {"sv": "ingår i (bredare begrepp)", "en": "part of (broader concept)"},
    "entity.type": {"sv": "Typ", "en": "Type"},
    "entity.labels": {"sv": "Etiketter", "en": "Labels"},
    "entity.quote": {"sv": "Källcitat", "en": "Source quote"},
    "entity.page": {"sv": "sida", "en": "page"},
    "entity.more": {"sv": "{shown} av {total} visas; alla finns i SPARQL-gränssnittet.", "en": "{shown} of {total} shown; all of them are in the SPARQL endpoint."},
    "entity.reachingOrganisations": {"sv": "Organisationer som når begreppet", "en": "Organisations that reach the concept"},
    "entity.pages": {"sv": "sidor", "en": "pages"},
    "entity.in_source": {"sv": "Visa i källtexten", "en": "Show in the source text"},
    "entity.outgoing": {"sv": "Utgående kopplingar", "en": "Outgoing links"},
    "entity.incoming": {"sv": "Inkommande kopplingar", "en": "Incoming links"},
    "entity.trace": {"sv": "Spår till ramverken", "en": "Trace to the frameworks"},
    "entity.notrace": {"sv": "Inga spår till något ramverk.", "en": "No trace to any framework."},
    "entity.graph": {"sv": "Namngiven graf", "en": "Named graph"},
    "entity.property": {"sv": "Egenskap", "en": "Property"},
    "entity.value": {"sv": "Värde", "en": "Value"},
    "entity.reaching": {"sv": "Det som når begreppet", "en": "What reaches this concept"},
    "entity.in_graph": {"sv": "Visa i grafen", "en": "Show in the graph"},
    "source.title": {"sv": "Källtext", "en": "Source text"},
    "source.marked": {"sv": "Det markerade stycket är citatet.", "en": "The marked passage is the quote."},
    "source.notfound": {"sv": "Citatet hittades inte ordagrant i texten.", "en": "The quote was not found verbatim in the text."},
    # search (viewer/views/search.py) and suggestions (viewer/views/suggestions.py)
    "search.label": {"sv": "Sök", "en": "Search"},
    "search.placeholder": {"sv": "Sök, t.ex. vänort", "en": "Search, e.g. vänort"},
    "search.go": {"sv": "Sök", "en": "Search"},
    "search.title": {"sv": "Sök", "en": "Search"},
    "search.intro": {"sv": "Sök i etiketter på svenska och engelska, i citat och i källtexterna. Böjda former och sammansättningar hittas (”utbyte” hittar ”vänortsutbyte”), och å, ä, ö kan skrivas a, a, o.",
                     "en": "Search labels in Swedish and English, quotes and the source texts. Inflected forms and compounds are found (“utbyte” finds “vänortsutbyte”), and å, ä, ö may be typed a, a, o."},
    "search.try": {"sv": "Prova", "en": "Try"},
    "search.count": {"sv": "Träffar för ”{q}”: {n}", "en": "Hits for “{q}”: {n}"},
    "search.none": {"sv": "Inga träffar för ”{q}”. Prova ett annat ord, eller en del av ett längre ord.",
                    "en": "No hits for “{q}”. Try another word, or part of a longer one."},
    "search.more": {"sv": "Visa fler träffar", "en": "Show more hits"},
    "search.field.label": {"sv": "Namn", "en": "Name"},
    "search.field.altLabel": {"sv": "Annat namn", "en": "Other name"},
    "search.field.hiddenLabel": {"sv": "Sökord", "en": "Search term"},
    "search.field.definition": {"sv": "Definition", "en": "Definition"},
    "search.field.quote": {"sv": "Citat", "en": "Quote"},
    "search.field.source": {"sv": "Källtext", "en": "Source text"},
    "search.also": {"sv": "Samma citat står också för", "en": "The same quote also stands for"},
    "search.in_source": {"sv": "Visa i källtexten", "en": "Show in the source text"},
    "search.place": {"sv": "sida {page}, rad {line}", "en": "page {page}, line {line}"},
    "search.line": {"sv": "rad {line}", "en": "line {line}"},
    "suggest.title": {"sv": "Föreslagna kopplingar", "en": "Suggested alignments"},
    "suggest.other": {"sv": "Suggested alignments", "en": "Föreslagna kopplingar"},
    "suggest.marker": {"sv": "föreslaget, inte uttalat i dokumentet", "en": "suggested, not stated in the document"},
    "suggest.intro": {"sv": "Förslagen kommer ur texten ensam: orden i namnet och citatet jämförda med ramverkens egna ord. De räknas aldrig i täckningen eller luckorna.",
                      "en": "The suggestions come from the text alone: the words of the name and the quote compared with the frameworks' own words. They never count in coverage or gaps."},
    "suggest.concept_intro": {"sv": "Mål, områden och aktiviteter vars text föreslår detta begrepp.",
                              "en": "Goals, areas and activities whose text suggests this concept."},
    "suggest.score": {"sv": "Poäng", "en": "Score"},
    "suggest.evidence": {"sv": "Ord som stämmer", "en": "Matching words"},
    "suggest.concept": {"sv": "Begrepp", "en": "Concept"},
    "suggest.entity": {"sv": "Föreslaget för", "en": "Suggested for"},
    "suggest.stated": {"sv": "står också i dokumentet", "en": "also stated in the document"},
    "suggest.take": {"sv": "Ta in i arbetsboken", "en": "Take into the workbook"},
    "suggest.take_help": {"sv": "Kopiera raden till arbetsbokens blad Kopplingar (alignments.csv), eller tripeln till en Turtle-fil: då blir förslaget en uttalad koppling.",
                          "en": "Copy the row into the workbook's Alignments sheet (alignments.csv), or the triple into a Turtle file: the suggestion then becomes a stated alignment."},
    "suggest.copy": {"sv": "Kopiera", "en": "Copy"},
    "suggest.copied": {"sv": "Kopierat", "en": "Copied"},
    "suggest.method": {"sv": "Metod {method} {version}, tröskel {threshold}", "en": "Method {method} {version}, threshold {threshold}"},
    "suggest.graph_toggle": {"sv": "Visa föreslagna kopplingar (streckade)", "en": "Show suggested alignments (dashed)"},
    "suggest.graph_note": {"sv": "Föreslagna kopplingar i vyn: {n}", "en": "Suggested alignments in this view: {n}"},
    "suggest.graph_hidden": {"sv": "till begrepp utanför vyn: {n}", "en": "to concepts outside this view: {n}"},
    "suggest.graph_edge": {"sv": "föreslagen koppling, inte uttalad i dokumentet", "en": "suggested alignment, not stated in the document"},
    "suggest.matrix_toggle": {"sv": "Visa vad föreslagna kopplingar skulle lägga till", "en": "Show what suggested alignments would add"},
    "suggest.matrix_legend": {"sv": "så många mål, områden och aktiviteter till skulle nå begreppet om förslagen vore uttalade. Förslagen är inte uttalade i dokumenten och räknas inte i siffrorna eller luckorna.",
                              "en": "this many more goals, areas and activities would reach the concept if the suggestions were stated. The suggestions are not stated in the documents and are not counted in the numbers or the gaps."},
    "suggest.matrix_cell": {"sv": "föreslaget: {goals} mål, {areas} områden, {activities} aktiviteter till (inte uttalat i dokumentet)",
                            "en": "suggested: {goals} more goals, {areas} areas, {activities} activities (not stated in the document)"},
    "suggest.show": {"sv": "Visa", "en": "Show"},
    "suggest.all": {"sv": "Alla föreslagna kopplingar", "en": "All suggested alignments"},
    "validate.title": {"sv": "Kontroll av data (SHACL)", "en": "Data checks (SHACL)"},
    "validate.conforms": {"sv": "Alla regler är uppfyllda.", "en": "All rules are met."},
    "validate.summary": {"sv": "Resultat per allvarlighetsgrad och regel.", "en": "Findings by severity and rule."},
    "validate.Violation": {"sv": "Överträdelser", "en": "Violations"},
    "validate.Warning": {"sv": "Varningar", "en": "Warnings"},
    "validate.Info": {"sv": "Upplysningar", "en": "Information"},
    "validate.focus": {"sv": "Gäller", "en": "Concerns"},
    "validate.message": {"sv": "Detalj", "en": "Detail"},
    "validate.graph": {"sv": "Dokument", "en": "Document"},
    "query.title": {"sv": "Fråga grafen med SPARQL", "en": "Query the graph with SPARQL"},
    "query.saved": {"sv": "Sparade frågor", "en": "Saved queries"},
    "query.run": {"sv": "Kör", "en": "Run"},
    "query.results": {"sv": "Resultat", "en": "Results"},
    "query.rows": {"sv": "rader", "en": "rows"},
    "query.shown": {"sv": "De första {shown} av {total} raderna visas här; CSV och JSON har alla.", "en": "The first {shown} of {total} rows are shown here; the CSV and JSON have them all."},
    "query.capped": {"sv": "Resultatet är avkortat till de första {limit} raderna.",
                     "en": "The result is cut to the first {limit} rows."},
    "query.permalink": {"sv": "Permanent länk", "en": "Permalink"},
    "query.endpoint": {"sv": "Samma frågor går att ställa till SPARQL-ändpunkten", "en": "The same queries can be sent to the SPARQL endpoint"},
    "query.limits": {"sv": "Tidsgräns {timeout} s, högst {limit} rader, endast läsning.",
                     "en": "Time limit {timeout} s, at most {limit} rows, read-only."},
    "query.params": {"sv": "Parametrar", "en": "Parameters"},
    "query.true": {"sv": "sant", "en": "true"},
    "query.false": {"sv": "falskt", "en": "false"},
    "query.error": {"sv": "Frågan kunde inte köras", "en": "The query could not run"},
    "downloads.title": {"sv": "Ladda ner", "en": "Downloads"},
    "downloads.intro": {"sv": "Hela kunskapsgrafen som öppna data, med stabila IRI:er, licens och en DCAT-beskrivning.",
                        "en": "The whole knowledge graph as open data, with stable IRIs, a licence and a DCAT description."},
    "downloads.dcat": {"sv": "DCAT-beskrivning", "en": "DCAT description"},
    "downloads.format": {"sv": "Format", "en": "Format"},
    "downloads.file": {"sv": "Fil", "en": "File"},
    "downloads.graphs": {"sv": "Namngivna grafer", "en": "Named graphs"},
    "downloads.triples": {"sv": "tripler", "en": "triples"},
    "error.notfound": {"sv": "Sidan finns inte", "en": "Page not found"},
    "error.nothing": {"sv": "Det finns inget om {iri} i grafen.", "en": "The graph says nothing about {iri}."},
}


def word(key: str, lang: str | None = None, **values) -> str:
    text = pick(WORDS.get(key), lang, fallback=key)
    return text.format(**values) if values else text
