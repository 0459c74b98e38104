"""UI strings in Dutch (default) and English, and the current language.

The language lives in ``st.session_state["lang"]`` (the key of the language switch in the
sidebar) and in the URL as ``?lang=en``, so a shared link opens in the same language.
Every string the app shows goes through :func:`t`; a test keeps both dictionaries in step.
"""

from __future__ import annotations

import importlib
import pkgutil

import streamlit as st

from ui import strings

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
    "store.creating": "De database met CBS-cijfers wordt aangemaakt…",
    "store.created": "Database met CBS-cijfers aangemaakt.",
    "store.create_failed": "De database kon niet worden aangemaakt: {error}",
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
    "source.cbs_badge": "CBS-cijfers",
    "source.cbs_caption": "Bron: CBS (CC BY 4.0), Regionale Monitor Brede Welvaart, gemeenten "
    "2013–2022. Waarden voor Nederland, provincies en COROP-gebieden zijn berekend uit "
    "gemeentecijfers waar CBS ze niet geeft, en zo gemarkeerd.",
    "source.aggregated_mark": "berekend",
    "missing.short.te_weinig_respondenten": "geen cijfer (te weinig respondenten)",
    "missing.short.niet_van_toepassing": "niet van toepassing",
    "missing.short.niet_gepubliceerd": "niet gepubliceerd",
    "missing.short.verdachte_reeks": "niet geladen (verdachte reeks)",
    "missing.te_weinig_respondenten": "CBS publiceert dit cijfer niet voor gemeenten met te weinig "
    "respondenten (laatst voor {year}).",
    "missing.niet_van_toepassing": "Niet van toepassing: CBS heeft hier niets te meten voor deze "
    "gemeente, bijvoorbeeld omdat er geen officiële zwemplek is ({year}).",
    "missing.niet_gepubliceerd": "CBS publiceert dit cijfer voor deze gemeente niet (geheim of "
    "onvoldoende betrouwbaar; laatst voor {year}).",
    "missing.verdachte_reeks": "De CBS-reeks van deze gemeente is niet geladen: de waarden in het "
    "bronbestand zijn hele getallen die met de hand ingevuld lijken, niet de originele cijfers "
    "(tot en met {year}).",
    "missing.other": "Geen waarde voor {year}; de bron geeft als reden: {reason}.",
    "method.cbs_code": "CBS-code in de Regionale Monitor Brede Welvaart: {code}.",
    "method.aggregated": "Berekend uit gemeentecijfers, geen CBS-cijfer: het "
    "bevolkingsgewogen gemiddelde (of de som) van de gemeenten, met {coverage} van de inwoners "
    "gedekt (methode §6).",
    "method.attribution": "Bron: CBS (CC BY 4.0).",
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
    "overzicht.intro": "Waar staat {region} op elk thema? Per dimensie hoeveel indicatoren "
    "onder het minimum zitten, boven het minimum of de ambitie halen, en welke kant de trend "
    "op gaat; daaronder elke indicator met zijn laatste waarde, status, trend en positie.",
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
    # elders: its texts are in ui/strings/elders.py
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
    # data page: upload, check, load, undo, templates
    "data.intro": "Wat de database nu bevat, en hier laden analisten hun eigen bestanden: "
    "CBS StatLine, de regionale monitor brede welvaart, waarstaatjegemeente.nl of eigen data "
    "als lange CSV. Elk bestand wordt eerst helemaal gecontroleerd, met meldingen per regel; "
    "pas daarna wordt het geladen, als één lading die ongedaan kan worden gemaakt.",
    "data.upload_heading": "Bestanden laden",
    "data.upload_intro": "Kies het formaat (of laat het herkennen) en sleep één of meer "
    "bestanden hierheen. Controleren schrijft niets; pas de knop Laden schrijft.",
    "data.read_only": "Deze omgeving is alleen-lezen (BW_READ_ONLY=1): hier kunnen geen "
    "bestanden worden geladen of ladingen ongedaan worden gemaakt. Gebruik daarvoor de "
    "schrijvende omgeving of de opdrachtregel.",
    "data.format_label": "Formaat",
    "data.format_auto": "automatisch herkennen",
    "data.format_help": "Automatisch herkennen kijkt naar de kopregel van het bestand en zegt "
    "welk formaat het vond. Kies zelf een formaat als het herkennen mislukt.",
    "data.format.long_csv": "lange CSV (eigen data)",
    "data.format.cbs_region_reference": "CBS Gebieden in Nederland (regio-indeling)",
    "data.format.wsjg_delivery": "waarstaatjegemeente.nl (levering)",
    "data.format.wsjg_table": "waarstaatjegemeente.nl (tabel)",
    "data.format.cbs_regional_monitor": "CBS regionale monitor brede welvaart",
    "data.new_indicators_label": "Onderwerpen die de catalogus niet kent",
    "data.new_indicators.error": "fout melden",
    "data.new_indicators.create": "nieuwe indicatoren aanmaken (te classificeren)",
    "data.new_indicators_help": "Een onderwerp uit een CBS- of waarstaatjegemeente-bestand dat "
    "bij geen indicator hoort, is standaard een fout. Met de tweede keuze wordt het een nieuwe "
    "indicator met het kenmerk 'te classificeren'; ongedaan maken van de lading verwijdert "
    "die weer.",
    "data.uploader_label": "Bestanden (CSV, TXT, TSV, JSON, XLSX of ZIP)",
    "data.uploader_help": "Meer bestanden tegelijk mag; ze worden samen geladen. Per bestand "
    "hoogstens {limit} MB (BW_MAX_UPLOAD_MB).",
    "data.no_files": "Nog geen bestanden gekozen.",
    "data.file_ok": "geen fouten",
    "data.file_errors": "{errors} fout(en)",
    "data.file_warnings": "{warnings} waarschuwing(en)",
    "data.file_rows": "{rows} rijen",
    "data.detected_heading": "Herkend",
    "data.col_detected": "Wat",
    "data.col_detected_value": "Gevonden",
    "data.detected_auto": "automatisch herkend",
    "data.detected.format": "Formaat",
    "data.detected.encoding": "Tekenset",
    "data.detected.delimiter": "Scheidingsteken",
    "data.detected.decimal": "Decimaalteken",
    "data.detected.decimal_column": "Decimaalteken in kolom {column}",
    "data.detected.sheet": "Werkblad",
    "data.detected.table": "Tabel",
    "data.detected.period": "Periode",
    "data.detected.columns": "Kolommen",
    "data.detected.file": "Soort bestand",
    "data.decimal_point": "punt (.)",
    "data.decimal_comma": "komma (,)",
    "data.tab": "tab",
    "data.report_heading": "Controlerapport (fouten eerst)",
    "data.no_issues": "Geen meldingen.",
    "data.col_severity": "Ernst",
    "data.col_line": "Regel",
    "data.col_code": "Code",
    "data.col_message": "Melding",
    "data.severity.error": "fout",
    "data.severity.warning": "waarschuwing",
    "data.severity.info": "opmerking",
    "data.whole_file": "heel bestand",
    "data.count.rows": "Rijen",
    "data.count.new": "Nieuw",
    "data.count.changed": "Gewijzigd",
    "data.count.unchanged": "Ongewijzigd",
    "data.count.missing": "Ontbrekend",
    "data.new_regions_heading": "Nieuwe regio's die dit bestand aanmaakt",
    "data.new_indicators_heading": "Nieuwe indicatoren die dit bestand aanmaakt (te classificeren)",
    "data.col_code_region": "Regiocode",
    "data.col_name": "Naam",
    "data.col_indicator_id": "Indicator (id)",
    "data.col_region_name": "Regio",
    "data.col_ci_low": "Ondergrens (95%)",
    "data.col_ci_high": "Bovengrens (95%)",
    "data.col_status": "Status",
    "data.col_missing_reason": "Reden ontbreken",
    "data.preview_heading": "Voorbeeld: de eerste {shown} van {total} rijen zoals ze worden "
    "opgeslagen",
    "data.has_errors": "{bad} van de {total} bestanden bevatten fouten. Er wordt niets "
    "geladen, ook niet uit de goede bestanden. Verbeter de fouten of haal die bestanden uit "
    "de lijst.",
    "data.has_errors_one": "Dit bestand bevat fouten. Er wordt niets geladen. Verbeter de "
    "fouten en kies het bestand opnieuw.",
    "data.ready": "Klaar om te laden: {total} bestand(en), samen in één transactie. Lukt één "
    "bestand niet, dan wordt niets geladen.",
    "data.load": "Laden",
    "data.loading": "Bezig met laden…",
    "data.loaded": "{files} bestand(en) geladen in één transactie, als lading {ids}. Alle "
    "pagina's tonen de nieuwe cijfers.",
    "data.loaded_nothing_new": "Deze bestanden waren al eerder geladen; er is niets veranderd.",
    "data.already_loaded": "al eerder geladen",
    "data.col_load": "Lading",
    "data.busy": "Bezig, probeer het zo opnieuw. (Iemand anders schrijft op dit moment naar "
    "de database; er is niets geladen.)",
    "data.refused_on_load": "Bij het laden bleek {file} niet meer in orde (de database is "
    "intussen veranderd). Er is niets geladen.",
    "data.load_failed": "Laden is mislukt; er is niets geschreven. De melding:",
    "data.history_heading": "Ladingen",
    "data.no_loads": "Er zijn nog geen ladingen.",
    "data.col_id": "Nr.",
    "data.col_when": "Wanneer",
    "data.col_by": "Door",
    "data.col_format": "Formaat",
    "data.col_file": "Bestand",
    "data.col_load_status": "Status",
    "data.status_active": "actief",
    "data.status_undone": "ongedaan gemaakt ({when})",
    "data.undo_heading": "Lading ongedaan maken",
    "data.undo_intro": "Ongedaan maken zet de database precies terug naar de toestand van "
    "vóór de lading: nieuwe waarden verdwijnen, vervangen waarden komen terug, en regio's en "
    "indicatoren die de lading aanmaakte worden verwijderd. Heeft een latere lading waarden "
    "van deze lading vervangen, maak dan eerst die latere lading ongedaan.",
    "data.undo_none": "Er zijn geen actieve ladingen om ongedaan te maken.",
    "data.undo_select": "Lading",
    "data.undo_option": "Lading {id}: {file} ({when}, door {by})",
    "data.undo_confirm": "Ja, maak lading {id} ongedaan",
    "data.undo": "Ongedaan maken",
    "data.undone": "Lading {id} is ongedaan gemaakt. Alle pagina's tonen de cijfers van "
    "daarvoor.",
    "data.undo_refused": "Lading {id} kan niet ongedaan worden gemaakt; er is niets veranderd. "
    "De reden:",
    "data.templates_heading": "Sjablonen en opdrachtregel",
    "data.templates_intro": "Eigen cijfers laadt u als lange CSV: één rij per indicator, regio "
    "en periode. De indicatorcatalogus zegt welke indicator-id's er zijn, met eenheid en "
    "goede richting; een eigen indicator voegt u toe via die catalogus.",
    "data.template_long_csv": "Sjabloon lange CSV",
    "data.template_indicators": "Indicatorcatalogus (CSV)",
    "data.columns_heading": "Kolommen van de lange CSV",
    "data.col_column": "Kolom",
    "data.col_required": "Verplicht",
    "data.col_meaning": "Betekenis",
    "data.required": "verplicht",
    "data.optional": "optioneel",
    "data.column.indicator": "Indicator-id uit de catalogus, bijvoorbeeld arbeid.werkloosheid.",
    "data.column.region": "CBS-code (GM0363, PV27, NL01), een numerieke gemeentecode (363) of "
    "een unieke naam (Amsterdam).",
    "data.column.period": "Jaar (2023), kwartaal (2023KW02), maand (2023MM10) of voorlopig jaar "
    "(2023* of 2023**).",
    "data.column.value": "Het getal, met een decimale punt of komma; leeg of '.' is ontbrekend "
    "(nooit 0).",
    "data.column.ci_low": "Ondergrens van het 95%-betrouwbaarheidsinterval (enquêtecijfers).",
    "data.column.ci_high": "Bovengrens van het 95%-betrouwbaarheidsinterval.",
    "data.column.status": "definitief, voorlopig of nader voorlopig (ook * en **).",
    "data.column.unit": "Eenheid ter controle; moet gelijk zijn aan die in de catalogus.",
    "data.cli_heading": "Opdrachtregel",
    "data.cli_intro": "Dezelfde controle en hetzelfde laden werken ook vanaf de opdrachtregel, "
    "met meldingen als 'bestand.csv:12: error: not_a_number: …':",
    "data.cli.check": "controleren, niets schrijven",
    "data.cli.dry_run": "tellen: nieuw, gewijzigd, ongewijzigd",
    "data.cli.load": "laden als één lading",
    "data.cli.loads": "de ladingen, nieuwste eerst",
    "data.cli.undo": "lading 12 ongedaan maken",
    "data.cli_note": "De opdrachtregel kan niet naar de database schrijven zolang deze app hem "
    "open heeft (DuckDB laat één schrijvend proces toe); laad dan via deze pagina.",
    "data.boundaries_heading": "Kaartgrenzen",
    "data.boundaries_intro": "De kaarten op Vergelijken gebruiken per niveau deze grenzen:",
    "data.boundaries_shipped": "{level}: meegeleverd met bw, indeling {year} ({n} gebieden). "
    "Bron: CBS/PDOK (CC BY 4.0).",
    "data.boundaries_installed": "{level}: geïnstalleerd, indeling {year} ({n} gebieden).",
    "data.boundaries_none": "{level}: geen grenzen; Vergelijken toont alleen de rangorde.",
    "data.boundaries_unusable": "{level}: het geïnstalleerde bestand is niet te gebruiken; "
    "Vergelijken toont alleen de rangorde.",
    "data.boundaries_error": "Waarom het grenzenbestand niet te gebruiken is: {error}",
    "data.boundaries_advice": "Andere grenzen, bijvoorbeeld een nieuwere gemeentelijke indeling "
    "na fusies, installeert u op de server met de opdrachtregel. Ze komen in {folder} en gaan "
    "per niveau vóór de meegeleverde; bij meer jaren kiest de kaart het jaar dat het dichtst bij "
    "de gegevens ligt. Een eigen bestand moet GeoJSON in WGS84 zijn, met de CBS-code in de "
    "eigenschap statcode.",
    "data.boundaries.fetch": "gemeentegrenzen van 2026 ophalen (CBS/PDOK)",
    "data.boundaries.fetch_pv": "provinciegrenzen van 2026 ophalen",
    "data.boundaries.file": "een GeoJSON-bestand installeren dat u al hebt",
    # beleidscyclus
    "beleidscyclus.title": "Beleidscyclus",
    "beleidscyclus.body": "Deze pagina volgt de fasen van de beleidscyclus, van agendering "
    "en analyse via ontwerp en uitvoering tot evaluatie, met per fase vragen, tips en wie "
    "erbij betrokken is. Het resultaat is een indicatorenplan: opgaven, doelen, activiteiten "
    "en de indicatoren waarmee de voortgang twee keer per jaar wordt gevolgd.",
    "beleidscyclus.source": "Gebaseerd op 'Sturen op impact' van het Nationaal Netwerk Brede "
    "Welvaart.",
    "cycle.intro": "Sturen op impact betekent: in elke fase van de beleidscyclus nagaan wat "
    "beleid doet voor de brede welvaart hier en nu, elders en later. Kies een fase voor tips, "
    "voorbeelden, vragen om te stellen, de betrokkenen per bestuurslaag en het deel van dit "
    "dashboard dat erbij helpt.",
    "cycle.phase_choice": "Fase van de beleidscyclus",
    "cycle.iterative": "↻ de cyclus is iteratief: na de evaluatie begint hij opnieuw, en in "
    "de praktijk ga je ook terug naar een eerdere fase.",
    "cycle.previous": "Vorige: {phase}",
    "cycle.next": "Volgende: {phase}",
    "cycle.phase_invalid": "De fase '{value}' uit de link bestaat niet; de eerste fase wordt "
    "getoond.",
    "cycle.tips": "Tips",
    "cycle.examples": "Voorbeelden",
    "cycle.questions": "Vragen om te stellen",
    "cycle.supports": "Hulp in dit dashboard",
    "cycle.not_built": "{part}: nog niet gebouwd. Straks: {how}",
    "cycle.stakeholders": "Betrokkenen per bestuurslaag",
    "cycle.none_listed": "geen genoemd in de bron",
    "cycle.matrix": "Betrokkenen per fase en bestuurslaag",
    "cycle.matrix_intro": "Wie in welke fase een sleutelrol kan spelen, per bestuurslaag: een "
    "eerste beeld uit voorbeelden in de praktijk. Filter op fasen en bestuurslagen.",
    "cycle.filter_phases": "Fasen",
    "cycle.filter_levels": "Bestuurslagen",
    "cycle.col_phase": "Fase",
    "cycle.matrix_empty": "Kies minstens één fase en één bestuurslaag.",
    "cycle.roles": "Sleutelrollen in de hele cyclus",
    "cycle.roles_intro": "Drie rollen doen er in elke fase toe:",
    "cycle.lessons": "Andere lessen",
    # monitor pages: shared words
    "monitor.theme": "Thema",
    "monitor.capital": "Kapitaal",
    "monitor.indicator": "Indicator",
    "monitor.indicator_invalid": "De indicator '{value}' uit de link bestaat niet (of niet op "
    "deze pagina). In plaats daarvan wordt de eerste indicator getoond.",
    "monitor.no_assessment": "Voor {region} kunnen geen indicatoren worden beoordeeld: de regio "
    "staat niet (meer) in de database.",
    "monitor.assessment_failed": "De indicatoren van {region} konden niet worden beoordeeld: "
    "{error}",
    "monitor.no_indicators_dimension": "De database bevat nog geen indicatoren voor deze dimensie.",
    "monitor.theme_table": "Alle indicatoren van {theme} in één tabel",
    "monitor.theme_table_alt": "Indicatoren van het gekozen thema met status, trend en positie",
    "monitor.unit": "eenheid: {unit}",
    "monitor.value_in": "Waarde {period}",
    "monitor.rank_in": "Rang over {year}",
    "monitor.value_help": "Laatst bekende waarde; * = voorlopig cijfer. Het verschil eronder "
    "is de verandering ten opzichte van de vorige beschikbare periode: de pijl toont of het "
    "getal steeg of daalde, de kleur of dat goed is.",
    "monitor.since": "t.o.v. {year}",
    "monitor.minimum_help": "De ondergrens die de raad vastlegde: slechter dan dit wordt niet "
    "geaccepteerd. Leeg (–) als er geen minimum is.",
    "monitor.ambition_help": "Wat de raad wil bereiken, eventueel in een doeljaar. Leeg (–) als "
    "er geen ambitie is.",
    "monitor.chart_note": "Open rondjes zijn voorlopige cijfers; een band is het "
    "95%-betrouwbaarheidsinterval. Streefwaarden staan als gestippelde lijnen met hun naam. "
    "Dezelfde cijfers staan in de tab Tabel.",
    "monitor.projection_note": "De gestreepte lijn is een projectie van de trend (Theil–Sen), "
    "geen waarneming.",
    "monitor.projection_heading": "Projectie (geen waarnemingen)",
    "monitor.series_alt": "{indicator} per jaar, met de vergelijkingsregio's",
    "monitor.sum_no_references": "Dit is een aantal: Nederland, de provincie en vergelijkbare "
    "gemeenten zijn geen zinvolle vergelijking en staan daarom niet in de grafiek.",
    "unit.percentage_points": "procentpunt",
    "rank.of": "{rank} van {n}",
    "rank.of_in": "{rank} van {n} (over {year})",
    "reference.nl": "Nederland",
    "reference.peer": "Vergelijkbare gemeenten",
    "target.minimum": "Minimum",
    "target.ambition": "Ambitie",
    "target.target_year": "Doeljaar",
    # judgements in words
    "judgement.status": "Status",
    "judgement.trend": "Trend",
    "judgement.position": "Positie",
    "judgement.progress": "Voortgang naar het doeljaar",
    "status.no_data": "Er is geen waarde voor {region}.",
    "status.no_target": "Voor {region} is voor deze indicator (nog) geen streefwaarde "
    "vastgesteld. Een minimum en ambitie vastleggen kan op de pagina Streefwaarden.",
    "status.above_ceiling": "{value} ligt boven het plafond van {ceiling}.",
    "status.better_than_minimum": "{value} is {distance} beter dan het minimum van {minimum}.",
    "status.worse_than_minimum": "{value} is {distance} slechter dan het minimum van {minimum}.",
    "status.at_minimum": "{value} ligt precies op het minimum van {minimum}.",
    "status.ambition_reached": "De ambitie van {ambition} is bereikt.",
    "status.ambition_not_reached": "De ambitie van {ambition} is nog niet bereikt.",
    "status.gap_share": "Van het minimum naar de ambitie van {ambition} is {share} van de "
    "afstand afgelegd.",
    "status.target_year": "Doeljaar: {year}.",
    "trend.no_data": "Geen gegevens, dus geen trend.",
    "trend.insufficient": "Te weinig gegevens voor een trend: minder dan {points} waarden in "
    "de laatste {years} jaar.",
    "trend.slope": "Gemiddeld {slope} per jaar over {first}–{last} (kleinste-kwadratenlijn, "
    "p = {p}).",
    "trend.stable_note": "Die verandering is niet significant of te klein om van een trend te "
    "spreken.",
    "trend.recent": "Laatste verandering: {change} ({relative}) ten opzichte van {previous}.",
    "trend.recent_overlap": "De 95%-intervallen overlappen: dat is geen aantoonbare verandering.",
    "position.no_data": "Geen gegevens, dus geen positie.",
    "position.is_nl": "Nederland is zelf de referentie en krijgt geen rang.",
    "position.group": "Een regiogroep krijgt geen rang; vergelijk de leden op de pagina "
    "Vergelijken.",
    "position.not_ranked": "Geen rang in dit jaar.",
    "position.rank": "Rang {rank} onder de {regions} ({quartile}; 1 = best).",
    "position.rank_neutral": "Rang {rank} onder de {regions} ({quartile}; 1 = hoogste waarde, "
    "geen oordeel).",
    "position.compared": "Verschil met {comparisons}.",
    "position.compared_in": "Verschil in {year} met {comparisons}.",
    "position.no_comparison": "Geen vergelijking met Nederland of de provincie mogelijk.",
    "position.over": "Positie over {year}: voor {latest} hebben {n_latest} van {n} {regions} een "
    "waarde.",
    "position.no_value_in_period": "Geen positie: de {regions} worden vergeleken over {year}, "
    "en daarin heeft deze regio geen waarde.",
    "position.no_period": "Geen positie: in geen van de laatste {years} jaar heeft minstens "
    "{share} van de {regions} een waarde.",
    "progress.no_target_year": "Geen doeljaar vastgesteld, dus geen voortgangsoordeel.",
    "progress.none": "Geen voortgangsoordeel: er ontbreekt een streefwaarde of een waarde.",
    "progress.class": "Op weg naar de streefwaarde in {year}.",
    "progress.ratio": "De groei per jaar is {ratio} keer de groei die nodig is om de "
    "streefwaarde op tijd te halen (vanaf 0,95 keer heet dat op koers).",
    "projection.minimum_met": "Het minimum is al gehaald.",
    "projection.minimum_in": "Volgens de projectie wordt het minimum bereikt in {year}.",
    "projection.minimum_not_before": "Volgens de projectie wordt het minimum niet vóór {year} "
    "bereikt.",
    "projection.minimum_unknown": "Geen projectie: te weinig gegevens.",
    "projection.value": "Projectie voor {year}: {value} (bandbreedte {band}); dit is een "
    "doortrekking van de trend, geen waarneming.",
    "group.members": "Regiogroep van {n} leden; waarden zijn opgeteld of gewogen naar inwonertal.",
    "group.coverage": "Dekking {share} van de inwoners.",
    "group.coverage_range": "Dekking {low} tot {high} van de inwoners, per indicator.",
    "group.missing": "{n} indicatoren hebben geen groepswaarde (niet op te tellen, of "
    "minder dan 80% van de inwoners gedekt).",
    # method
    "method.heading": "Methode en bron",
    "method.body": "- **Status**: de laatste waarde tegenover het minimum en de ambitie die de "
    "raad vastlegde. Onder het minimum is slechter dan het minimum (gelijk telt als gehaald); "
    "bij 'lager is beter' is alles gespiegeld.\n"
    "- **Trend**: een rechte lijn (kleinste kwadraten) door de waarden van de laatste {window} "
    "jaar, met minstens {points} waarden. Verbetert of verslechtert alleen als de helling "
    "significant is (p < {p}) én de verandering over het venster minstens {materiality} van "
    "het gemiddelde is; anders stabiel. De pijl toont of het getal stijgt, het woord of dat "
    "goed is.\n"
    "- **Positie**: rang onder regio's van hetzelfde niveau (1 = best), met het beste en "
    "slechtste kwart (zonder goede richting: het hoogste en laagste kwart). Rang, kwart en "
    "verschillen gaan over het vergelijkingsjaar: het nieuwste jaar waarin minstens "
    "{comparison} van de regio's die in de laatste {window} jaar een waarde hadden er een "
    "hebben. Binnen ±{band} van Nederland, de provincie of vergelijkbare gemeenten "
    "heet vergelijkbaar; bij enquêtecijfers: als de 95%-intervallen overlappen.\n"
    "- **Voortgang** (Later): waargenomen groei sinds het basisjaar gedeeld door de groei die "
    "nodig is om de streefwaarde in het doeljaar te halen (methode Eurostat / Open SDG). "
    "R ≥ {on_track} op koers, {acceleration} tot {on_track} versnelling nodig, 0 tot "
    "{acceleration} beperkte voortgang, onder 0 beweegt weg van het doel.\n"
    "- **Projectie**: een Theil–Sen-lijn (mediaan van de hellingen) door het trendvenster, "
    "doorgetrokken tot het doeljaar; het minimum wordt gezocht tot {horizon}.\n"
    "- **Regiogroepen**: optellen of wegen naar inwonertal; een groepswaarde alleen bij minstens "
    "{coverage} dekking van de inwoners.",
    "method.source": "Bron: {source}.",
    "method.load": "De waarde van {period} komt uit lading {load}: {source} (zie de pagina Data).",
    "method.more": "De volledige beschrijving staat in docs/methods.md.",
    # tabs, columns, downloads
    "tab.chart": "Grafiek",
    "tab.table": "Tabel",
    "tab.map": "Kaart",
    "tab.ranking": "Rangorde",
    "col.dimension": "Dimensie",
    "col.theme": "Thema",
    "col.status": "Status",
    "col.status_help": "Laatste waarde tegenover de streefwaarden: ✖ onder minimum, "
    "◐ boven minimum, ★ ambitie bereikt, ○ geen streefwaarde.",
    "col.trend": "Trend",
    "col.trend_help": "Over de laatste acht jaar. De pijl toont of het getal stijgt (↑), daalt "
    "(↓) of niet significant verandert (→); het woord zegt of dat goed is.",
    "col.rank": "Rang",
    "col.rank_help": "Rang onder regio's van hetzelfde niveau; 1 = best. Tussen haakjes het "
    "vergelijkingsjaar als de waarde zelf nieuwer is: rang, kwart en verschil met Nederland "
    "gaan over het nieuwste jaar waarin minstens 80% van de regio's een waarde heeft.",
    "col.vs_nl": "T.o.v. Nederland",
    "col.vs_nl_help": "Verschil met Nederland in procenten; binnen ±5% heet vergelijkbaar.",
    "col.quartile": "Kwartiel",
    "col.series": "Verloop",
    "col.series_help": "De waarden per jaar, van oud naar nieuw (zonder as: alleen de vorm).",
    "col.publication": "Publicatiestatus",
    "col.band": "Bandbreedte",
    "publication.definitief": "definitief",
    "publication.voorlopig": "voorlopig",
    "publication.nader_voorlopig": "nader voorlopig",
    "download.csv": "Download als CSV",
    "download.csv_overview": "Tabel als CSV",
    "download.factsheet": "Factsheet",
    "download.factsheet_help": "Een afdrukbare pagina (HTML) met de hoofdlijnen van deze regio.",
    "csv.region_code": "regiocode",
    "csv.region": "Regio",
    "csv.indicator_id": "indicator-id",
    "csv.year": "Jaar",
    "csv.publication_status": "publicatiestatus",
    "csv.ci_low": "ondergrens 95%",
    "csv.ci_high": "bovengrens 95%",
    "csv.slope": "helling per jaar",
    "csv.p_value": "p-waarde",
    "csv.rank": "rang",
    "csv.n": "aantal gerangschikt",
    "csv.comparison_period": "vergelijkingsjaar",
    "csv.vs_nl": "verschil met Nederland (fractie)",
    "csv.coverage": "dekking inwoners (fractie)",
    "csv.origin": "herkomst",
    "csv.origin_source": "bron",
    "csv.origin_aggregated": "berekend uit gemeentecijfers",
    "csv.missing_reason": "reden geen nieuwere waarde",
    "csv.cbs_code": "CBS-code",
    "csv.source": "bron",
    "csv.load": "lading",
    "csv.projection": "Projectie",
    "csv.band_low": "projectie ondergrens",
    "csv.band_high": "projectie bovengrens",
    "csv.selected": "gekozen regio",
    # levels in the plural (Vergelijken)
    "levels.NL": "landen",
    "levels.LD": "landsdelen",
    "levels.PV": "provincies",
    "levels.CR": "COROP-gebieden",
    "levels.GM": "gemeenten",
    "levels.WK": "wijken",
    "levels.BU": "buurten",
    "levels.group": "regiogroepen",
    # overzicht (new)
    "overzicht.n_indicators": "{n} indicatoren",
    "overzicht.dimension_empty": "Deze database heeft hier geen indicatoren voor; de pagina "
    "legt uit waarom en wat er wel is.",
    "overzicht.trend_heading": "Trend (laatste acht jaar):",
    "overzicht.trend_neutral": "↕ stijgt of daalt (geen oordeel)",
    "overzicht.matrix_heading": "Status per thema",
    "overzicht.matrix_title": "Aantal indicatoren per thema en status",
    "overzicht.matrix_note": "Een indicator die voor meer thema's telt, staat in elk van die "
    "thema's. Dezelfde aantallen staan in de tab Tabel.",
    "overzicht.table_heading": "Alle indicatoren",
    "overzicht.table_hint": "Klik op een kolomkop om te sorteren. Kies een rij (het vakje "
    "links) om de indicator hieronder uitgebreid te zien.",
    "overzicht.table_alt": "Alle indicatoren van {region} met waarde, status, trend en positie",
    "overzicht.open_page": "Open op de pagina {page}",
    "overzicht.not_ranked_NL": "Nederland is zelf de referentie: geen rang en geen verschil met "
    "Nederland.",
    "overzicht.comparison_note": "Rang en verschil met Nederland over {year}: voor {latest} "
    "hebben {n_latest} van {n} {regions} een waarde ({indicators}).",
    "overzicht.not_ranked_group": "Regiogroepen krijgen geen rang; hun waarden zijn opgeteld of "
    "gewogen naar inwonertal.",
    # vergelijken (new)
    "vergelijken.level": "Niveau",
    "vergelijken.level_invalid": "Het niveau '{value}' uit de link bestaat niet in deze "
    "database (wel: {levels}). In plaats daarvan wordt het standaardniveau getoond.",
    "vergelijken.no_ranking": "Voor {indicator} zijn er geen waarden van {regions} ({year}).",
    "vergelijken.year": "Jaar",
    "vergelijken.year_help": "Het jaar van de vergelijking; standaard het vergelijkingsjaar: "
    "het nieuwste jaar waarin minstens 80% van de regio's van dit niveau een waarde heeft. "
    "Nieuwere jaren zijn te kiezen, met minder regio's.",
    "vergelijken.latest_year": "nieuwste",
    "vergelijken.comparison_year": "vergelijkingsjaar ({year})",
    "vergelijken.comparison_caption": "{year} is het vergelijkingsjaar: het nieuwste jaar waarin "
    "minstens {share} van de {regions} een waarde heeft.",
    "vergelijken.newer_caption": "Voor {latest} hebben {n_latest} van {n} {regions} een waarde; "
    "kies {latest} bij Jaar om die te zien.",
    "vergelijken.caption": "{n} {regions} met een waarde in {year}.",
    "vergelijken.filter": "Vergelijken met",
    "vergelijken.filter_help": "Beperk de kaart, de rangorde en de tabel tot een groep. De rang "
    "blijft die onder alle regio's van het niveau.",
    "vergelijken.filter_all": "alle {regions}",
    "vergelijken.filter_peer": "vergelijkbare gemeenten (zelfde grootteklasse en stedelijkheid)",
    "vergelijken.filter_province": "in de provincie {province}",
    "vergelijken.filter_group": "regiogroep {group}",
    "vergelijken.filtered": "Getoond: {shown} van de {total} {regions}; de rang is die onder "
    "alle {regions}.",
    "vergelijken.filter_empty": "Geen enkele regio van deze groep heeft een waarde.",
    "vergelijken.figure_title": "{indicator}, {year}",
    "vergelijken.no_map": "Voor dit niveau is geen kaart beschikbaar; de rangorde staat "
    "hieronder als staafdiagram.",
    "vergelijken.map_source": "Bron grenzen: CBS/PDOK (CC BY 4.0)",
    "vergelijken.map_source_year": "Bron grenzen: CBS/PDOK (CC BY 4.0), indeling {year}.",
    "vergelijken.map_note": "Donkerder is beter; wit is geen gegevens. Dezelfde cijfers staan "
    "in de tab Tabel.",
    "vergelijken.marker_help": "▶ = de gekozen regio",
    "vergelijken.own_value": "Ter vergelijking: {region} heeft {value} ({period}).",
    "vergelijken.map_all": "De kaart toont alle gemeenten; de keuze hierboven geldt voor de "
    "rangorde en de tabel.",
    "vergelijken.table_alt": "Rangorde van de regio's met waarde en kwartiel",
    "vergelijken.not_in_table": "{region} staat niet in deze vergelijking (ander niveau of "
    "buiten de gekozen groep).",
    # streefwaarden page (targets)
    "targets.no_region": "Kies eerst een regio in de zijbalk.",
    "targets.no_indicators": "Voor deze regio zijn geen indicatoren beschikbaar.",
    "targets.ceiling": "Plafond",
    "targets.baseline_year": "Basisjaar",
    "targets.indicator_id": "Code",
    "targets.choose_indicator": "Indicator om te bekijken of aan te passen",
    "targets.indicator_caption": "Eenheid: {unit}. Goede richting: {direction}. Nu: {status}.",
    "targets.references": "Ter vergelijking (niet opgelegd)",
    "targets.references_help": "Deze waarden helpen bij het kiezen van een streefwaarde; de "
    "raad bepaalt zelf. Tussen haakjes het jaar.",
    "targets.ref_current": "Huidige waarde",
    "targets.ref_nl": "Nederland",
    "targets.ref_province": "Provincie",
    "targets.ref_peer_median": "Vergelijkbare gemeenten (mediaan)",
    "targets.ref_best_quartile": "Grens van het beste kwart",
    "targets.ref_peer_note": "— mediaan van {n} gemeenten met dezelfde grootteklasse en "
    "stedelijkheid",
    "targets.ref_quartile_note": "— de waarde op rang {rank} van {n}",
    "targets.ref_none": "Geen vergelijkingswaarden beschikbaar.",
    "targets.read_only": "Deze omgeving is alleen-lezen: streefwaarden zijn hier te bekijken, "
    "niet te wijzigen.",
    "targets.form_title": "Streefwaarde vastleggen (nieuwe versie)",
    "targets.field_minimum": "Minimum ({unit})",
    "targets.field_ambition": "Ambitie ({unit})",
    "targets.field_ceiling": "Plafond ({unit})",
    "targets.field_minimum_help": "De ondergrens: slechter dan dit accepteert de raad niet. Leeg "
    "laten mag.",
    "targets.field_ambition_help": "Wat de raad wil bereiken. Leeg laten mag.",
    "targets.field_ceiling_help": "Een bovengrens (zoals in het donutmodel). Meestal leeg.",
    "targets.field_target_year": "Doeljaar",
    "targets.field_baseline_year": "Basisjaar",
    "targets.field_rationale": "Onderbouwing",
    "targets.field_source": "Bron",
    "targets.field_source_detail": "Bron, toelichting (bijv. 2022–2026)",
    "targets.field_by": "Vastgesteld door (naam)",
    "targets.source_coalitieakkoord": "coalitieakkoord",
    "targets.source_programmabegroting": "programmabegroting",
    "targets.source_raadsbesluit": "raadsbesluit",
    "targets.source_anders": "anders",
    "targets.save": "Opslaan",
    "targets.need_by": "Vul in wie de streefwaarde vaststelt.",
    "targets.not_saved": "Er is niets opgeslagen.",
    "targets.save_failed": "Opslaan is mislukt, er is niets gewijzigd: {error}",
    "targets.saved": "De streefwaarde voor {indicator} is opgeslagen als nieuwe versie.",
    "targets.history": "Geschiedenis van deze streefwaarde",
    "targets.no_history": "Voor deze indicator is in deze regio nog nooit een streefwaarde "
    "vastgelegd.",
    "targets.col_version": "Versie",
    "targets.col_when": "Wanneer",
    "targets.col_by": "Door",
    "targets.col_retracted": "Ingetrokken",
    "targets.retracted": "ingetrokken",
    "targets.restore_choice": "Versie",
    "targets.version": "versie {n}",
    "targets.restore": "Herstel deze versie",
    "targets.retract": "Intrekken",
    "targets.restored": "Versie {n} is hersteld als nieuwste versie.",
    "targets.retracted_done": "De streefwaarde is ingetrokken; de geschiedenis blijft bewaard.",
    # programmes: indicatorenplan and voortgang (nl)
    'streefwaarden.tab_targets': 'Streefwaarden',
    'streefwaarden.tab_plan': 'Indicatorenplan',
    'streefwaarden.tab_progress': 'Voortgang',
    'programme.none': 'Er is nog geen programma in de database.',
    'programme.choose': 'Programma',
    'programme.plan_title': 'Indicatorenplan',
    "programme.plan_body": (
        "Per programma: opgaven (met impactindicatoren), SMART-doelen (met hun indicator en "
        "streefwaarde) en activiteiten. Opgaven, doelen, activiteiten en voortgang blijven uit "
        "elkaar (naar Sturen op Impact)."
    ),
    'programme.owner': 'eigenaar',
    'programme.opgave': 'Opgave',
    'programme.doel': 'Doel',
    'programme.impact_indicators': 'Impactindicatoren',
    'programme.outcome_indicators': 'Extra effectindicatoren',
    'programme.no_indicators': 'geen gekoppeld',
    "programme.doel_details": (
        "Indicator: {indicator}; streefwaarde {target} in {year}; eigenaar: {owner}"
    ),
    'programme.no_activities': 'Nog geen activiteiten.',
    'programme.done': 'gereed',
    'programme.budget': 'budget',
    "programme.read_only": (
        "Deze omgeving is alleen-lezen: het indicatorenplan opbouwen en activiteiten bijwerken "
        "kan hier niet."
    ),
    'programme.update_title': 'Activiteit bijwerken',
    'programme.activity': 'Activiteit',
    'programme.status': 'Status',
    'programme.share': 'Gereed (%)',
    'programme.update_submit': 'Voortgang opslaan',
    'programme.updated': "De voortgang van '{title}' is opgeslagen.",
    'programme.new_title': 'Activiteit toevoegen',
    'programme.activity_title': 'Naam van de activiteit',
    'programme.budget_input': 'Budget (euro, optioneel)',
    'programme.new_submit': 'Activiteit toevoegen',
    'programme.added': "Activiteit '{title}' is toegevoegd.",
    'programme.title_required': 'Geef de activiteit een naam.',
    'programme.save_failed': 'Opslaan is niet gelukt: {error}',
    'programme.progress_title': 'Voortgangsrapportage',
    "programme.progress_body": (
        "Twee keer per jaar in de planning-en-controlcyclus: activiteiten, doelen tegen hun "
        "streefwaarde en, apart, de indicatoren van de opgaven."
    ),
    'programme.download_html': 'Download rapportage (HTML, printbaar)',
    'programme.download_csv': 'Download tabel (CSV)',
    'programme.table': 'De rapportage als tabel',
    # programmes: building the indicatorenplan (nl)
    'programme.build_title': 'Indicatorenplan opbouwen',
    'programme.create_title': 'Programma aanmaken',
    'programme.name': 'Naam van het programma',
    'programme.kind': 'Soort programma',
    'programme.owner_input': 'Eigenaar (optioneel)',
    'programme.start_year': 'Beginjaar (optioneel)',
    'programme.end_year': 'Eindjaar (optioneel)',
    'programme.regions': "Regio('s) of regiogroep(en)",
    'programme.description': 'Toelichting (optioneel)',
    'programme.create_submit': 'Programma aanmaken',
    'programme.created': "Programma '{name}' is aangemaakt.",
    'programme.name_required': 'Geef het programma een naam; er is niets opgeslagen.',
    "programme.years_order": (
        "Het eindjaar ({end}) ligt vóór het beginjaar ({start}); er is niets opgeslagen."
    ),
    'programme.regions_label': "regio's",
    'programme.no_opgaven': 'Nog geen opgaven.',
    'programme.moments': 'Meetmomenten',
    'programme.no_moments': 'Nog geen meetmomenten.',
    'programme.opgave_new_title': 'Opgave toevoegen',
    'programme.opgave_title': 'Titel van de opgave',
    'programme.opgave_description': 'Beschrijving (optioneel)',
    'programme.impact_input': 'Impactindicatoren',
    'programme.opgave_submit': 'Opgave toevoegen',
    'programme.opgave_added': "Opgave '{title}' is toegevoegd.",
    'programme.opgave_title_required': 'Geef de opgave een titel; er is niets opgeslagen.',
    "programme.need_opgave": (
        "Voeg eerst een opgave toe; daarna kun je er indicatoren en doelen aan koppelen."
    ),
    'programme.link_title': 'Impactindicatoren koppelen aan een opgave',
    'programme.link_submit': 'Indicatoren koppelen',
    'programme.linked': "{n} indicator(en) gekoppeld aan '{title}'.",
    'programme.indicators_required': 'Kies ten minste één indicator; er is niets opgeslagen.',
    'programme.doel_new_title': 'Doel toevoegen (SMART)',
    "programme.smart_advice": (
        "Maak het doel SMART: specifiek, meetbaar, toewijsbaar, realistisch en tijdgebonden. "
        "De controle is een advies: een onvolledig doel mag je opslaan, het wordt gemarkeerd."
    ),
    "programme.doel_text": (
        "Doeltekst (specifiek: wat verandert er, voor wie en hoeveel?)"
    ),
    'programme.doel_indicator': 'Indicator (meetbaar)',
    'programme.target_value': 'Streefwaarde (meetbaar, in de eenheid van de indicator)',
    'programme.target_year': 'Doeljaar (tijdgebonden)',
    'programme.doel_owner': 'Eigenaar (toewijsbaar)',
    'programme.feasibility': 'Onderbouwing van de haalbaarheid (realistisch)',
    'programme.doel_check': 'Controleer SMART',
    'programme.doel_submit': 'Doel opslaan',
    'programme.doel_text_required': 'Geef het doel een tekst; er is niets opgeslagen.',
    'programme.doel_added': "Doel '{text}' is toegevoegd.",
    "programme.doel_incomplete": (
        "Het doel is opgeslagen, maar is nog niet SMART; vul het aan. {summary}"
    ),
    'programme.moment_new_title': 'Meetmoment toevoegen',
    'programme.moment_date': 'Datum',
    'programme.moment_label': 'Omschrijving (bijv. Voortgangsrapportage voorjaar 2026)',
    'programme.moment_submit': 'Meetmoment toevoegen',
    'programme.moment_added': "Meetmoment '{label}' op {date} is toegevoegd.",
    'programme.date_required': 'Kies een datum; er is niets opgeslagen.',
    'programme.label_required': 'Geef het meetmoment een omschrijving; er is niets opgeslagen.',
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
    "store.creating": "Creating the database of CBS figures…",
    "store.created": "Database of CBS figures created.",
    "store.create_failed": "The database could not be created: {error}",
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
    "source.cbs_badge": "CBS figures",
    "source.cbs_caption": "Source: CBS (CC BY 4.0), Regional Monitor of Well-being, municipalities "
    "2013–2022. Values for the Netherlands, provinces and COROP regions are computed from "
    "municipal figures where CBS does not publish them, and marked as such.",
    "source.aggregated_mark": "computed",
    "missing.short.te_weinig_respondenten": "no figure (too few respondents)",
    "missing.short.niet_van_toepassing": "not applicable",
    "missing.short.niet_gepubliceerd": "not published",
    "missing.short.verdachte_reeks": "not loaded (suspect series)",
    "missing.te_weinig_respondenten": "CBS does not publish this figure for municipalities with "
    "too few respondents (latest for {year}).",
    "missing.niet_van_toepassing": "Not applicable: CBS has nothing to measure here for this "
    "municipality, for example because it has no official bathing site ({year}).",
    "missing.niet_gepubliceerd": "CBS does not publish this figure for this municipality "
    "(confidential or not reliable enough; latest for {year}).",
    "missing.verdachte_reeks": "The CBS series of this municipality is not loaded: the values in "
    "the source file are whole numbers that look typed in, not the original figures (up to "
    "{year}).",
    "missing.other": "No value for {year}; the source gives as reason: {reason}.",
    "method.cbs_code": "CBS code in the Regional Monitor of Well-being: {code}.",
    "method.aggregated": "Computed from municipal figures, not a CBS figure: the "
    "population-weighted mean (or the sum) of the municipalities, covering {coverage} of the "
    "inhabitants (method §6).",
    "method.attribution": "Source: CBS (CC BY 4.0).",
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
    "overzicht.intro": "Where does {region} stand on each theme? Per dimension how many "
    "indicators are below the minimum, above the minimum or at the ambition, and which way "
    "the trend goes; below that every indicator with its latest value, status, trend and "
    "position.",
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
    "hier_en_nu.body": "This page shows how the well-being of the people of {region} "
    "stands today: per theme (subjective well-being, material welfare, health, work and "
    "leisure, housing, society, safety and environment) the indicators with their trend, "
    "their position and where they stand against the targets.",
    "later.title": "Later",
    "later.body": "This page shows what {region} builds up or uses up for future "
    "generations: its stocks of economic, natural, human and social capital. For each "
    "indicator it adds whether the region is on course to reach the target in the target "
    "year, and when the minimum is expected to be reached.",
    "vergelijken.title": "Compare",
    "vergelijken.body": "This page sets {region} beside similar regions (the same size "
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
    # data page: upload, check, load, undo, templates
    "data.intro": "What the database holds now, and where analysts load their own files: CBS "
    "StatLine, the CBS regional monitor of broad well-being, waarstaatjegemeente.nl or their "
    "own data as a long CSV. Each file is checked whole first, with messages per line; only "
    "then is it loaded, as one load that can be undone.",
    "data.upload_heading": "Load files",
    "data.upload_intro": "Choose the format (or let it be detected) and drop one or more files "
    "here. Checking writes nothing; only the Load button writes.",
    "data.read_only": "This instance is read-only (BW_READ_ONLY=1): files cannot be loaded and "
    "loads cannot be undone here. Use the writing instance or the command line.",
    "data.format_label": "Format",
    "data.format_auto": "detect automatically",
    "data.format_help": "Automatic detection looks at the file's header line and says which "
    "format it found. Choose a format yourself when detection fails.",
    "data.format.long_csv": "long CSV (own data)",
    "data.format.cbs_region_reference": "CBS Gebieden in Nederland (region reference)",
    "data.format.wsjg_delivery": "waarstaatjegemeente.nl (delivery)",
    "data.format.wsjg_table": "waarstaatjegemeente.nl (table)",
    "data.format.cbs_regional_monitor": "CBS regional monitor of broad well-being",
    "data.new_indicators_label": "Topics the catalogue does not know",
    "data.new_indicators.error": "report an error",
    "data.new_indicators.create": "create new indicators (to be classified)",
    "data.new_indicators_help": "A topic in a CBS or waarstaatjegemeente file that matches no "
    "indicator is an error by default. With the second choice it becomes a new indicator "
    "marked 'te classificeren' (to be classified); undoing the load removes it again.",
    "data.uploader_label": "Files (CSV, TXT, TSV, JSON, XLSX or ZIP)",
    "data.uploader_help": "Several files at once are fine; they are loaded together. At most "
    "{limit} MB per file (BW_MAX_UPLOAD_MB).",
    "data.no_files": "No files chosen yet.",
    "data.file_ok": "no errors",
    "data.file_errors": "{errors} error(s)",
    "data.file_warnings": "{warnings} warning(s)",
    "data.file_rows": "{rows} rows",
    "data.detected_heading": "Detected",
    "data.col_detected": "What",
    "data.col_detected_value": "Found",
    "data.detected_auto": "detected automatically",
    "data.detected.format": "Format",
    "data.detected.encoding": "Encoding",
    "data.detected.delimiter": "Delimiter",
    "data.detected.decimal": "Decimal mark",
    "data.detected.decimal_column": "Decimal mark in column {column}",
    "data.detected.sheet": "Sheet",
    "data.detected.table": "Table",
    "data.detected.period": "Period",
    "data.detected.columns": "Columns",
    "data.detected.file": "Kind of file",
    "data.decimal_point": "point (.)",
    "data.decimal_comma": "comma (,)",
    "data.tab": "tab",
    "data.report_heading": "Validation report (errors first)",
    "data.no_issues": "No messages.",
    "data.col_severity": "Severity",
    "data.col_line": "Line",
    "data.col_code": "Code",
    "data.col_message": "Message",
    "data.severity.error": "error",
    "data.severity.warning": "warning",
    "data.severity.info": "note",
    "data.whole_file": "whole file",
    "data.count.rows": "Rows",
    "data.count.new": "New",
    "data.count.changed": "Changed",
    "data.count.unchanged": "Unchanged",
    "data.count.missing": "Missing",
    "data.new_regions_heading": "New regions this file creates",
    "data.new_indicators_heading": "New indicators this file creates (to be classified)",
    "data.col_code_region": "Region code",
    "data.col_name": "Name",
    "data.col_indicator_id": "Indicator (id)",
    "data.col_region_name": "Region",
    "data.col_ci_low": "Lower bound (95%)",
    "data.col_ci_high": "Upper bound (95%)",
    "data.col_status": "Status",
    "data.col_missing_reason": "Reason missing",
    "data.preview_heading": "Preview: the first {shown} of {total} rows as they will be stored",
    "data.has_errors": "{bad} of the {total} files have errors. Nothing will be loaded, not "
    "even from the good files. Fix the errors or remove those files from the list.",
    "data.has_errors_one": "This file has errors. Nothing will be loaded. Fix the errors and "
    "choose the file again.",
    "data.ready": "Ready to load: {total} file(s), together in one transaction. If one file "
    "fails, nothing is loaded.",
    "data.load": "Load",
    "data.loading": "Loading…",
    "data.loaded": "{files} file(s) loaded in one transaction, as load {ids}. Every page shows "
    "the new figures.",
    "data.loaded_nothing_new": "These files were loaded before; nothing changed.",
    "data.already_loaded": "loaded before",
    "data.col_load": "Load",
    "data.busy": "Busy, try again in a moment. (Someone else is writing to the database right "
    "now; nothing was loaded.)",
    "data.refused_on_load": "While loading, {file} turned out not to be in order (the database "
    "changed meanwhile). Nothing was loaded.",
    "data.load_failed": "Loading failed; nothing was written. The message:",
    "data.history_heading": "Loads",
    "data.no_loads": "There are no loads yet.",
    "data.col_id": "No.",
    "data.col_when": "When",
    "data.col_by": "By",
    "data.col_format": "Format",
    "data.col_file": "File",
    "data.col_load_status": "Status",
    "data.status_active": "active",
    "data.status_undone": "undone ({when})",
    "data.undo_heading": "Undo a load",
    "data.undo_intro": "Undoing restores the database exactly to its state before the load: "
    "new values disappear, replaced values come back, and regions and indicators the load "
    "created are removed. If a later load replaced values of this load, undo that later load "
    "first.",
    "data.undo_none": "There are no active loads to undo.",
    "data.undo_select": "Load",
    "data.undo_option": "Load {id}: {file} ({when}, by {by})",
    "data.undo_confirm": "Yes, undo load {id}",
    "data.undo": "Undo",
    "data.undone": "Load {id} was undone. Every page shows the figures from before it.",
    "data.undo_refused": "Load {id} cannot be undone; nothing changed. The reason:",
    "data.templates_heading": "Templates and command line",
    "data.templates_intro": "Load your own figures as a long CSV: one row per indicator, region "
    "and period. The indicator catalogue lists the indicator ids, with unit and good "
    "direction; add an indicator of your own through that catalogue.",
    "data.template_long_csv": "Long CSV template",
    "data.template_indicators": "Indicator catalogue (CSV)",
    "data.columns_heading": "Columns of the long CSV",
    "data.col_column": "Column",
    "data.col_required": "Required",
    "data.col_meaning": "Meaning",
    "data.required": "required",
    "data.optional": "optional",
    "data.column.indicator": "Indicator id from the catalogue, for example arbeid.werkloosheid.",
    "data.column.region": "CBS code (GM0363, PV27, NL01), a numeric gemeente code (363) or a "
    "unique name (Amsterdam).",
    "data.column.period": "Year (2023), quarter (2023KW02), month (2023MM10) or provisional "
    "year (2023* or 2023**).",
    "data.column.value": "The number, with a decimal point or comma; empty or '.' is missing "
    "(never 0).",
    "data.column.ci_low": "Lower bound of the 95% confidence interval (survey figures).",
    "data.column.ci_high": "Upper bound of the 95% confidence interval.",
    "data.column.status": "definitief, voorlopig or nader voorlopig (also * and **).",
    "data.column.unit": "Unit as a check; must equal the catalogue's.",
    "data.cli_heading": "Command line",
    "data.cli_intro": "The same check and load work from the command line, with messages such "
    "as 'file.csv:12: error: not_a_number: …':",
    "data.cli.check": "check, write nothing",
    "data.cli.dry_run": "count: new, changed, unchanged",
    "data.cli.load": "load as one load",
    "data.cli.loads": "the loads, newest first",
    "data.cli.undo": "undo load 12",
    "data.cli_note": "The command line cannot write to the database while this app holds it "
    "open (DuckDB allows one writing process); load through this page instead.",
    "data.boundaries_heading": "Map boundaries",
    "data.boundaries_intro": "The maps on Vergelijken use these boundaries per level:",
    "data.boundaries_shipped": "{level}: shipped with bw, {year} boundaries ({n} areas). "
    "Source: CBS/PDOK (CC BY 4.0).",
    "data.boundaries_installed": "{level}: installed, {year} boundaries ({n} areas).",
    "data.boundaries_none": "{level}: no boundaries; Vergelijken shows the ranking only.",
    "data.boundaries_unusable": "{level}: the installed file cannot be used; Vergelijken shows "
    "the ranking only.",
    "data.boundaries_error": "Why the boundary file cannot be used: {error}",
    "data.boundaries_advice": "Other boundaries, such as a newer municipal division after "
    "mergers, are installed on the server from the command line. They go to {folder} and take "
    "precedence over the shipped ones for their level; with several years, the map takes the "
    "year closest to the data. A file of your own must be GeoJSON in WGS84, with the CBS code "
    "in the statcode property.",
    "data.boundaries.fetch": "fetch the 2026 municipal boundaries (CBS/PDOK)",
    "data.boundaries.fetch_pv": "fetch the 2026 province boundaries",
    "data.boundaries.file": "install a GeoJSON file you already have",
    "beleidscyclus.title": "Policy cycle",
    "beleidscyclus.body": "This page will follow the phases of the policy cycle, from agenda "
    "setting and analysis through design and implementation to evaluation, with questions, "
    "tips and the people involved in each phase. The result is an indicator plan: "
    "challenges, goals, activities and the indicators that track progress twice a year.",
    "beleidscyclus.source": "Based on 'Sturen op impact' by the Nationaal Netwerk Brede "
    "Welvaart (Dutch national network on broad well-being).",
    "cycle.intro": "Steering on impact (sturen op impact) means asking, in every phase of "
    "the policy cycle, what policy does for broad well-being here and now, elsewhere and "
    "later. Choose a phase for tips, examples, questions to ask, the people involved at each "
    "level of government and the part of this dashboard that helps.",
    "cycle.phase_choice": "Phase of the policy cycle",
    "cycle.iterative": "↻ the cycle is iterative: after evaluation it starts again, and in "
    "practice you also go back to an earlier phase.",
    "cycle.previous": "Previous: {phase}",
    "cycle.next": "Next: {phase}",
    "cycle.phase_invalid": "The phase '{value}' in the link does not exist; the first phase is "
    "shown.",
    "cycle.tips": "Tips",
    "cycle.examples": "Examples",
    "cycle.questions": "Questions to ask",
    "cycle.supports": "Help in this dashboard",
    "cycle.not_built": "{part}: not built yet. Planned: {how}",
    "cycle.stakeholders": "People involved per level of government",
    "cycle.none_listed": "none listed in the source",
    "cycle.matrix": "People involved per phase and level",
    "cycle.matrix_intro": "Who can play a key role in which phase, per level of government: a "
    "first picture drawn from examples in practice. Filter by phases and levels.",
    "cycle.filter_phases": "Phases",
    "cycle.filter_levels": "Levels of government",
    "cycle.col_phase": "Phase",
    "cycle.matrix_empty": "Choose at least one phase and one level.",
    "cycle.roles": "Key roles throughout the cycle",
    "cycle.roles_intro": "Three roles matter in every phase:",
    "cycle.lessons": "Other lessons",
    "monitor.theme": "Theme",
    "monitor.capital": "Capital",
    "monitor.indicator": "Indicator",
    "monitor.indicator_invalid": "The indicator '{value}' in the link does not exist (or not "
    "on this page). Showing the first indicator instead.",
    "monitor.no_assessment": "No indicators can be judged for {region}: the region is not (or "
    "no longer) in the database.",
    "monitor.assessment_failed": "The indicators of {region} could not be judged: {error}",
    "monitor.no_indicators_dimension": "The database holds no indicators for this dimension yet.",
    "monitor.theme_table": "All indicators of {theme} in one table",
    "monitor.theme_table_alt": "Indicators of the chosen theme with status, trend and position",
    "monitor.unit": "unit: {unit}",
    "monitor.value_in": "Value {period}",
    "monitor.rank_in": "Rank in {year}",
    "monitor.value_help": "Latest known value; * = provisional figure. The difference below is "
    "the change since the previous available period: the arrow shows whether the number rose "
    "or fell, the colour whether that is good.",
    "monitor.since": "since {year}",
    "monitor.minimum_help": "The floor the council set: worse than this is not accepted. "
    "Empty (–) when there is no minimum.",
    "monitor.ambition_help": "What the council aims for, possibly by a target year. Empty (–) "
    "when there is no ambition.",
    "monitor.chart_note": "Open circles are provisional figures; a band is the 95% confidence "
    "interval. Targets are dashed lines with their name. The same figures are in the Table tab.",
    "monitor.projection_note": "The dashed line is a projection of the trend (Theil–Sen), not "
    "an observation.",
    "monitor.projection_heading": "Projection (not observations)",
    "monitor.series_alt": "{indicator} per year, with the comparison regions",
    "monitor.sum_no_references": "This is a count: the Netherlands, the province and similar "
    "municipalities are no meaningful comparison and are therefore not in the chart.",
    "unit.percentage_points": "percentage points",
    "rank.of": "{rank} of {n}",
    "rank.of_in": "{rank} of {n} (in {year})",
    "reference.nl": "Netherlands",
    "reference.peer": "Similar municipalities",
    "target.minimum": "Minimum",
    "target.ambition": "Ambition",
    "target.target_year": "Target year",
    "judgement.status": "Status",
    "judgement.trend": "Trend",
    "judgement.position": "Position",
    "judgement.progress": "Progress towards the target year",
    "status.no_data": "There is no value for {region}.",
    "status.no_target": "No target has been set (yet) for this indicator in {region}. A "
    "minimum and an ambition can be set on the Targets page.",
    "status.above_ceiling": "{value} is above the ceiling of {ceiling}.",
    "status.better_than_minimum": "{value} is {distance} better than the minimum of {minimum}.",
    "status.worse_than_minimum": "{value} is {distance} worse than the minimum of {minimum}.",
    "status.at_minimum": "{value} is exactly at the minimum of {minimum}.",
    "status.ambition_reached": "The ambition of {ambition} has been reached.",
    "status.ambition_not_reached": "The ambition of {ambition} has not been reached yet.",
    "status.gap_share": "{share} of the way from the minimum to the ambition of {ambition} "
    "has been covered.",
    "status.target_year": "Target year: {year}.",
    "trend.no_data": "No data, so no trend.",
    "trend.insufficient": "Too little data for a trend: fewer than {points} values in the last "
    "{years} years.",
    "trend.slope": "On average {slope} per year over {first}–{last} (least-squares line, p = {p}).",
    "trend.stable_note": "That change is not significant or too small to call a trend.",
    "trend.recent": "Latest change: {change} ({relative}) since {previous}.",
    "trend.recent_overlap": "The 95% intervals overlap: that is no demonstrable change.",
    "position.no_data": "No data, so no position.",
    "position.is_nl": "The Netherlands is the reference itself and has no rank.",
    "position.group": "A region group has no rank; compare its members on the Compare page.",
    "position.not_ranked": "No rank in this year.",
    "position.rank": "Rank {rank} among the {regions} ({quartile}; 1 = best).",
    "position.rank_neutral": "Rank {rank} among the {regions} ({quartile}; 1 = highest value, "
    "no judgement).",
    "position.compared": "Difference with {comparisons}.",
    "position.compared_in": "Difference in {year} with {comparisons}.",
    "position.no_comparison": "No comparison with the Netherlands or the province possible.",
    "position.over": "Position in {year}: for {latest}, {n_latest} of {n} {regions} have a "
    "value.",
    "position.no_value_in_period": "No position: the {regions} are compared in {year}, and this "
    "region has no value then.",
    "position.no_period": "No position: in none of the last {years} years do at least {share} "
    "of the {regions} have a value.",
    "progress.no_target_year": "No target year set, so no progress judgement.",
    "progress.none": "No progress judgement: a target or a value is missing.",
    "progress.class": "On the way to the target value in {year}.",
    "progress.ratio": "Growth per year is {ratio} times the growth needed to reach the target "
    "value in time (from 0.95 times on, that is on track).",
    "projection.minimum_met": "The minimum has already been met.",
    "projection.minimum_in": "According to the projection the minimum is reached in {year}.",
    "projection.minimum_not_before": "According to the projection the minimum is not reached "
    "before {year}.",
    "projection.minimum_unknown": "No projection: too little data.",
    "projection.value": "Projection for {year}: {value} (range {band}); this extends the "
    "trend, it is not an observation.",
    "group.members": "Region group of {n} members; values are summed or weighted by population.",
    "group.coverage": "Coverage {share} of the population.",
    "group.coverage_range": "Coverage {low} to {high} of the population, per indicator.",
    "group.missing": "{n} indicators have no group value (not aggregable, or less than 80% of "
    "the population covered).",
    "method.heading": "Method and source",
    "method.body": "- **Status**: the latest value against the minimum and the ambition the "
    "council set. Below the minimum means worse than the minimum (equal counts as met); for "
    "'lower is better' everything is mirrored.\n"
    "- **Trend**: a straight line (least squares) through the values of the last {window} "
    "years, with at least {points} values. Improving or worsening only when the slope is "
    "significant (p < {p}) and the change over the window is at least {materiality} of the "
    "mean; otherwise stable. The arrow shows whether the number rises, the word whether that "
    "is good.\n"
    "- **Position**: rank among regions of the same level (1 = best), with the best and worst "
    "quarter (without a good direction: the highest and lowest quarter). Rank, quarter and "
    "differences are those of the comparison year: the latest year in which at least "
    "{comparison} of the regions that had a value in the last {window} years have one. Within "
    "±{band} of the Netherlands, the province or similar municipalities is comparable; for "
    "survey figures: when the 95% intervals overlap.\n"
    "- **Progress** (Later): observed growth since the base year divided by the growth needed "
    "to reach the target in the target year (Eurostat / Open SDG method). R ≥ {on_track} on "
    "track, {acceleration} to {on_track} acceleration needed, 0 to {acceleration} limited "
    "progress, below 0 moving away from the target.\n"
    "- **Projection**: a Theil–Sen line (median of the slopes) through the trend window, "
    "extended to the target year; the minimum is looked for up to {horizon}.\n"
    "- **Region groups**: summed or weighted by population; a group value only with at least "
    "{coverage} of the population covered.",
    "method.source": "Source: {source}.",
    "method.load": "The value of {period} comes from load {load}: {source} (see the Data page).",
    "method.more": "The full description is in docs/methods.md.",
    "tab.chart": "Chart",
    "tab.table": "Table",
    "tab.map": "Map",
    "tab.ranking": "Ranking",
    "col.dimension": "Dimension",
    "col.theme": "Theme",
    "col.status": "Status",
    "col.status_help": "Latest value against the targets: ✖ below minimum, ◐ above minimum, "
    "★ ambition reached, ○ no target.",
    "col.trend": "Trend",
    "col.trend_help": "Over the last eight years. The arrow shows whether the number rises (↑), "
    "falls (↓) or does not change significantly (→); the word says whether that is good.",
    "col.rank": "Rank",
    "col.rank_help": "Rank among regions of the same level; 1 = best. In brackets the "
    "comparison year when the value itself is newer: rank, quarter and the difference with the "
    "Netherlands are those of the latest year in which at least 80% of the regions have a value.",
    "col.vs_nl": "Vs the Netherlands",
    "col.vs_nl_help": "Difference with the Netherlands in percent; within ±5% is comparable.",
    "col.quartile": "Quartile",
    "col.series": "Over time",
    "col.series_help": "The values per year, oldest first (no axis: only the shape).",
    "col.publication": "Publication status",
    "col.band": "Range",
    "publication.definitief": "final",
    "publication.voorlopig": "provisional",
    "publication.nader_voorlopig": "revised provisional",
    "download.csv": "Download as CSV",
    "download.csv_overview": "Table as CSV",
    "download.factsheet": "Factsheet",
    "download.factsheet_help": "A printable page (HTML) with the main points for this region.",
    "csv.region_code": "region code",
    "csv.region": "Region",
    "csv.indicator_id": "indicator id",
    "csv.year": "Year",
    "csv.publication_status": "publication status",
    "csv.ci_low": "lower bound 95%",
    "csv.ci_high": "upper bound 95%",
    "csv.slope": "slope per year",
    "csv.p_value": "p-value",
    "csv.rank": "rank",
    "csv.n": "number ranked",
    "csv.comparison_period": "comparison year",
    "csv.vs_nl": "difference with the Netherlands (fraction)",
    "csv.coverage": "population coverage (fraction)",
    "csv.origin": "origin",
    "csv.origin_source": "source",
    "csv.origin_aggregated": "computed from municipal figures",
    "csv.missing_reason": "reason no newer value",
    "csv.cbs_code": "CBS code",
    "csv.source": "source",
    "csv.load": "load",
    "csv.projection": "Projection",
    "csv.band_low": "projection lower bound",
    "csv.band_high": "projection upper bound",
    "csv.selected": "selected region",
    "levels.NL": "countries",
    "levels.LD": "parts of the country",
    "levels.PV": "provinces",
    "levels.CR": "COROP regions",
    "levels.GM": "municipalities",
    "levels.WK": "districts",
    "levels.BU": "neighbourhoods",
    "levels.group": "region groups",
    "overzicht.n_indicators": "{n} indicators",
    "overzicht.dimension_empty": "This database has no indicators for it; the page explains "
    "why and what there is instead.",
    "overzicht.trend_heading": "Trend (last eight years):",
    "overzicht.trend_neutral": "↕ rises or falls (no judgement)",
    "overzicht.matrix_heading": "Status per theme",
    "overzicht.matrix_title": "Number of indicators per theme and status",
    "overzicht.matrix_note": "An indicator that counts for several themes is in each of them. "
    "The same counts are in the Table tab.",
    "overzicht.table_heading": "All indicators",
    "overzicht.table_hint": "Click a column header to sort. Choose a row (the box on the left) "
    "to see the indicator in detail below.",
    "overzicht.table_alt": "All indicators of {region} with value, status, trend and position",
    "overzicht.open_page": "Open on the {page} page",
    "overzicht.not_ranked_NL": "The Netherlands is the reference itself: no rank and no "
    "difference with the Netherlands.",
    "overzicht.comparison_note": "Rank and difference with the Netherlands in {year}: for "
    "{latest}, {n_latest} of {n} {regions} have a value ({indicators}).",
    "overzicht.not_ranked_group": "Region groups have no rank; their values are summed or "
    "weighted by population.",
    "vergelijken.level": "Level",
    "vergelijken.level_invalid": "The level '{value}' in the link does not exist in this "
    "database (available: {levels}). Showing the default level instead.",
    "vergelijken.no_ranking": "There are no values of {regions} for {indicator} ({year}).",
    "vergelijken.year": "Year",
    "vergelijken.year_help": "The year of the comparison; by default the comparison year: the "
    "latest year in which at least 80% of the regions of this level have a value. Newer years "
    "can be chosen, with fewer regions.",
    "vergelijken.latest_year": "latest",
    "vergelijken.comparison_year": "comparison year ({year})",
    "vergelijken.comparison_caption": "{year} is the comparison year: the latest year in which "
    "at least {share} of the {regions} have a value.",
    "vergelijken.newer_caption": "For {latest}, {n_latest} of {n} {regions} have a value; "
    "choose {latest} under Year to see them.",
    "vergelijken.caption": "{n} {regions} with a value in {year}.",
    "vergelijken.filter": "Compare with",
    "vergelijken.filter_help": "Limit the map, the ranking and the table to a group. The rank "
    "stays the rank among all regions of the level.",
    "vergelijken.filter_all": "all {regions}",
    "vergelijken.filter_peer": "similar municipalities (same size class and urbanity)",
    "vergelijken.filter_province": "in the province of {province}",
    "vergelijken.filter_group": "region group {group}",
    "vergelijken.filtered": "Shown: {shown} of the {total} {regions}; the rank is the rank "
    "among all {regions}.",
    "vergelijken.filter_empty": "No region of this group has a value.",
    "vergelijken.figure_title": "{indicator}, {year}",
    "vergelijken.no_map": "No map is available for this level; the ranking is shown below as "
    "a bar chart.",
    "vergelijken.map_source": "Boundaries source: CBS/PDOK (CC BY 4.0)",
    "vergelijken.map_source_year": "Boundaries source: CBS/PDOK (CC BY 4.0), {year} boundaries.",
    "vergelijken.map_note": "Darker is better; white is no data. The same figures are in the "
    "Table tab.",
    "vergelijken.marker_help": "▶ = the selected region",
    "vergelijken.own_value": "For comparison: {region} has {value} ({period}).",
    "vergelijken.map_all": "The map shows every municipality; the choice above applies to the "
    "ranking and the table.",
    "vergelijken.table_alt": "Ranking of the regions with value and quartile",
    "vergelijken.not_in_table": "{region} is not in this comparison (another level or outside "
    "the chosen group).",
    # streefwaarden page (targets)
    "targets.no_region": "First choose a region in the sidebar.",
    "targets.no_indicators": "No indicators are available for this region.",
    "targets.ceiling": "Ceiling",
    "targets.baseline_year": "Baseline year",
    "targets.indicator_id": "Code",
    "targets.choose_indicator": "Indicator to view or change",
    "targets.indicator_caption": "Unit: {unit}. Good direction: {direction}. Now: {status}.",
    "targets.references": "For comparison (not imposed)",
    "targets.references_help": "These values help in choosing a target; the council decides. "
    "The year is in brackets.",
    "targets.ref_current": "Current value",
    "targets.ref_nl": "The Netherlands",
    "targets.ref_province": "Province",
    "targets.ref_peer_median": "Similar municipalities (median)",
    "targets.ref_best_quartile": "Threshold of the best quarter",
    "targets.ref_peer_note": "— median of {n} municipalities of the same size class and "
    "urbanity",
    "targets.ref_quartile_note": "— the value at rank {rank} of {n}",
    "targets.ref_none": "No comparison values available.",
    "targets.read_only": "This instance is read-only: targets can be viewed here, not changed.",
    "targets.form_title": "Set a target (new version)",
    "targets.field_minimum": "Minimum ({unit})",
    "targets.field_ambition": "Ambition ({unit})",
    "targets.field_ceiling": "Ceiling ({unit})",
    "targets.field_minimum_help": "The floor: the council does not accept worse. May be empty.",
    "targets.field_ambition_help": "What the council aims for. May be empty.",
    "targets.field_ceiling_help": "An upper limit (as in the doughnut model). Usually empty.",
    "targets.field_target_year": "Target year",
    "targets.field_baseline_year": "Baseline year",
    "targets.field_rationale": "Rationale",
    "targets.field_source": "Source",
    "targets.field_source_detail": "Source, detail (e.g. 2022–2026)",
    "targets.field_by": "Set by (name)",
    "targets.source_coalitieakkoord": "coalition agreement",
    "targets.source_programmabegroting": "programme budget",
    "targets.source_raadsbesluit": "council decision",
    "targets.source_anders": "other",
    "targets.save": "Save",
    "targets.need_by": "Fill in who sets the target.",
    "targets.not_saved": "Nothing has been saved.",
    "targets.save_failed": "Saving failed, nothing was changed: {error}",
    "targets.saved": "The target for {indicator} has been saved as a new version.",
    "targets.history": "History of this target",
    "targets.no_history": "No target has ever been set for this indicator in this region.",
    "targets.col_version": "Version",
    "targets.col_when": "When",
    "targets.col_by": "By",
    "targets.col_retracted": "Retracted",
    "targets.retracted": "retracted",
    "targets.restore_choice": "Version",
    "targets.version": "version {n}",
    "targets.restore": "Restore this version",
    "targets.retract": "Retract",
    "targets.restored": "Version {n} has been restored as the newest version.",
    "targets.retracted_done": "The target has been retracted; its history is kept.",
    # programmes: indicatorenplan and voortgang (en)
    'streefwaarden.tab_targets': 'Targets',
    'streefwaarden.tab_plan': 'Indicator plan',
    'streefwaarden.tab_progress': 'Progress',
    'programme.none': 'There is no programme in the database yet.',
    'programme.choose': 'Programme',
    'programme.plan_title': 'Indicator plan',
    "programme.plan_body": (
        "Per programme: challenges (with impact indicators), SMART goals (with their indicator "
        "and target value) and activities. Challenges, goals, activities and progress are kept "
        "apart (after Sturen op Impact)."
    ),
    'programme.owner': 'owner',
    'programme.opgave': 'Challenge',
    'programme.doel': 'Goal',
    'programme.impact_indicators': 'Impact indicators',
    'programme.outcome_indicators': 'Extra outcome indicators',
    'programme.no_indicators': 'none linked',
    "programme.doel_details": (
        "Indicator: {indicator}; target value {target} in {year}; owner: {owner}"
    ),
    'programme.no_activities': 'No activities yet.',
    'programme.done': 'done',
    'programme.budget': 'budget',
    "programme.read_only": (
        "This instance is read-only: the indicator plan cannot be built and activities cannot "
        "be updated here."
    ),
    'programme.update_title': 'Update an activity',
    'programme.activity': 'Activity',
    'programme.status': 'Status',
    'programme.share': 'Done (%)',
    'programme.update_submit': 'Save progress',
    'programme.updated': "The progress of '{title}' has been saved.",
    'programme.new_title': 'Add an activity',
    'programme.activity_title': 'Name of the activity',
    'programme.budget_input': 'Budget (euro, optional)',
    'programme.new_submit': 'Add activity',
    'programme.added': "Activity '{title}' has been added.",
    'programme.title_required': 'Give the activity a name.',
    'programme.save_failed': 'Saving failed: {error}',
    'programme.progress_title': 'Progress report',
    "programme.progress_body": (
        "Twice a year in the planning & control cycle: activities, goals against their target "
        "and, separately, the indicators of the challenges."
    ),
    'programme.download_html': 'Download report (HTML, printable)',
    'programme.download_csv': 'Download table (CSV)',
    'programme.table': 'The report as a table',
    # programmes: building the indicatorenplan (en)
    'programme.build_title': 'Build the indicator plan',
    'programme.create_title': 'Create a programme',
    'programme.name': "Programme's name",
    'programme.kind': 'Kind of programme',
    'programme.owner_input': 'Owner (optional)',
    'programme.start_year': 'Start year (optional)',
    'programme.end_year': 'End year (optional)',
    'programme.regions': 'Region(s) or region group(s)',
    'programme.description': 'Description (optional)',
    'programme.create_submit': 'Create programme',
    'programme.created': "Programme '{name}' has been created.",
    'programme.name_required': 'Give the programme a name; nothing was saved.',
    "programme.years_order": (
        "The end year ({end}) is before the start year ({start}); nothing was saved."
    ),
    'programme.regions_label': 'regions',
    'programme.no_opgaven': 'No challenges yet.',
    'programme.moments': 'Measurement moments',
    'programme.no_moments': 'No measurement moments yet.',
    'programme.opgave_new_title': 'Add a challenge (opgave)',
    'programme.opgave_title': "Challenge's title",
    'programme.opgave_description': 'Description (optional)',
    'programme.impact_input': 'Impact indicators',
    'programme.opgave_submit': 'Add challenge',
    'programme.opgave_added': "Challenge '{title}' has been added.",
    'programme.opgave_title_required': 'Give the challenge a title; nothing was saved.',
    "programme.need_opgave": (
        "Add a challenge first; then you can link indicators and goals to it."
    ),
    'programme.link_title': 'Link impact indicators to a challenge',
    'programme.link_submit': 'Link indicators',
    'programme.linked': "{n} indicator(s) linked to '{title}'.",
    'programme.indicators_required': 'Choose at least one indicator; nothing was saved.',
    'programme.doel_new_title': 'Add a goal (SMART)',
    "programme.smart_advice": (
        "Make the goal SMART: specific, measurable, assignable, realistic and time-bound. "
        "The check is advice: an incomplete goal may be saved; it is then flagged."
    ),
    "programme.doel_text": (
        "Goal's text (specific: what changes, for whom and by how much?)"
    ),
    'programme.doel_indicator': 'Indicator (measurable)',
    'programme.target_value': "Target value (measurable, in the indicator's unit)",
    'programme.target_year': 'Target year (time-bound)',
    'programme.doel_owner': 'Owner (assignable)',
    'programme.feasibility': 'Note on feasibility (realistic)',
    'programme.doel_check': 'Check SMART',
    'programme.doel_submit': 'Save goal',
    'programme.doel_text_required': 'Give the goal a text; nothing was saved.',
    'programme.doel_added': "Goal '{text}' has been added.",
    "programme.doel_incomplete": (
        "The goal has been saved but is not SMART yet; please complete it. {summary}"
    ),
    'programme.moment_new_title': 'Add a measurement moment',
    'programme.moment_date': 'Date',
    'programme.moment_label': 'Label (e.g. Progress report spring 2026)',
    'programme.moment_submit': 'Add measurement moment',
    'programme.moment_added': "Measurement moment '{label}' on {date} has been added.",
    'programme.date_required': 'Choose a date; nothing was saved.',
    'programme.label_required': 'Give the measurement moment a label; nothing was saved.',
}

def _with_feature_strings(nl: dict[str, str], en: dict[str, str]) -> dict[str, dict[str, str]]:
    """The core strings plus each ``ui/strings/*.py`` module's ``NL`` and ``EN`` tables.

    A feature (workshops, login, …) keeps its strings beside its page; a key defined twice
    is a bug, so it fails at import rather than silently shadowing another string.
    """
    merged = {"nl": dict(nl), "en": dict(en)}
    for info in sorted(pkgutil.iter_modules(strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{strings.__name__}.{info.name}")
        for lang, table in (("nl", module.NL), ("en", module.EN)):
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise KeyError(f"ui/strings/{info.name}.py redefines {sorted(clash)}")
            merged[lang].update(table)
    return merged


#: Every UI string per language.
STRINGS: dict[str, dict[str, str]] = _with_feature_strings(_NL, _EN)


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
