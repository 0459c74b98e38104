"""UI strings in Dutch (default) and English, and the current language.

The language lives in ``st.session_state["lang"]`` (the key of the language switch in the
sidebar) and in the URL as ``?lang=en``, so a shared link opens in the same language.
Every string the app shows goes through :func:`t`; a test keeps both dictionaries in step.
"""

from __future__ import annotations

import streamlit as st

#: Languages the UI speaks, the default first.
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: Session-state key (and widget key) of the language, and its URL query parameter.
LANG_KEY = "lang"
LANG_PARAM = "lang"

#: The name of each language, in that language, for the switch.
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

_NL: dict[str, str] = {
    # app and navigation
    "app.title": "Brede welvaart",
    "nav.overzicht": "Overzicht",
    "nav.hier_en_nu": "Hier en nu",
    "nav.later": "Later",
    "nav.elders": "Elders",
    "nav.vergelijken": "Vergelijken",
    "nav.streefwaarden": "Streefwaarden",
    "nav.data": "Data",
    "nav.beleidscyclus": "Beleidscyclus",
    "page.building": "Deze pagina wordt gebouwd.",
    # creating and opening the store
    "store.creating": "Demodatabase wordt aangemaakt…",
    "store.created": "Demodatabase aangemaakt.",
    "store.create_failed": "De demodatabase kon niet worden aangemaakt: {error}",
    "store.open_failed": "De database {path} kan niet worden geopend: {error}",
    # sidebar
    "sidebar.language": "Taal (language)",
    "sidebar.region": "Regio",
    "sidebar.region_help": "Typ om te zoeken op naam: gemeente, provincie, COROP-gebied, "
    "landsdeel, Nederland of regiogroep. De keuze staat in de link, zodat een gedeelde link "
    "dezelfde regio toont.",
    "sidebar.region_invalid": "De regio '{code}' uit de link staat niet in de database. "
    "In plaats daarvan wordt {fallback} getoond.",
    "sidebar.no_regions": "De database bevat nog geen regio's. Laad eerst een regio-indeling.",
    "demo.badge": "demodata (fictief)",
    "demo.caption": "Alle cijfers en streefwaarden zijn verzonnen om te laten zien hoe het "
    "dashboard werkt. Trek er geen conclusies uit.",
    # region levels, as shown after a region's name
    "level.NL": "land",
    "level.LD": "landsdeel",
    "level.PV": "provincie",
    "level.CR": "COROP-gebied",
    "level.GM": "gemeente",
    "level.WK": "wijk",
    "level.BU": "buurt",
    "level.group": "regiogroep",
    "region.until": "t/m {year}",
    # dimensions
    "dimension.hier_en_nu": "Hier en nu",
    "dimension.later": "Later",
    "dimension.elders": "Elders",
    # good direction of an indicator (an arrow and words, never colour alone)
    "direction.up": "↑ hoger is beter",
    "direction.down": "↓ lager is beter",
    "direction.neutral": "geen oordeel",
    # overzicht
    "overzicht.title": "Brede welvaart in {region}",
    "overzicht.intro": "De laatst bekende waarde van elke indicator voor {region}, per "
    "dimensie en thema.",
    "overzicht.coming": "Wordt gebouwd: per indicator de status ten opzichte van de "
    "streefwaarden (minimum en ambitie), de trend over de laatste acht jaar en de positie "
    "ten opzichte van vergelijkbare regio's en Nederland.",
    "overzicht.legend": "Periode: * = voorlopig, ** = nader voorlopig (status volgens CBS). "
    "Marge: 95%-betrouwbaarheidsinterval bij enquêtecijfers.",
    "overzicht.no_data": "geen gegevens",
    "overzicht.no_indicators": "De database bevat nog geen indicatoren.",
    "overzicht.no_values": "Voor {region} zijn nog geen waarden geladen.",
    "overzicht.count": "{with_value} van {total} indicatoren hebben een waarde voor deze regio.",
    "col.indicator": "Indicator",
    "col.value": "Waarde",
    "col.unit": "Eenheid",
    "col.period": "Periode",
    "col.interval": "Marge (95%)",
    "col.direction": "Goede richting",
    "col.value_help": "Laatst bekende waarde, afgerond op het aantal decimalen van de indicator.",
    "col.period_help": "Jaar van de waarde; * = voorlopig, ** = nader voorlopig.",
    "col.interval_help": "95%-betrouwbaarheidsinterval (alleen bij enquêtecijfers).",
    "col.direction_help": "Welke kant op beter is voor de brede welvaart.",
    # hier en nu
    "hier_en_nu.title": "Hier en nu",
    "hier_en_nu.body": "Deze pagina laat zien hoe het er nu voor staat met de brede welvaart "
    "van de inwoners van {region}: per thema (subjectief welzijn, materiële welvaart, "
    "gezondheid, arbeid en vrije tijd, wonen, samenleving, veiligheid en milieu) de "
    "indicatoren met hun trend, hun positie en hun stand ten opzichte van de streefwaarden.",
    # later
    "later.title": "Later",
    "later.body": "Deze pagina laat zien wat {region} opbouwt of opmaakt voor volgende "
    "generaties: de voorraden economisch, natuurlijk, menselijk en sociaal kapitaal. Per "
    "indicator komt erbij of de regio op koers ligt om de streefwaarde in het doeljaar te "
    "halen, en wanneer het minimum naar verwachting bereikt wordt.",
    # elders
    "elders.title": "Elders",
    "elders.body": "Elders gaat over de effecten van {region} op mensen buiten de regio: "
    "in andere regio's en in het buitenland. Denk aan uitstoot van broeikasgassen, "
    "grondstoffengebruik, afval, pendelen en handel met lage-inkomenslanden. Deze pagina laat "
    "die indicatoren zien, met dezelfde status, trend en positie als bij hier en nu.",
    # vergelijken
    "vergelijken.title": "Vergelijken",
    "vergelijken.body": "Deze pagina zet {region} naast vergelijkbare regio's (dezelfde "
    "grootteklasse en stedelijkheid, of een zelfgekozen regiogroep), de provincie en "
    "Nederland: rang 'x van n', kwartiel en het verschil per indicator.",
    # streefwaarden
    "streefwaarden.title": "Streefwaarden",
    "streefwaarden.body": "Hier legt de raad per indicator een minimale streefwaarde (de "
    "ondergrens die niet geaccepteerd wordt) en een ambitie vast, met doeljaar en "
    "onderbouwing. Eerdere streefwaarden blijven bewaard. Samen met de opgaven en doelen "
    "vormen ze het indicatorenplan.",
    # data
    "data.title": "Data",
    "data.body": "Wat de database nu bevat. Analisten kunnen hier straks CSV-bestanden "
    "uploaden (CBS StatLine, de regionale monitor brede welvaart, waarstaatjegemeente.nl of "
    "eigen data), met precieze controlemeldingen, herkomst per lading en ongedaan maken.",
    "data.upload_later": "Uploaden van bestanden komt later.",
    "data.demo": "De database bevat de demomonitor met fictieve cijfers.",
    "data.not_demo": "De database bevat geladen gegevens (geen demodata).",
    "data.observations": "Waarnemingen",
    "data.indicators": "Indicatoren",
    "data.targets": "Streefwaarden",
    "data.loads": "Ladingen",
    "data.regions_heading": "Regio's per niveau",
    "data.indicators_heading": "Indicatoren per dimensie",
    "data.col_level": "Niveau",
    "data.col_dimension": "Dimensie",
    "data.col_count": "Aantal",
    "data.indicators_note": "Een indicator kan voor meer dan één dimensie tellen; het totaal "
    "telt elke indicator één keer.",
    "data.total": "totaal",
    # beleidscyclus
    "beleidscyclus.title": "Beleidscyclus",
    "beleidscyclus.body": "Deze pagina volgt de fasen van de beleidscyclus, van agendering "
    "en analyse via ontwerp en uitvoering tot evaluatie, met per fase vragen, tips en wie "
    "erbij betrokken is. Het resultaat is een indicatorenplan: opgaven, doelen, activiteiten "
    "en de indicatoren waarmee de voortgang twee keer per jaar wordt gevolgd.",
    "beleidscyclus.source": "Gebaseerd op 'Sturen op impact' van het Nationaal Netwerk Brede "
    "Welvaart.",
}

_EN: dict[str, str] = {
    "app.title": "Broad well-being",
    "nav.overzicht": "Overview",
    "nav.hier_en_nu": "Here and now",
    "nav.later": "Later",
    "nav.elders": "Elsewhere",
    "nav.vergelijken": "Compare",
    "nav.streefwaarden": "Targets",
    "nav.data": "Data",
    "nav.beleidscyclus": "Policy cycle",
    "page.building": "This page is being built.",
    "store.creating": "Creating the demo database…",
    "store.created": "Demo database created.",
    "store.create_failed": "The demo database could not be created: {error}",
    "store.open_failed": "The database {path} cannot be opened: {error}",
    "sidebar.language": "Language (taal)",
    "sidebar.region": "Region",
    "sidebar.region_help": "Type to search by name: municipality, province, COROP region, "
    "part of the country, the Netherlands or region group. The choice is kept in the link, so "
    "a shared link shows the same region.",
    "sidebar.region_invalid": "The region '{code}' in the link is not in the database. "
    "Showing {fallback} instead.",
    "sidebar.no_regions": "The database holds no regions yet. Load a region classification first.",
    "demo.badge": "demo data (fictional)",
    "demo.caption": "All figures and targets are made up to show how the dashboard works. "
    "Do not draw conclusions from them.",
    "level.NL": "country",
    "level.LD": "part of the country",
    "level.PV": "province",
    "level.CR": "COROP region",
    "level.GM": "municipality",
    "level.WK": "district",
    "level.BU": "neighbourhood",
    "level.group": "region group",
    "region.until": "until {year}",
    "dimension.hier_en_nu": "Here and now",
    "dimension.later": "Later",
    "dimension.elders": "Elsewhere",
    "direction.up": "↑ higher is better",
    "direction.down": "↓ lower is better",
    "direction.neutral": "no judgement",
    "overzicht.title": "Broad well-being in {region}",
    "overzicht.intro": "The latest known value of every indicator for {region}, by dimension "
    "and theme.",
    "overzicht.coming": "Being built: for every indicator its status against the targets "
    "(minimum and ambition), the trend over the last eight years and its position among "
    "similar regions and the Netherlands.",
    "overzicht.legend": "Period: * = provisional, ** = revised provisional (status as "
    "published by Statistics Netherlands). Margin: 95% confidence interval of survey figures.",
    "overzicht.no_data": "no data",
    "overzicht.no_indicators": "The database holds no indicators yet.",
    "overzicht.no_values": "No values have been loaded for {region} yet.",
    "overzicht.count": "{with_value} of {total} indicators have a value for this region.",
    "col.indicator": "Indicator",
    "col.value": "Value",
    "col.unit": "Unit",
    "col.period": "Period",
    "col.interval": "Margin (95%)",
    "col.direction": "Good direction",
    "col.value_help": "Latest known value, rounded to the indicator's number of decimals.",
    "col.period_help": "Year of the value; * = provisional, ** = revised provisional.",
    "col.interval_help": "95% confidence interval (survey figures only).",
    "col.direction_help": "Which way is better for broad well-being.",
    "hier_en_nu.title": "Here and now",
    "hier_en_nu.body": "This page will show how the well-being of the people of {region} "
    "stands today: per theme (subjective well-being, material welfare, health, work and "
    "leisure, housing, society, safety and environment) the indicators with their trend, "
    "their position and where they stand against the targets.",
    "later.title": "Later",
    "later.body": "This page will show what {region} builds up or uses up for future "
    "generations: its stocks of economic, natural, human and social capital. For each "
    "indicator it will add whether the region is on course to reach the target in the target "
    "year, and when the minimum is expected to be reached.",
    "elders.title": "Elsewhere",
    "elders.body": "Elsewhere is about the effects of {region} on people outside the region: "
    "in other regions and abroad. Think of greenhouse gas emissions, use of raw materials, "
    "waste, commuting and trade with low-income countries. This page will show those "
    "indicators with the same status, trend and position as here and now.",
    "vergelijken.title": "Compare",
    "vergelijken.body": "This page will set {region} beside similar regions (the same size "
    "class and urbanity, or a region group of your choice), its province and the Netherlands: "
    "rank 'x of n', quartile and the difference per indicator.",
    "streefwaarden.title": "Targets",
    "streefwaarden.body": "Here the council will set, per indicator, a minimum target (the "
    "floor it will not accept falling below) and an ambition, with a target year and a "
    "rationale. Earlier targets are kept. Together with the challenges and goals they make up "
    "the indicator plan.",
    "data.title": "Data",
    "data.body": "What the database holds now. Analysts will be able to upload CSV files here "
    "(CBS StatLine, the regional monitor of broad well-being, waarstaatjegemeente.nl or their "
    "own data), with exact validation messages, provenance per load and undo.",
    "data.upload_later": "Uploading files arrives later.",
    "data.demo": "The database holds the demo monitor with fictional figures.",
    "data.not_demo": "The database holds loaded data (not demo data).",
    "data.observations": "Observations",
    "data.indicators": "Indicators",
    "data.targets": "Targets",
    "data.loads": "Loads",
    "data.regions_heading": "Regions per level",
    "data.indicators_heading": "Indicators per dimension",
    "data.col_level": "Level",
    "data.col_dimension": "Dimension",
    "data.col_count": "Count",
    "data.indicators_note": "An indicator can count for more than one dimension; the total "
    "counts each indicator once.",
    "data.total": "total",
    "beleidscyclus.title": "Policy cycle",
    "beleidscyclus.body": "This page will follow the phases of the policy cycle, from agenda "
    "setting and analysis through design and implementation to evaluation, with questions, "
    "tips and the people involved in each phase. The result is an indicator plan: "
    "challenges, goals, activities and the indicators that track progress twice a year.",
    "beleidscyclus.source": "Based on 'Sturen op impact' by the Nationaal Netwerk Brede "
    "Welvaart (Dutch national network on broad well-being).",
}

#: Every UI string per language.
STRINGS: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}


def current_language() -> str:
    """The language of this session: the switch's value, else ``?lang=``, else Dutch.

    The first call in a session copies a valid ``?lang=`` into session state, so the language
    switch (``key="lang"``) starts on the language of the link.
    """
    lang = st.session_state.get(LANG_KEY)
    if lang in LANGUAGES:
        return lang
    requested = st.query_params.get(LANG_PARAM)
    lang = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state[LANG_KEY] = lang
    return lang


def t(key: str, **fmt: object) -> str:
    """The UI string ``key`` in the current language, with ``{placeholders}`` filled in."""
    text = STRINGS[current_language()][key]
    return text.format(**fmt) if fmt else text


def sync_language_param() -> None:
    """Keep ``?lang=`` in the URL in step with the chosen language (absent for Dutch)."""
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]
    elif st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
