"""The policy cycle (beleidscyclus) as data: phases, stakeholders, crucial roles and lessons.

The facts come from "Sturen op Impact" (Nationaal Netwerk Brede Welvaart, see
:data:`SOURCE_CREDIT`); the sentences are our own. Tips, examples, questions and lessons are
paraphrased in Dutch with an English version, so that no run of eight words of the source is
copied (``tests/bw/test_policy_cycle.py`` checks that). Names of roles and organisations are
facts and keep the source's wording. Each phase also says which part of this product supports
it: a page path for ``st.page_link``, or ``None`` when that part is not built yet.

No Streamlit here: ``ui/cycle_page.py`` renders this.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Dutch and English."""

    nl: str  # "Gemeenteraad"
    en: str  # "Municipal council"

    def in_language(self, lang: str) -> str:
        """The text in ``lang`` ("nl" or "en"); Dutch for anything else.

        >>> Text("Rijk", "Central government").in_language("en")
        'Central government'
        """
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True, slots=True)
class Level:
    """A level of government (or of cooperation) the source lists stakeholders for."""

    id: str  # "regio_deal"
    name: Text  # Text("Regio Deal", "Region Deal")


@dataclass(frozen=True, slots=True)
class StakeholderGroup:
    """The stakeholders of one phase at one level, named as the source names them."""

    level: str  # "gemeenten"
    names: tuple[Text, ...]  # (Text("Gemeenteraad", "Municipal council"), …)


@dataclass(frozen=True, slots=True)
class Support:
    """A part of this product that supports a phase."""

    label: Text  # Text("Overzicht", "Overview")
    how: Text  # what it offers in this phase
    page: str | None  # "app_pages/overzicht.py"; None: not built yet


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of the policy cycle with what the source advises for it."""

    id: str  # "agendering"
    name: Text  # Text("Agendering", "Agenda setting")
    purpose: Text  # what the phase is for, in one sentence
    tips: tuple[Text, ...]
    examples: tuple[Text, ...]
    questions: tuple[Text, ...]  # essential questions to ask in this phase
    stakeholders: tuple[StakeholderGroup, ...]  # in the order of LEVELS; absent level: none listed
    supports: tuple[Support, ...]

    def stakeholders_at(self, level: str) -> tuple[Text, ...]:
        """The stakeholders of this phase at ``level`` (empty when the source lists none)."""
        for group in self.stakeholders:
            if group.level == level:
                return group.names
        return ()


@dataclass(frozen=True, slots=True)
class Role:
    """A role that matters during the whole cycle, and why."""

    id: str  # "griffier"
    name: Text  # Text("Griffier", "Clerk of the council")
    what: Text  # what the role does for steering on impact


@dataclass(frozen=True, slots=True)
class Lesson:
    """One of the source's other lessons and insights."""

    id: str  # "iteratief"
    text: Text


def _t(nl: str, en: str) -> Text:
    return Text(nl, en)


#: The source, credited wherever its content is shown.
SOURCE_CREDIT = Text(
    "Bron: 'Sturen op Impact', een thema van het Kennis- en Leerprogramma 'Brede welvaart in "
    "Beleid' van het Nationaal Netwerk Brede Welvaart, geïnitieerd door NEIMED, het Nationaal "
    "Netwerk Brede Welvaart, Zuyd Hogeschool en de Open Universiteit. De tips, vragen en "
    "lessen staan hier in eigen woorden; de namen van rollen en organisaties komen uit de bron.",
    "Source: 'Sturen op Impact' (Steering on impact), a theme of the knowledge and learning "
    "programme 'Brede welvaart in Beleid' of the Nationaal Netwerk Brede Welvaart (Dutch "
    "national network on broad well-being), initiated by NEIMED, the Nationaal Netwerk Brede "
    "Welvaart, Zuyd Hogeschool and the Open Universiteit. Tips, questions and lessons are "
    "summarised in our own words; the names of roles and organisations come from the source.",
)

#: The levels in the source's order.
LEVELS: tuple[Level, ...] = (
    Level("gemeenten", _t("Gemeenten", "Municipalities")),
    Level("provincies", _t("Provincies", "Provinces")),
    Level("rijk", _t("Rijk", "Central government")),
    Level("regio_deal", _t("Regio Deal", "Region Deal")),
    Level("nationaal_programma", _t("Nationaal Programma", "National Programme")),
)

# Stakeholder names that recur across phases and levels.
_RAAD = _t("Gemeenteraad", "Municipal council")
_COLLEGE = _t("College van burgemeester en wethouders", "Mayor and aldermen (executive)")
_GS = _t("Gedeputeerde Staten", "Provincial executive (Gedeputeerde Staten)")
_CONSULTANTS = _t("Externe consultants", "External consultants")
_BELEIDSPROF_DOMEIN = _t(
    "Beleidsprofessionals (voornamelijk in het sociaal, cultuur, ruimtelijk en economisch "
    "domein)",
    "Policy professionals (mainly in the social, cultural, spatial and economic domains)",
)
_BELEIDSPROF = _t("Beleidsprofessionals", "Policy professionals")
_BELEIDSMW = _t("Beleidsmedewerkers", "Policy officers")
_EXTERNE_ONDERZOEKERS = _t("Externe onderzoekers", "External researchers")
_TEAMLEIDERS = _t("Teamleiders", "Team leaders")
_LOKAAL_ONDERZOEK = _t("Lokaal ingebedde onderzoeksinstellingen",
                       "Locally embedded research institutions")
_STRAT_PROF_GEM_PROV = _t("Strategen en beleidsprofessionals bij gemeenten en provincie",
                          "Strategists and policy professionals at municipalities and province")
_PROF_GEM_PROV = _t("Beleidsprofessionals bij gemeenten en provincie",
                    "Policy professionals at municipalities and province")


def _group(level: str, *names: Text) -> StakeholderGroup:
    return StakeholderGroup(level, names)


_OVERZICHT = "app_pages/overzicht.py"
_STREEFWAARDEN = "app_pages/streefwaarden.py"

#: The six phases in the order of the cycle (after evaluation it starts again).
PHASES: tuple[Phase, ...] = (
    Phase(
        id="agendering",
        name=_t("Agendering", "Agenda setting"),
        purpose=_t(
            "Bepalen welke maatschappelijke opgaven aandacht krijgen, en die opgaven breed "
            "bekijken.",
            "Deciding which societal challenges get attention, and looking at them broadly.",
        ),
        tips=(
            _t("Analyseer een opgave over de grenzen van één beleidsterrein heen, niet alleen "
               "met de gebruikelijke sectorale blik.",
               "Analyse a challenge across policy fields, not only through the usual lens of a "
               "single sector."),
            _t("Maak brede welvaart een vast denkkader in beleidsprogramma's.",
               "Make broad well-being a standing frame of thought in policy programmes."),
            _t("Zorg dat brede welvaart al op tafel ligt wanneer een coalitie wordt gevormd.",
               "Make sure broad well-being is on the table when a coalition is being formed."),
        ),
        examples=(
            _t("Cijfers uit een brede basismonitor uitleggen en duiden.",
               "Explaining and interpreting figures from a broad baseline monitor."),
            _t("Een plan om kennis van inwoners te verzamelen.",
               "A plan to gather knowledge from residents."),
            _t("De gegevens op waarstaatjegemeente.nl.",
               "The data on waarstaatjegemeente.nl."),
            _t("In coalitiegesprekken de adviezen over brede welvaart van de studiegroep "
               "begrotingsruimte gebruiken.",
               "Using the budget-space study group's advice on broad well-being in coalition "
               "talks."),
        ),
        questions=(
            _t("Waar wil de regio op de lange termijn staan?",
               "Where does the region want to be in the long run?"),
            _t("Welke ondergrens (minimale streefwaarde) en welke ambitie horen daarbij?",
               "Which floor (minimum target) and which ambition go with that?"),
        ),
        stakeholders=(
            _group("gemeenten", _RAAD, _COLLEGE),
            _group("provincies", _GS),
            _group(
                "rijk",
                _t("Directeurs-Generaal", "Directors-general"),
                _t("Planbureaus", "Planning agencies"),
                _t("Overstijgende organen", "Overarching bodies"),
                _t("Vertegenwoordigers doelgroepen", "Representatives of target groups"),
                _t("Toezichthouders", "Supervisory authorities"),
                _t("Bewindspersonen Parlement", "Ministers and parliament"),
            ),
            _group("regio_deal", _t("Indieners van de Regio Deal",
                                    "Those who submitted the Region Deal")),
            _group("nationaal_programma", _t("Gemeenteraden", "Municipal councils"), _COLLEGE,
                   _GS),
        ),
        supports=(
            Support(_t("Overzicht", "Overview"),
                    _t("Waar de regio op elk thema staat: status, trend en positie.",
                       "Where the region stands on every theme: status, trend and position."),
                    _OVERZICHT),
            Support(_t("Vergelijken", "Compare"),
                    _t("De regio naast vergelijkbare regio's, de provincie en Nederland.",
                       "The region next to similar regions, the province and the Netherlands."),
                    "app_pages/vergelijken.py"),
        ),
    ),
    Phase(
        id="beleidsvoorbereiding",
        name=_t("Beleidsvoorbereiding", "Policy preparation"),
        purpose=_t(
            "Uitzoeken wat je wilt bereiken en welke beleidsopties er zijn, met hun gevolgen.",
            "Working out what you want to achieve and which policy options exist, with their "
            "consequences.",
        ),
        tips=(
            _t("Houd het doel steeds in het oog, en ook wat elke beleidsoptie teweegbrengt.",
               "Keep the goal in sight at all times, and what each policy option brings about."),
            _t("Zet scenario's naast elkaar met hun mogelijke gevolgen voor brede welvaart.",
               "Set scenarios side by side with their possible consequences for broad "
               "well-being."),
            _t("Werk met een onderbouwde interventielogica: hoe leidt een activiteit tot het "
               "gewenste effect?",
               "Work with a substantiated intervention logic: how does an activity lead to the "
               "intended effect?"),
            _t("Trek al in deze fase op met de uitvoering: daar weten ze wat bij bepaalde "
               "doelgroepen aanslaat en wat niet.",
               "Team up with the people who carry out policy already now: they know what "
               "works for particular target groups and what does not."),
        ),
        examples=(
            _t("Beleidstheorieën die al over een opgave bestaan.",
               "Policy theories that already exist about a challenge."),
            _t("Interventies waarvan de werking is aangetoond.",
               "Interventions with demonstrated effect."),
            _t("Scenario's met hun verwachte uitwerking op brede welvaart.",
               "Scenarios with their expected effect on broad well-being."),
        ),
        questions=(
            _t("Wat is ons doel, en waarom?", "What is our goal, and why?"),
            _t("Welke activiteiten zetten we daarvoor in?",
               "Which activities do we use to get there?"),
            _t("Wat werkt voor welke doelgroep, en wat juist niet?",
               "What works for which target group, and what does not?"),
            _t("Bestaan er beleidstheorieën over deze opgaven, en zijn er bewezen interventies?",
               "Are there policy theories about these challenges, and proven interventions?"),
            _t("Is duidelijk wat een interventie precies moet opleveren? Dat blijkt vaak vaag.",
               "Is it clear what exactly an intervention should achieve? That often turns out "
               "to be vague."),
        ),
        stakeholders=(
            _group(
                "gemeenten",
                _t("(Strategisch) beleidsprofessionals (voornamelijk in het sociaal, cultuur, "
                   "ruimtelijk en economisch domein)",
                   "(Strategic) policy professionals (mainly in the social, cultural, spatial "
                   "and economic domains)"),
                _CONSULTANTS,
                _t("Inwoners", "Residents"),
            ),
            _group(
                "provincies",
                _BELEIDSMW,
                _t("Kennis-/onderzoeksinstellingen", "Knowledge and research institutions"),
                _t("Strategen (voornamelijk in domeinen mobiliteit, economie en cultuur)",
                   "Strategists (mainly in mobility, economy and culture)"),
            ),
            _group(
                "regio_deal",
                _t("Onderzoekers, kennisinstellingen i.s.m. bestuurders/strategische directies. "
                   "Ondersteund door Programma Organisatie Regio Deal",
                   "Researchers and knowledge institutions together with administrators and "
                   "strategic management, supported by the Region Deal programme organisation"),
            ),
            _group("nationaal_programma", _STRAT_PROF_GEM_PROV, _CONSULTANTS,
                   _t("Inwoner", "Resident")),
        ),
        supports=(
            Support(_t("Beleidsopties", "Policy options"),
                    _t("Opties en scenario's naast elkaar zetten met hun verwachte effect op "
                       "hier en nu, elders en later.",
                       "Setting options and scenarios side by side with their expected effect "
                       "here and now, elsewhere and later."),
                    "app_pages/beleidsopties.py"),
        ),
    ),
    Phase(
        id="beleidsvorming",
        name=_t("Beleidsvorming", "Policy formulation"),
        purpose=_t(
            "Politieke keuzes maken en ze omzetten in doelen die je kunt meten.",
            "Making political choices and turning them into goals you can measure.",
        ),
        tips=(
            _t("De keuzes liggen bij de politiek; een zorgvuldige voorbereiding maakt goede "
               "keuzes mogelijk.",
               "The choices belong to politics; careful preparation makes good choices "
               "possible."),
            _t("Maak van opgaven, doelen en voorgestelde activiteiten meetbare doelen en leg "
               "vast wat de uitvoering ervan vraagt.",
               "Turn challenges, goals and proposed activities into measurable goals and "
               "record what carrying them out requires."),
        ),
        examples=(
            _t("SMART geformuleerde doelen (specifiek, meetbaar, acceptabel, realistisch, "
               "tijdgebonden).",
               "Goals written the SMART way (specific, measurable, achievable, realistic, "
               "time-bound)."),
        ),
        questions=(
            _t("Welke opgaven, welke doelen en welke activiteiten liggen er voor?",
               "Which challenges, goals and activities are proposed?"),
            _t("Hoe meten we of een doel gehaald wordt?",
               "How do we measure whether a goal is met?"),
            _t("Wat is concreet nodig om het uit te voeren?",
               "What, concretely, is needed to carry it out?"),
        ),
        stakeholders=(
            _group("gemeenten", _RAAD, _BELEIDSPROF_DOMEIN),
            _group("provincies", _t("Beleidsambtenaren", "Policy civil servants"), _GS,
                   _t("Provinciale Staten", "Provincial council (Provinciale Staten)")),
            _group("rijk", _t("Instituties", "Institutions"),
                   _t("Bewindspersoon", "Minister or state secretary"),
                   _t("Tweede Kamer", "House of Representatives (Tweede Kamer)")),
            _group("regio_deal", _t("Bestuurders", "Administrators"),
                   _t("Strategische Directies", "Strategic management"),
                   _t("Politiek", "Politics")),
            _group("nationaal_programma", _PROF_GEM_PROV, _CONSULTANTS,
                   _t("Inwoners", "Residents")),
        ),
        supports=(
            Support(_t("Streefwaarden", "Targets"),
                    _t("Per indicator een minimale streefwaarde en een ambitie vastleggen, met "
                       "doeljaar en onderbouwing.",
                       "Setting a minimum target and an ambition per indicator, with a target "
                       "year and a rationale."),
                    _STREEFWAARDEN),
            Support(_t("SMART-doelen in het indicatorenplan", "SMART goals in the indicator plan"),
                    _t("Opgaven, doelen en activiteiten met hun indicatoren vastleggen.",
                       "Recording challenges, goals and activities with their indicators."),
                    _STREEFWAARDEN),
            Support(_t("Workshop", "Workshop"),
                    _t("Met een Community of Practice argumenten per thema verzamelen, "
                       "indicatoren kiezen en minima en ambities voorstellen, met een verslag.",
                       "Collecting arguments per theme with a Community of Practice, choosing "
                       "indicators and proposing minimums and ambitions, with a report."),
                    "app_pages/workshop.py"),
        ),
    ),
    Phase(
        id="beleidsbeslissing",
        name=_t("Beleidsbeslissing", "Policy decision"),
        purpose=_t(
            "Een besluit nemen met de verwachte effecten van de opties op tafel.",
            "Taking a decision with the expected effects of the options on the table.",
        ),
        tips=(
            _t("Rapporteer helder welke effecten op brede welvaart je verwacht; dat opent het "
               "gesprek erover.",
               "Report clearly which effects on broad well-being you expect; that opens the "
               "debate about them."),
            _t("Weeg de mogelijke effecten van de opties zorgvuldig tegen elkaar af, zowel "
               "technisch als politiek.",
               "Weigh the possible effects of the options carefully, on technical as well as "
               "political grounds."),
            _t("Betrek belanghebbenden actief bij het besluit.",
               "Involve stakeholders actively in the decision."),
            _t("Zorg dat er een stevig systeem voor monitoring en evaluatie klaarstaat.",
               "Make sure a sound system for monitoring and evaluation is in place."),
        ),
        examples=(
            _t("Een rapportage van de verwachte effecten: bestuurders zien vooraf wat het "
               "voorstel kan betekenen, besluiten beter geïnformeerd en voeren een zakelijk "
               "debat over koers en gevolgen.",
               "A report of the expected effects: decision makers see beforehand what the "
               "proposal may mean, decide better informed and hold a constructive debate on "
               "direction and consequences."),
        ),
        questions=(
            _t("Welke effecten op brede welvaart verwachten we per optie, hier en nu, elders "
               "en later?",
               "Which effects on broad well-being do we expect per option, here and now, "
               "elsewhere and later?"),
            _t("Welke technische en welke politieke overwegingen spelen mee?",
               "Which technical and which political considerations play a part?"),
            _t("Hoe volgen en evalueren we straks of het besluit werkt?",
               "How will we follow and evaluate whether the decision works?"),
        ),
        stakeholders=(
            _group("gemeenten", _RAAD, _COLLEGE),
            _group("provincies", _GS),
            _group("rijk", _t("Tweede Kamer", "House of Representatives (Tweede Kamer)")),
            _group("regio_deal", _t(
                "Afhankelijk van de aard van de Regio Deal, maar in ieder geval diverse "
                "partijen, o.a. de gemeenteraad",
                "Depends on the nature of the Region Deal, but in any case several parties, "
                "including the municipal council")),
            _group("nationaal_programma", _RAAD, _COLLEGE, _GS),
        ),
        supports=(
            Support(_t("Effectrapport", "Effect report"),
                    _t("Een rapport van de verwachte effecten op brede welvaart bij een "
                       "raadsvoorstel.",
                       "A report of the expected effects on broad well-being to go with a "
                       "council proposal."),
                    "app_pages/beleidsopties.py"),
        ),
    ),
    Phase(
        id="beleidsuitvoering",
        name=_t("Beleidsuitvoering", "Policy implementation"),
        purpose=_t(
            "Het beleid uitvoeren en onderweg leren en bijsturen.",
            "Carrying out the policy, learning and adjusting along the way.",
        ),
        tips=(
            _t("Voer beleid uit dat leert en zich aanpast.",
               "Carry out policy that learns and adapts."),
            _t("Zoek uit wat in de praktijk helpt of juist hindert bij het halen van de doelen "
               "en effecten; daar zit de meeste winst.",
               "Find out what helps or hinders reaching the goals and effects in practice; "
               "that is where the most is to be gained."),
            _t("Volg tijdens de uitvoering (ex durante) de indicatoren uit een vastgesteld "
               "indicatorenplan.",
               "Follow the indicators of an adopted indicator plan during implementation (ex "
               "durante)."),
        ),
        examples=(
            _t("Ex durante monitoring: meten terwijl het beleid loopt, op basis van het "
               "indicatorenplan.",
               "Ex durante monitoring: measuring while the policy runs, based on the indicator "
               "plan."),
        ),
        questions=(
            _t("Wat helpt en wat remt in de praktijk?",
               "What helps and what holds things back in practice?"),
            _t("Laten de indicatoren uit het indicatorenplan zien dat we op koers liggen?",
               "Do the indicators of the indicator plan show that we are on course?"),
        ),
        stakeholders=(
            _group("gemeenten", _t("Beleidsprofessional", "Policy professional"),
                   _t("Medewerkers uitvoering", "Implementation staff"),
                   _t("Teammanagers", "Team managers")),
            _group("provincies", _TEAMLEIDERS, _BELEIDSPROF),
            _group("rijk", _TEAMLEIDERS, _BELEIDSPROF),
            _group("regio_deal", _t("Afhankelijk van de aard van de Regio Deal",
                                    "Depends on the nature of the Region Deal")),
            _group("nationaal_programma", _PROF_GEM_PROV,
                   _t("Derden die een opdracht of subsidie krijgen",
                      "Third parties that receive a contract or grant")),
        ),
        supports=(
            Support(_t("Overzicht", "Overview"),
                    _t("Alle indicatoren van de regio met status, trend en positie.",
                       "All indicators of the region with status, trend and position."),
                    _OVERZICHT),
            Support(_t("Hier en nu", "Here and now"),
                    _t("De thema's van het welzijn nu, per indicator.",
                       "The themes of well-being now, per indicator."),
                    "app_pages/hier_en_nu.py"),
            Support(_t("Later", "Later"),
                    _t("De kapitalen voor later, met voortgang naar het doeljaar.",
                       "The capitals for later, with progress towards the target year."),
                    "app_pages/later.py"),
            Support(_t("Elders", "Elsewhere"),
                    _t("De effecten van de regio op mensen elders.",
                       "The region's effects on people elsewhere."),
                    "app_pages/elders.py"),
        ),
    ),
    Phase(
        id="beleidsevaluatie",
        name=_t("Beleidsevaluatie", "Policy evaluation"),
        purpose=_t(
            "Nagaan wat het beleid heeft opgeleverd, verantwoorden en waar nodig bijsturen.",
            "Checking what the policy achieved, accounting for it and adjusting where needed.",
        ),
        tips=(
            _t("Evalueer al halverwege de periode en stuur bij als dat nodig is.",
               "Evaluate halfway through the term already and adjust when needed."),
            _t("Leg twee keer per jaar in de planning-en-controlcyclus verantwoording af over "
               "de voortgang, aan de hand van het indicatorenplan.",
               "Account for progress twice a year in the planning and control cycle, using "
               "the indicator plan."),
            _t("Houd opgaven, doelen, activiteiten en voortgang strikt uit elkaar.",
               "Keep challenges, goals, activities and progress strictly apart."),
            _t("Effecten zijn op korte termijn niet te evalueren en ook later moeilijk aan te "
               "tonen; steun daarom op goed onderbouwde aannames en een stevige beleidstheorie.",
               "Effects cannot be evaluated in the short run and stay hard to prove later on; "
               "so rely on well-founded assumptions and a sound policy theory."),
            _t("Kijk terug op de beleidstheorie en de doelen voor brede welvaart om zichtbaar "
               "te maken welk effect en welke impact er zijn bereikt.",
               "Look back at the policy theory and the broad well-being goals to show which "
               "effects and impact were achieved."),
        ),
        examples=(
            _t("Alle activiteiten kunnen zijn gedaan en alle doelen gehaald, terwijl de opgave "
               "zelf onveranderd is.",
               "All activities may have been done and all goals met while the challenge itself "
               "is unchanged."),
            _t("Een tussentijdse evaluatie halverwege de bestuursperiode.",
               "A mid-term evaluation halfway through the term of office."),
        ),
        questions=(
            _t("Zijn de activiteiten uitgevoerd en de doelen gehaald?",
               "Were the activities carried out and the goals met?"),
            _t("Is de opgave zelf veranderd?", "Has the challenge itself changed?"),
            _t("Op welke aannames en welke beleidstheorie rust ons oordeel over het effect?",
               "On which assumptions and which policy theory does our judgement of the effect "
               "rest?"),
        ),
        stakeholders=(
            _group("gemeenten", _t("Concernstrategie", "Corporate strategy"),
                   _t("Beleidsmedewerkers/onderzoekers", "Policy officers/researchers"),
                   _EXTERNE_ONDERZOEKERS),
            _group("provincies", _BELEIDSMW, _EXTERNE_ONDERZOEKERS),
            _group("rijk", _BELEIDSMW, _EXTERNE_ONDERZOEKERS),
            _group("regio_deal", _LOKAAL_ONDERZOEK,
                   _t("Programmaorganisatie Regio Deal", "Region Deal programme organisation")),
            _group("nationaal_programma", _LOKAAL_ONDERZOEK,
                   _t("Programmaorganisatie Nationaal Programma",
                      "National Programme programme organisation")),
        ),
        supports=(
            Support(_t("Voortgang (Streefwaarden)", "Progress (Targets)"),
                    _t("Per indicator de stand tegenover de minimale streefwaarde en de "
                       "ambitie, en de voortgang naar het doeljaar.",
                       "Per indicator the position against the minimum target and the "
                       "ambition, and the progress towards the target year."),
                    _STREEFWAARDEN),
        ),
    ),
)

#: What the source notes about the Rijk in preparation: it lists no separate stakeholders.
RIJK_PREPARATION_NOTE = Text(
    "Bij het Rijk zijn voorbereiding en vorming samen één fase (het Beleidskompas); zie "
    "beleidsvorming.",
    "For central government preparation and formulation are one phase (the Beleidskompas); "
    "see policy formulation.",
)

#: Roles that matter during the whole cycle.
ROLES: tuple[Role, ...] = (
    Role(
        "griffier",
        _t("Griffier", "Clerk of the council (griffier)"),
        _t("Ondersteunt de gemeenteraad, Provinciale Staten of een ander gekozen orgaan bij "
           "hun werk en bewaakt transparantie en een democratisch verloop. Zo heeft de "
           "griffier ook een wezenlijke plek in het sturen op impact voor brede welvaart.",
           "Supports the municipal council, the provincial council or another elected body in "
           "its work and safeguards transparency and democratic procedure. That gives the "
           "clerk a real place in steering on impact for broad well-being."),
    ),
    Role(
        "controllers_juristen",
        _t("Controllers en juristen", "Controllers and lawyers"),
        _t("Beheersen de financiële en juridische risico's. Haal ze zo vroeg mogelijk in het "
           "proces erbij.",
           "Keep financial and legal risks under control. Bring them into the process as early "
           "as possible."),
    ),
    Role(
        "secretarissen",
        _t("Gemeentesecretaris, provinciesecretaris en secretaris-generaal",
           "Municipal secretary, provincial secretary and secretary-general"),
        _t("Blijven meestal langer in functie dan politieke organen met hun kortere "
           "zittingstermijn, en zorgen daardoor voor continuïteit: brede welvaart blijft "
           "verankerd in het beleid en in de uitvoering ervan.",
           "Usually stay in office longer than political bodies with their shorter terms, and "
           "so provide continuity in embedding and carrying out broad well-being in policy."),
    ),
)

#: The source's other lessons and insights.
LESSONS: tuple[Lesson, ...] = (
    Lesson("iteratief", _t(
        "De cyclus ordent het beleidsproces, maar niemand doorloopt hem stap voor stap: in de "
        "praktijk lopen fasen door elkaar en keer je terug.",
        "The cycle gives the policy process an order, but nobody walks through it step by "
        "step: in practice phases overlap and you go back.")),
    Lesson("rijk_beleidskompas", _t(
        "Bij het Rijk zijn voorbereiding en vorming één fase; beide vallen onder het "
        "Beleidskompas.",
        "In central government, preparation and formulation are one phase; both fall under the "
        "Beleidskompas (policy compass).")),
    Lesson("politiek_proces", _t(
        "Rond de hele cyclus weegt het politieke proces zwaar.",
        "The political process weighs heavily throughout the cycle.")),
    Lesson("politiek_vroeg", _t(
        "Haal de politiek erbij zolang er nog iets te kiezen valt, niet pas wanneer er "
        "conceptstukken liggen.",
        "Involve politics while there is still something to choose, not only once draft "
        "documents exist.")),
    Lesson("samenwerking", _t(
        "Hoeveel impact je bereikt, hangt er ook van af hoe goed de betrokkenen in de cyclus "
        "samenwerken.",
        "How much impact you achieve also depends on how well the people involved in the "
        "cycle work together.")),
    Lesson("beleidstheorie", _t(
        "Een brede beleidstheorie en heldere minimale streefwaarden en ambities helpen bij "
        "sturen op brede welvaart misschien meer dan de cyclus zelf: ze laten zien hoe doelen, "
        "middelen en verwachte resultaten samenhangen, terwijl de cyclus vooral over de "
        "stappen van het proces gaat.",
        "A broad policy theory and clear minimum targets and ambitions may help steer on broad "
        "well-being more than the cycle itself: they show how goals, means and expected "
        "results hang together, whereas the cycle is mostly about the steps of the process.")),
    Lesson("continuiteit", _t(
        "Hoe lang en hoe goed de politiek zit, is niet te voorspellen. Investeer daarom in wat "
        "blijft: steeds op dezelfde manier meten en monitoren, en medewerkers leren daarmee te "
        "werken.",
        "How long and how well politicians serve cannot be predicted. So invest in what lasts: "
        "measuring and monitoring in the same way every time, and training staff to work with "
        "it.")),
    Lesson("na_besluit", _t(
        "Houd beleidsmedewerkers ook na het besluit betrokken: met de goedkeuring van het stuk "
        "is het beleid nog niet klaar.",
        "Keep policy officers involved after the decision too: approving the document does not "
        "finish the policy.")),
    Lesson("bewustzijn", _t(
        "Vergroot de impact door meer mensen te laten zien waarom sturen op brede welvaart "
        "ertoe doet, bijvoorbeeld met factsheets over brede welvaart en met cursussen over het "
        "onderwerp.",
        "Increase impact by making the importance of steering on broad well-being better known, "
        "for example with factsheets on broad well-being and with courses on the subject.")),
)

#: Phase ids in the order of the cycle.
PHASE_IDS: tuple[str, ...] = tuple(phase.id for phase in PHASES)
#: Level ids in the source's order.
LEVEL_IDS: tuple[str, ...] = tuple(level.id for level in LEVELS)


def phase(phase_id: str) -> Phase:
    """The phase with id ``phase_id``.

    >>> phase("beleidsevaluatie").name.nl
    'Beleidsevaluatie'
    """
    for item in PHASES:
        if item.id == phase_id:
            return item
    raise KeyError(phase_id)


def level(level_id: str) -> Level:
    """The level with id ``level_id``."""
    for item in LEVELS:
        if item.id == level_id:
            return item
    raise KeyError(level_id)


def next_phase(phase_id: str) -> Phase:
    """The phase after ``phase_id``; after evaluation the cycle starts again.

    >>> next_phase("beleidsevaluatie").id
    'agendering'
    """
    return PHASES[(PHASE_IDS.index(phase_id) + 1) % len(PHASES)]


def previous_phase(phase_id: str) -> Phase:
    """The phase before ``phase_id``; before agenda setting comes evaluation.

    >>> previous_phase("agendering").id
    'beleidsevaluatie'
    """
    return PHASES[(PHASE_IDS.index(phase_id) - 1) % len(PHASES)]


def stakeholder_rows(lang: str = "nl") -> list[dict[str, str]]:
    """One row per stakeholder: phase id, level id, and the phase, level and name in ``lang``.

    Phases and levels with no stakeholders in the source get no row.

    >>> stakeholder_rows()[0]["name"]
    'Gemeenteraad'
    """
    rows = []
    for item in PHASES:
        for lvl in LEVELS:
            for name in item.stakeholders_at(lvl.id):
                rows.append({
                    "phase_id": item.id,
                    "level_id": lvl.id,
                    "phase": item.name.in_language(lang),
                    "level": lvl.name.in_language(lang),
                    "name": name.in_language(lang),
                })
    return rows
