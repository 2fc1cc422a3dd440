"""The workbook format: its sheets and columns, each with a Swedish and an English header and a
note saying what goes in it, and the RDF property each column stands for. The reader and the
writer are both driven by this one description, so what one writes the other reads.

A row is one thing; its key (a short name the author chooses) mints its IRI by the contract's
slug rule: `id/<organisation>/<segment>/<key>`, `id/<key>` for the organisation that issues the
strategy, `id/org/<key>` for other organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from ..namespaces import ADMS, DCTERMS, ORG, RDF, RDFS, SAM, SKOS


@dataclass(frozen=True)
class Column:
    """One column: its headers and notes (sv, en), what kind of value it holds, the property."""

    id: str
    sv: str
    en: str
    note_sv: str
    note_en: str
    #: key | text | quotes | pages | int | decimal | value | date | year | bool | code | currency |
    #: ref | closed | concept | shape | flag | type | curie | any | anytype
    kind: str
    predicate: URIRef | None = None
    lang: str | None = None  # text columns: the literal's language
    refs: tuple[str, ...] = ()  # ref columns: the sheets a key may name ("*": any sheet)
    closed: str | None = None  # closed columns: the name of the list (format.LISTS)
    multi: bool = False  # several values in one cell, separated by commas (quotes: by line breaks)
    required: bool = False  # the cell must not be empty
    flag_class: URIRef | None = None  # flag columns: the extra class a "yes" adds

    def header(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def note(self, lang: str) -> str:
        return self.note_sv if lang == "sv" else self.note_en


@dataclass(frozen=True)
class Sheet:
    """One sheet: one kind of thing (an entity sheet), links to the frameworks, or statements."""

    id: str
    sv: str
    en: str
    note_sv: str
    note_en: str
    columns: tuple[Column, ...]
    kind: str = "entity"  # entity | alignments | statements
    classes: tuple[URIRef, ...] = ()  # every row's rdf:type (the first decides which rows go here)
    segment: str | None = None  # the IRI segment: id/<org>/<segment>/<key>
    stated: bool = False  # has a "stated in" column that defaults to the strategy
    labels_required: bool = True

    def name(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)


# --- the columns every entity sheet shares -----------------------------------------------------

def _key(note_sv: str, note_en: str) -> Column:
    return Column("key", "nyckel", "key",
                  "Ett kort namn som du väljer, unikt på bladet, till exempel \"fler-jobb\". Andra blad "
                  "hänvisar hit med det. Blir en del av webbadressen (IRI): små bokstäver, å/ä blir a, ö blir o, "
                  "mellanslag blir bindestreck. " + note_sv,
                  "A short name you choose, unique on the sheet, e.g. \"more-jobs\". Other sheets refer to the "
                  "row by it. It becomes part of the web address (IRI): lower case, å/ä become a, ö becomes o, "
                  "spaces become hyphens. " + note_en, "key", required=True)


def _labels(required: bool = True) -> tuple[Column, ...]:
    return (
        Column("label_sv", "namn (sv)", "name (sv)",
               "Namnet på svenska, med dokumentets egna ord.", "The name in Swedish, in the document's own words.",
               "text", RDFS.label, "sv", required=required),
        Column("label_en", "namn (en)", "name (en)",
               "Namnet på engelska (en översättning).", "The name in English (a translation).",
               "text", RDFS.label, "en", required=required),
    )


def _alt_labels() -> tuple[Column, ...]:
    return (
        Column("alt_label_sv", "annat namn (sv)", "other name (sv)",
               "Ett annat namn som dokumentet använder, om det har ett (till exempel en rubrik).",
               "Another name the document uses, if any (a heading, for instance).", "text", SKOS.altLabel, "sv"),
        Column("alt_label_en", "annat namn (en)", "other name (en)",
               "Det andra namnet på engelska.", "The other name in English.", "text", SKOS.altLabel, "en"),
    )


STATED_IN = Column("stated_in", "anges i", "stated in",
                   "Dokumentet som anger detta: lämna tomt för strategin (bladet Strategi), eller nyckeln till en "
                   "handlingsplan. \"-\" betyder inget dokument.",
                   "The document that states this: leave empty for the strategy (sheet Strategy), or the key of an "
                   "action plan. \"-\" means no document.", "ref", SAM.statedIn, refs=("strategy", "action_plans"))

TRAILING = (
    Column("quote", "citat", "quote",
           "Meningen eller meningarna ur dokumentet som raden bygger på, ordagrant. Flera citat: ett per rad i "
           "cellen (Alt+Enter).",
           "The sentence or sentences of the document the row rests on, verbatim. Several quotes: one per line in "
           "the cell (Alt+Enter).", "quotes", SAM.sourceText, "sv", multi=True),
    Column("page", "sida", "page",
           "Sidan eller sidorna i dokumentet där citaten står, till exempel 4 eller \"4, 5\".",
           "The page or pages of the document the quotes are on, e.g. 4 or \"4, 5\".", "pages", SAM.sourcePage,
           multi=True),
    Column("comment_sv", "kommentar (sv)", "comment (sv)",
           "En förklaring för läsaren, på svenska.", "An explanation for the reader, in Swedish.",
           "text", RDFS.comment, "sv"),
    Column("comment_en", "kommentar (en)", "comment (en)",
           "En förklaring för läsaren, på engelska.", "An explanation for the reader, in English.",
           "text", RDFS.comment, "en"),
    Column("example", "exempeldata", "example data",
           "\"ja\" om raden är påhittad som exempel och inget dokument anger den; annars tomt.",
           "\"yes\" if the row is invented as an example that no document states; otherwise empty.",
           "bool", SAM.exampleData),
)

UNIT_REFS = ("units",)
ORG_REFS = ("organisation", "organisations")
BODY_REFS = ("units", "organisation", "organisations")


def _ref(cid, sv, en, note_sv, note_en, predicate, refs, multi=False, required=False) -> Column:
    return Column(cid, sv, en, note_sv, note_en, "ref", predicate, refs=refs, multi=multi, required=required)


def _text_pair(cid, sv, en, note_sv, note_en, predicate) -> tuple[Column, Column]:
    return (Column(cid + "_sv", f"{sv} (sv)", f"{en} (sv)", note_sv, note_en + " (Swedish)", "text", predicate, "sv"),
            Column(cid + "_en", f"{sv} (en)", f"{en} (en)", note_sv + " (på engelska)", note_en + " (English)",
                   "text", predicate, "en"))


def _date(cid, sv, en, note_sv, note_en, predicate) -> Column:
    return Column(cid, sv, en, note_sv + " År (2014), månad (2014-09) eller dag (2014-09-15).",
                  note_en + " A year (2014), month (2014-09) or day (2014-09-15).", "date", predicate)


_ORG_COLUMNS = (
    Column("type", "typ", "type", "Kommun, region eller annan organisation (välj i listan).",
           "Municipality, region or other organisation (pick from the list).", "type", RDF.type,
           closed="organisation_classes", required=True),
    *_labels(),
    Column("official_code", "officiell kod", "official code",
           "SCB:s kommun- eller länskod med inledande nollor, till exempel \"1081\".",
           "Statistics Sweden's municipality or county code, leading zeros kept, e.g. \"1081\".",
           "code", SAM.officialCode),
    Column("country", "land", "country", "Landet som ISO 3166-1-kod med två bokstäver, till exempel SE, FI, DE.",
           "The country as a two-letter ISO 3166-1 code, e.g. SE, FI, DE.", "code", SAM.country),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet("organisation", "Organisation", "Organisation",
          "Organisationen som ger ut strategin: en rad.", "The organisation that issues the strategy: one row.",
          (_key("Organisationens nyckel, till exempel \"ronneby\"; alla andra rader får den i sin webbadress.",
                "The organisation's key, e.g. \"ronneby\"; every other row's web address starts with it."),
           *_ORG_COLUMNS, *TRAILING)),
    Sheet("units", "Enheter", "Units",
          "Organ och funktioner inom organisationen: fullmäktige, styrelse, nämnder, förvaltningar, styrgrupper, "
          "samordnare.",
          "Bodies and posts within the organisation: council, board, committees, administrations, steering groups, "
          "coordinators.",
          (_key("", ""), *_labels(),
           Column("post", "funktion", "post", "\"ja\" om det är en funktion som en person innehar (samordnaren, "
                  "ordföranden), inte ett organ.", "\"yes\" if it is a post one person holds (the coordinator, the "
                  "chair), not a body.", "flag", RDF.type, flag_class=ORG.Post),
           _ref("unit_of", "del av organisation", "unit of", "Organisationen som enheten hör till (dess nyckel).",
                "The organisation the unit belongs to (its key).", ORG.unitOf, ORG_REFS),
           _ref("part_of", "underordnad", "part of", "Organet som enheten är en del av (ett presidium, ett utskott).",
                "The body the unit is part of (a presidium, a working committee).", ORG.subOrganizationOf,
                UNIT_REFS, multi=True),
           _ref("post_in", "funktion i", "post in", "Organet som funktionen hör till (ordförande i fullmäktige).",
                "The body the post belongs to (chair of the council).", ORG.postIn, UNIT_REFS),
           _ref("reports_to", "rapporterar till", "reports to", "Organ som enheten rapporterar till, enligt "
                "dokumentet.", "Bodies the unit reports to, as the document says.", ORG.reportsTo, BODY_REFS,
                multi=True),
           _ref("convened_by", "sammankallas av", "convened by", "Funktionen eller organet som sammankallar organet.",
                "The post or body that convenes the body.", SAM.convenedBy, UNIT_REFS),
           Column("meets", "träffas", "meets", "Hur ofta organet träffas (välj i listan; EU:s frekvenstabell).",
                  "How often the body meets (pick from the list; the EU frequency table).", "closed",
                  SAM.meetingFrequency, closed="frequencies"),
           *_text_pair("responsible", "ansvarar för", "responsible for", "Vad dokumentet gör enheten ansvarig för",
                       "What the document makes the unit responsible for", SAM.responsibleFor),
           *TRAILING),
          classes=(SAM.OrganisationalUnit,), segment="unit"),
    Sheet("organisations", "Andra organisationer", "Other organisations",
          "Andra organisationer som strategin nämner: vänorter, nätverk, regioner, skolor.",
          "Other organisations the strategy names: twin towns, networks, regions, schools.",
          (_key("Webbadressen blir id/org/<nyckel>, gemensam för alla strategier som nämner organisationen.",
                "The web address is id/org/<key>, shared by every strategy that names the organisation."),
           *_ORG_COLUMNS, *TRAILING),
          segment="org"),
    Sheet("strategy", "Strategi", "Strategy",
          "Strategidokumentet: en rad.", "The strategy document: one row.",
          (_key("", ""), *_labels(),
           *_text_pair("title", "titel", "title", "Dokumentets titel", "The document's title", DCTERMS.title),
           _ref("issued_by", "utfärdad av", "issued by", "Organisationen vars strategi det är (bladet Organisation).",
                "The organisation whose strategy it is (sheet Organisation).", SAM.issuedBy, ("organisation",)),
           _ref("adopted_by", "antagen av", "adopted by", "Organet som antog strategin.",
                "The body that adopted the strategy.", SAM.adoptedBy, UNIT_REFS, multi=True),
           _date("adopted_on", "antagen när", "adopted on", "När strategin antogs.", "When it was adopted.",
                 DCTERMS.issued),
           _date("valid_from", "gäller från", "valid from", "Strategiperiodens början, så exakt som dokumentet anger.",
                 "Start of the strategy period, as precise as the document is.", SAM.validFrom),
           _date("valid_until", "gäller till", "valid until", "Strategiperiodens slut.", "End of the period.",
                 SAM.validUntil),
           *_text_pair("purpose", "syfte", "purpose", "Varför arbetet bedrivs, med dokumentets ord",
                       "Why the work is done, in the document's words", SAM.purpose),
           *_text_pair("follow_up", "uppföljning", "follow-up", "Hur och hur ofta strategin följs upp",
                       "How and how often the strategy is followed up", SAM.followUp),
           *TRAILING),
          classes=(SAM.Strategy,), segment="strategy"),
    Sheet("goals", "Mål", "Goals", "Målen som strategin anger.", "The goals the strategy states.",
          (_key("", ""), *_labels(), *_alt_labels(), STATED_IN, *TRAILING),
          classes=(SAM.Goal,), segment="goal", stated=True),
    Sheet("priority_areas", "Prioriterade områden", "Priority areas",
          "Områdena som strategin prioriterar (grundpelare, nyckelområden).",
          "The areas the strategy gives priority to (cornerstones, key areas).",
          (_key("", ""), *_labels(), *_alt_labels(),
           _ref("serves_goal", "tjänar målet", "serves goal", "Målen (bladet Mål) som området bidrar till, enligt "
                "dokumentet.", "The goals (sheet Goals) the area serves, as the document says.", SAM.servesGoal,
                ("goals",), multi=True),
           STATED_IN, *TRAILING),
          classes=(SAM.PriorityArea,), segment="priority-area", stated=True),
    Sheet("activities", "Aktiviteter", "Activities",
          "Det som görs: utbyten, besök, medlemskap, projekt; i en handlingsplan med period, status, budget, "
          "förankring och rapportering.",
          "What is done: exchanges, visits, memberships, projects; in an action plan with period, status, budget, "
          "anchoring and reporting.",
          (_key("", ""), *_labels(), *_alt_labels(), STATED_IN,
           _ref("contributes_to", "bidrar till", "contributes to", "Mål eller prioriterade områden som aktiviteten "
                "bidrar till.", "Goals or priority areas the activity contributes to.", SAM.contributesTo,
                ("goals", "priority_areas"), multi=True),
           _ref("owner", "ägare", "owner", "Enheten som äger aktiviteten (exakt en).",
                "The unit that owns the activity (exactly one).", SAM.owner, UNIT_REFS, multi=True),
           _ref("performer", "utförare", "performer", "Enheter eller organisationer som utför aktiviteten.",
                "Units or organisations that carry the activity out.", SAM.performer, BODY_REFS, multi=True),
           _ref("cooperates_with", "i samverkan med", "in cooperation with", "Organisationer som arbetet sker i "
                "samverkan med (partner i arbetet, inte utförare).", "Organisations the work is done in cooperation "
                "with (partners in it, not performers).", SAM.cooperatesWith, BODY_REFS, multi=True),
           _ref("governed_by", "styrs av avtal", "governed by", "Avtal (bladet Avtal) som aktiviteten vilar på.",
                "Agreements (sheet Agreements) the activity rests on.", SAM.governedBy, ("agreements",), multi=True),
           _ref("funding_source", "finansiering", "funding source", "Finansieringskällor (bladet "
                "Finansieringskällor).", "Funding sources (sheet Funding sources).", SAM.fundingSource,
                ("funding",), multi=True),
           _date("start", "period från", "period start", "När aktiviteten börjar.", "When the activity begins.",
                 SAM.periodStart),
           _date("end", "period till", "period end", "När aktiviteten slutar.", "When the activity ends.",
                 SAM.periodEnd),
           Column("status", "status", "status", "Planerad, pågående, genomförd eller inställd (välj i listan).",
                  "Planned, ongoing, done or cancelled (pick from the list).", "closed", ADMS.status,
                  closed="statuses"),
           Column("budget", "budget", "budget", "Budgeten som ett tal, utan valuta (150000).",
                  "The budget as a number, without currency (150000).", "decimal", SAM.budget),
           Column("currency", "valuta", "currency", "Budgetens valuta som ISO 4217-kod: SEK, EUR, NOK ...",
                  "The budget's currency as an ISO 4217 code: SEK, EUR, NOK ...", "currency", SAM.currency),
           _ref("anchored_with", "förankrad med", "anchored with", "Organ eller funktioner som aktiviteten "
                "förankrats med (chefer, styrelse, nämnd).", "Bodies or posts the activity was anchored with "
                "(managers, board, committee).", SAM.anchoredWith, BODY_REFS, multi=True),
           _date("anchored_on", "förankrad när", "anchored on", "När aktiviteten förankrades.",
                 "When it was anchored.", SAM.anchoredOn),
           _ref("reported_to", "rapporterad till", "reported to", "Organ eller funktion som aktiviteten "
                "rapporterats till (den internationella samordnaren).", "The body or post the activity was reported "
                "to (the international coordinator).", SAM.reportedTo, BODY_REFS, multi=True),
           _date("reported_on", "rapporterad när", "reported on", "När aktiviteten rapporterades.",
                 "When it was reported.", SAM.reportedOn),
           *TRAILING),
          classes=(SAM.Activity,), segment="activity", stated=True),
    Sheet("partnerships", "Partnerskap", "Partnerships",
          "Varaktiga förbindelser: vänorter, vänskolor, nätverk, kontor.",
          "Lasting ties: twin towns, sister schools, networks, offices.",
          (_key("", ""), *_labels(), STATED_IN,
           Column("partnership_kind", "typ av partnerskap", "kind of partnership", "Vänort, vänskola, nätverk ... "
                  "(välj i listan).", "Twin town, sister school, network ... (pick from the list).", "closed",
                  SAM.partnershipKind, closed="partnership_kinds", multi=True),
           _ref("partner", "partner", "partner", "Den andra organisationen (bladet Andra organisationer).",
                "The other organisation (sheet Other organisations).", SAM.partner, ORG_REFS, multi=True),
           _date("since", "sedan", "since", "När partnerskapet började.", "When the partnership began.", SAM.since),
           _ref("governed_by", "styrs av avtal", "governed by", "Avtal (bladet Avtal) som partnerskapet vilar på.",
                "Agreements (sheet Agreements) the partnership rests on.", SAM.governedBy, ("agreements",),
                multi=True),
           _ref("approved_by", "beslutat av", "approved by", "Organet som beslutade om partnerskapet.",
                "The body that decided on the partnership.", SAM.approvedBy, UNIT_REFS, multi=True),
           _date("approved_on", "beslutat när", "approved on", "När det beslutades.", "When it was decided.",
                 DCTERMS.date),
           *TRAILING),
          classes=(SAM.Partnership,), segment="partnership", stated=True),
    Sheet("agreements", "Avtal", "Agreements", "Avtal som dokumentet nämner (vänortsavtal).",
          "Agreements the document names (twinning agreements).",
          (_key("", ""), *_labels(), STATED_IN,
           _ref("party", "parter", "parties", "Parterna i avtalet.", "The parties to the agreement.", SAM.party,
                ORG_REFS, multi=True),
           _ref("approved_by", "godkänt av", "approved by", "Organet som godkände (fastställde) avtalet.",
                "The body that approved (fixed) the agreement.", SAM.approvedBy, UNIT_REFS, multi=True),
           _date("approved_on", "godkänt när", "approved on", "När det godkändes.", "When it was approved.",
                 DCTERMS.date),
           *TRAILING),
          classes=(SAM.Agreement,), segment="agreement", stated=True),
    Sheet("alignments", "Kopplingar", "Alignments",
          "Kopplingar till ramverken: en rad per koppling. Vad (strategin, ett mål, ett område, en aktivitet), "
          "hur (i linje med, tar hänsyn till, hänvisar till) och till vilket begrepp (bladet Listor).",
          "Ties to the frameworks: one row per tie. What (the strategy, a goal, an area, an activity), how (aligns "
          "with, considers, refers to) and to which concept (sheet Lists).",
          (_ref("thing", "vad", "what", "Nyckeln till strategin, ett mål, ett prioriterat område eller en aktivitet.",
                "The key of the strategy, a goal, a priority area or an activity.", None,
                ("strategy", "goals", "priority_areas", "activities", "action_plans"), required=True),
           Column("relation", "koppling", "relation", "i linje med (ett begrepp), tar hänsyn till (ett perspektiv) "
                  "eller hänvisar till (ett ramverk som helhet). Välj i listan.", "aligns with (a concept), "
                  "considers (a perspective) or refers to (a framework as a whole). Pick from the list.", "closed",
                  closed="relations", required=True),
           Column("concept", "begrepp", "concept", "Ramverksbegreppet, perspektivet eller ramverket (välj i listan; "
                  "namnen står på bladet Listor).", "The framework concept, perspective or framework (pick from the "
                  "list; the names are on sheet Lists).", "concept", closed="concepts", required=True)),
          kind="alignments"),
    Sheet("rules", "Regler", "Rules",
          "Krav som dokumentet ställer (ska, skall, bör), med citat och sida.",
          "Requirements the document sets (shall, should), with quote and page.",
          (_key("", ""), *_labels(), STATED_IN,
           Column("applies_to", "gäller", "applies to", "Vilket slags sak regeln gäller (välj i listan).",
                  "What kind of thing the rule is about (pick from the list).", "closed", SAM.appliesTo,
                  closed="classes", multi=True),
           _ref("binds", "binder", "binds", "Organisationen och de organ som regeln ålägger något.",
                "The organisation and the bodies the rule puts a duty on.", SAM.binds, BODY_REFS, multi=True),
           Column("strength", "styrka", "strength", "Bindande (ska, skall) eller rådgivande (bör).",
                  "Binding (shall) or advisory (should).", "closed", SAM.strength, closed="strengths"),
           Column("strength_cue", "styrkans ord", "strength cue", "Ordet i citatet som ger styrkan: \"skall\", "
                  "\"bör\" ...", "The word of the quote that gives the strength: \"skall\", \"bör\" ...", "text",
                  SAM.strengthCue, "sv"),
           Column("checkable", "kontrollerbar", "checkable", "\"ja\" om data kan visa att regeln följs, annars \"nej\".",
                  "\"yes\" if data can show the rule kept, otherwise \"no\".", "bool", SAM.checkable),
           Column("checked_by", "kontrolleras av", "checked by", "Namnet på SHACL-formen i shapes/rules.ttl, till "
                  "exempel Ronneby-tydlig-agare.", "The name of the SHACL shape in shapes/rules.ttl, e.g. "
                  "Ronneby-tydlig-agare.", "shape", SAM.checkedBy, multi=True),
           *_text_pair("uncheckable", "kan inte kontrolleras eftersom", "uncheckable because",
                       "Varför inga data kan visa att regeln följs", "Why no data can show the rule kept",
                       SAM.uncheckableBecause),
           _ref("establishes", "inrättar", "establishes", "Strukturen som regeln sätter upp: en rapporteringsväg, "
                "ett mandat, ett organ.", "The structure the rule sets up: a reporting line, a mandate, a body.",
                SAM.establishes, ("reporting_lines", "mandates", "units", "memberships", "agreements"), multi=True),
           *TRAILING),
          classes=(SAM.Rule,), segment="rule", stated=True),
    Sheet("reporting_lines", "Rapporteringsvägar", "Reporting lines",
          "Vem som rapporterar vad till vem, hur ofta och i vilken form.",
          "Who reports what to whom, how often and in what form.",
          (_key("", ""), *_labels(), STATED_IN,
           _ref("reporter", "rapportör", "reporter", "Organen som rapporterar (tomt om dokumentet inte säger det).",
                "The bodies that report (empty if the document does not say).", SAM.reporter, BODY_REFS, multi=True),
           _ref("recipient", "mottagare", "recipient", "Organet eller funktionen som tar emot rapporten.",
                "The body or post that receives the report.", SAM.recipient, BODY_REFS, multi=True),
           *_text_pair("report_subject", "vad som rapporteras", "what is reported", "Vad rapporten handlar om",
                       "What the report is about", SAM.reportSubject),
           *_text_pair("timing", "när", "timing", "När rapporteringen sker, med dokumentets ord",
                       "When the reporting happens, in the document's words", SAM.timing),
           Column("frequency", "hur ofta", "how often", "Hur ofta (välj i listan; EU:s frekvenstabell).",
                  "How often (pick from the list; the EU frequency table).", "closed", DCTERMS.accrualPeriodicity,
                  closed="frequencies"),
           Column("form", "form", "form", "Skriftligt, muntligt, eller båda (\"Skriftligt, Muntligt\").",
                  "Written, oral, or both (\"Written, Oral\").", "closed", SAM.reportingForm,
                  closed="reporting_forms", multi=True),
           *TRAILING),
          classes=(SAM.ReportingLine,), segment="reporting-line", stated=True),
    Sheet("memberships", "Ledamöter", "Members of bodies",
          "Vilka som sitter i ett organ: en rad per ledamot eller grupp av ledamöter.",
          "Who sits on a body: one row per member or group of members.",
          (_key("Gärna <organ>/<ledamot>, till exempel \"styrgruppen/kommundirektoren\".",
                "Preferably <body>/<member>, e.g. \"steering-group/chief-executive\"."), *_labels(),
           _ref("body", "organ", "body", "Organet (bladet Enheter).", "The body (sheet Units).", ORG.organization,
                BODY_REFS),
           _ref("member", "ledamot", "member", "Den som sitter i organet: en enhet, funktion eller organisation.",
                "Who sits on the body: a unit, post or organisation.", ORG.member, BODY_REFS),
           Column("seats", "platser", "seats", "Hur många platser, om fler än en (\"två företrädare\": 2).",
                  "How many seats, if more than one (\"two representatives\": 2).", "int", SAM.seats),
           *TRAILING),
          classes=(ORG.Membership,), segment="membership"),
    Sheet("mandates", "Mandat", "Mandates", "Vilket organ som beslutar, antar, fastställer eller leder vad.",
          "Which body decides, adopts, fixes or leads what.",
          (_key("", ""), *_labels(), STATED_IN,
           _ref("held_by", "innehas av", "held by", "Organet som har mandatet (tomt om dokumentet inte nämner något).",
                "The body that holds the mandate (empty if the document names none).", SAM.heldBy, UNIT_REFS,
                multi=True),
           *_text_pair("matter", "sak", "matter", "Vad mandatet gäller", "What the mandate covers", SAM.matter),
           _ref("may_delegate_to", "får delegera till", "may delegate to", "Organ som innehavaren får delegera till.",
                "Bodies the holder may delegate to.", SAM.mayDelegateTo, UNIT_REFS, multi=True),
           *TRAILING),
          classes=(SAM.Mandate,), segment="mandate", stated=True),
    Sheet("funding", "Finansieringskällor", "Funding sources",
          "Fonder, program och andra källor till finansiering som dokumentet nämner.",
          "Funds, programmes and other sources of funding the document names.",
          (_key("", ""), *_labels(), STATED_IN, *TRAILING),
          classes=(SAM.FundingSource,), segment="funding-source", stated=True),
    Sheet("target_groups", "Målgrupper", "Target groups", "Grupper som dokumentet riktar sig till.",
          "Groups the document addresses.",
          (_key("", ""), *_labels(), STATED_IN,
           Column("target_group_kind", "typ av målgrupp", "kind of target group", "Extern eller intern (välj i "
                  "listan).", "External or internal (pick from the list).", "closed", SAM.targetGroupKind,
                  closed="target_group_kinds", multi=True),
           *TRAILING),
          classes=(SAM.TargetGroup,), segment="target-group", stated=True),
    Sheet("action_plans", "Handlingsplaner", "Action plans",
          "Verksamheternas handlingsplaner som genomför strategin; deras aktiviteter står på bladet Aktiviteter "
          "(anges i: planens nyckel).",
          "The operations' action plans that implement the strategy; their activities are on sheet Activities "
          "(stated in: the plan's key).",
          (_key("", ""), *_labels(),
           _ref("implements", "genomför", "implements", "Strategin som planen genomför.",
                "The strategy the plan implements.", SAM.implements, ("strategy",), multi=True),
           _ref("issued_by", "utfärdad av", "issued by", "Organisationen vars plan det är (bladet Organisation).",
                "The organisation whose plan it is (sheet Organisation).", SAM.issuedBy, ("organisation",)),
           _ref("adopted_by", "antagen av", "adopted by", "Nämnden eller organet som antog planen.",
                "The committee or body that adopted the plan.", SAM.adoptedBy, UNIT_REFS, multi=True),
           _date("adopted_on", "antagen när", "adopted on", "När planen antogs.", "When it was adopted.",
                 DCTERMS.issued),
           _date("start", "period från", "period start", "När planen börjar gälla.", "When the plan begins.",
                 SAM.periodStart),
           _date("end", "period till", "period end", "När planen slutar gälla.", "When the plan ends.",
                 SAM.periodEnd),
           *TRAILING),
          classes=(SAM.ActionPlan,), segment="action-plan"),
    Sheet("targets", "Mätbara mål", "Targets",
          "Handlingsplanernas specifika, mätbara och tidsatta mål.",
          "The action plans' specific, measurable, time-bound targets.",
          (_key("", ""), *_labels(),
           _ref("action_plan", "handlingsplan", "action plan", "Planen som målet hör till.",
                "The plan the target belongs to.", SAM.targetOf, ("action_plans",), multi=True),
           _ref("measures", "mäter aktivitet", "measures activity", "Aktiviteten vars resultat målet mäter.",
                "The activity whose result the target measures.", SAM.measures, ("activities",), multi=True),
           _ref("serves_goal", "tjänar målet", "serves goal", "Målet i strategin (bladet Mål) som målet bidrar till.",
                "The strategy's goal (sheet Goals) the target contributes to.", SAM.servesGoal, ("goals",),
                multi=True),
           *_text_pair("indicator", "indikator", "indicator", "Vad som mäts", "What is measured", SAM.indicator),
           Column("baseline", "utgångsvärde", "baseline", "Indikatorns värde när målet sattes (ett tal).",
                  "The indicator's value when the target was set (a number).", "value", SAM.baseline),
           Column("target_value", "målvärde", "target value", "Värdet som indikatorn ska nå (ett tal).",
                  "The value the indicator is to reach (a number).", "value", SAM.targetValue),
           Column("unit_sv", "enhet (sv)", "unit (sv)", "Enheten för värdena: antal, procent, kronor ... (välj eller "
                  "skriv).", "The unit of the values in Swedish: antal, procent, kronor ... (pick or type).", "text",
                  SAM.unitOfMeasure, "sv", closed="measure_units_sv"),
           Column("unit_en", "enhet (en)", "unit (en)", "Enheten på engelska: number, per cent ...",
                  "The unit in English: number, per cent ...", "text", SAM.unitOfMeasure, "en",
                  closed="measure_units_en"),
           _date("deadline", "tidpunkt", "deadline", "När målet ska vara nått.", "When the target is to be reached.",
                 SAM.deadline),
           *TRAILING),
          classes=(SAM.Target,), segment="target"),
    Sheet("outcomes", "Utfall", "Outcomes", "Utfallet per år för de mätbara målen, från uppföljningen.",
          "Each year's outcome for the targets, from the follow-up.",
          (_key("Till exempel <mål>-<år>: \"utbyten-2014\".", "For instance <target>-<year>: \"exchanges-2014\"."),
           *_labels(required=False),
           _ref("target", "mätbart mål", "target", "Det mätbara målet (bladet Mätbara mål).",
                "The target (sheet Targets).", SAM.outcomeOf, ("targets",), multi=True, required=True),
           Column("year", "år", "year", "Året som utfallet gäller (2014).", "The year the outcome is for (2014).",
                  "year", SAM.year, required=True),
           Column("value", "värde", "value", "Indikatorns värde det året, i målets enhet.",
                  "The indicator's value that year, in the target's unit.", "value", SAM.outcomeValue),
           *TRAILING),
          classes=(SAM.Outcome,), segment="outcome", labels_required=False),
    Sheet("outside_facts", "Uppgifter utifrån", "Outside facts",
          "Uppgifter i arbetsboken som inte kommer från dokumentet, med källa och varför de behövs.",
          "Statements in the workbook that do not come from the document, with their source and why they are kept.",
          (_key("", ""), *_labels(),
           _ref("not_stated_in", "anges inte i", "not stated in", "Strategin som uppgiften annars kunde tas för att "
                "komma från.", "The strategy the statement might otherwise be taken to come from.", SAM.notStatedIn,
                ("strategy", "action_plans"), multi=True),
           Column("subject", "om", "about", "Nyckeln till det uppgiften gäller (\"org/eurocities\" om nyckeln finns "
                  "på flera blad).", "The key of what the statement is about (\"org/eurocities\" when the key is on "
                  "several sheets).", "any", RDF.subject),
           Column("property", "egenskap", "property", "Egenskapen, till exempel sam:country eller sam:validUntil.",
                  "The property, e.g. sam:country or sam:validUntil.", "curie", RDF.predicate),
           Column("value", "värde", "value", "Värdet som uppgiften anger.", "The value the statement gives.", "any",
                  RDF.object),
           Column("value_type", "värdets typ", "value type", "Tomt för text, @sv eller @en för text på ett språk, "
                  "xsd:gYear (etc.) för ett typat värde, iri för en nyckel eller webbadress.",
                  "Empty for text, @sv or @en for text in a language, xsd:gYear (etc.) for a typed value, iri for a "
                  "key or web address.", "anytype"),
           *_text_pair("source", "källa", "source", "Var uppgiften kommer från", "Where the statement comes from",
                       DCTERMS.source),
           *TRAILING),
          classes=(SAM.OutsideFact,), segment="outside-fact"),
    Sheet("other", "Övriga uppgifter", "Other statements",
          "Uppgifter som inget annat blad har en kolumn för: en rad per uppgift. Används sällan.",
          "Statements no other sheet has a column for: one row per statement. Rarely needed.",
          (Column("subject", "om", "about", "Nyckeln till det uppgiften gäller, eller en webbadress.",
                  "The key of what the statement is about, or a web address.", "any", required=True),
           Column("property", "egenskap", "property", "Egenskapen, till exempel skos:note.",
                  "The property, e.g. skos:note.", "curie", required=True),
           Column("value", "värde", "value", "Värdet.", "The value.", "any", required=True),
           Column("value_type", "värdets typ", "value type", "Tomt för text, @sv eller @en för text på ett språk, "
                  "xsd:gYear (etc.) för ett typat värde, iri för en nyckel eller webbadress.",
                  "Empty for text, @sv or @en for text in a language, xsd:gYear (etc.) for a typed value, iri for a "
                  "key or web address.", "anytype")),
          kind="statements"),
)

SHEETS_BY_ID: dict[str, Sheet] = {s.id: s for s in SHEETS}

#: sheets the reader skips: the instructions and the lists the drop-downs draw from
README = ("readme", "Läs mig", "Read me")
LISTS = ("lists", "Listor", "Lists")

#: the most rows a sheet may have (a strategy has at most a few hundred), and the columns read
MAX_ROWS = 10_000
MAX_COLUMNS = 60

#: units of measure offered for targets (sv, en); others may be typed
MEASURE_UNITS = (("antal", "number"), ("procent", "per cent"), ("kronor", "SEK"), ("euro", "euro"),
                 ("personer", "people"), ("timmar", "hours"), ("dagar", "days"))
#: currencies offered in the drop-down (ISO 4217); any three-letter code is accepted
CURRENCIES = ("SEK", "EUR", "NOK", "DKK", "ISK", "GBP", "PLN", "USD", "CHF")

#: the alignments sheet's relations: property -> the kind of concept it takes
RELATIONS = {SAM.alignsWith: "concept", SAM.considers: "perspective", SAM.refersTo: "framework"}

YES = {"ja", "yes", "true", "x", "1", "sant", "j", "y"}
NO = {"nej", "no", "false", "0", "falskt", "n"}


@dataclass
class Choice:
    """One value of a closed list: the IRI and what the cell shows in each language."""

    iri: URIRef
    sv: str
    en: str
    aliases: set[str] = field(default_factory=set)

    def label(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en
