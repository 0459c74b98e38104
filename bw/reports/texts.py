"""Every text of the printable reports, Dutch and English, in one place.

One dict per report, keyed by language; ``{name}`` fields are filled by the report.
"""

from __future__ import annotations

from typing import TypeAlias

#: One report's texts: language -> key -> text ('nl' -> 'title' -> 'Factsheet brede welvaart').
ReportTexts: TypeAlias = dict[str, dict[str, str]]

#: The line that says when and with what a report was made (the effect report adds who).
_MADE: dict[str, str] = {
    "nl": "Gemaakt op {date} met bw, het brede welvaart dashboard.",
    "en": "Made on {date} with bw, the broad well-being dashboard.",
}

#: The factsheet's texts (bw.reports.factsheet).
FACTSHEET: ReportTexts = {
    "nl": {
        "title": "Factsheet brede welvaart",
        "demo": "Demodata (fictief): alle cijfers en streefwaarden zijn verzonnen.",
        "cbs": "Bron: CBS (CC BY 4.0), Regionale Monitor Brede Welvaart; 'berekend' = berekend "
        "uit gemeentecijfers, geen CBS-cijfer.",
        "made": _MADE["nl"],
        "period": "Laatst bekende waarden; * = voorlopig.",
        "headline": "Per dimensie",
        "dimension": "Dimensie",
        "indicators": "Indicatoren",
        "hier_en_nu": "Hier en nu",
        "later": "Later",
        "elders": "Elders",
        "below": "Onder het minimum",
        "below_none": "Geen indicator zit onder het minimum dat is vastgesteld.",
        "indicator": "Indicator",
        "value": "Waarde",
        "minimum": "Minimum",
        "ambition": "Ambitie",
        "trend": "Trend",
        "changes": "Grootste verbeteringen en verslechteringen",
        "changes_note": "Significante trends over de laatste acht jaar, als verandering per jaar "
        "in procenten van de laatste waarde.",
        "improving": "Verbeteringen",
        "worsening": "Verslechteringen",
        "none": "Geen.",
        "position": "Positie",
        "position_note": "Vergeleken met {peer}: aantal indicatoren.",
        "peer_gm": "vergelijkbare gemeenten (zelfde grootteklasse en stedelijkheid)",
        "peer_nl": "Nederland",
        "best": "In het beste kwart",
        "worst": "In het slechtste kwart",
        "rank": "Rang",
        "rank_of": "{rank} van {n}",
        "rank_of_in": "{rank} van {n} (over {year})",
        "sources": "Bronnen en methode",
        "method": (
            "Status: laatste waarde tegenover het minimum en de ambitie van de raad. Trend: "
            "kleinste-kwadratenlijn over de laatste acht jaar; een verandering telt bij p < 0,05 "
            "én minstens 1% van het gemiddelde. Positie: rang onder regio's van hetzelfde niveau "
            "in het vergelijkingsjaar (het nieuwste jaar waarin minstens 80% van hen een waarde "
            "heeft); binnen ±5% van de referentie heet vergelijkbaar (bij enquêtecijfers: "
            "overlappende 95%-intervallen). Voortgang: waargenomen tegenover benodigde groei naar "
            "het doeljaar (methode Eurostat/Open SDG)."
        ),
        "loads": "Ladingen (herkomst van de laatste waarden): {loads}.",
        "coverage": "Regiogroep van {n} leden; waarden gewogen naar inwonertal.",
        "example_mark": "(voorbeeld-streefwaarde)",
        "example_note": "{n} van deze oordelen gebruiken een voorbeeld-streefwaarde: voorbeeld, "
        "niet vastgesteld door de gemeente.",
        "more": "En nog {n}; alle indicatoren staan in het Overzicht van de app.",
    },
    "en": {
        "title": "Broad well-being factsheet",
        "demo": "Demo data (fictional): all figures and targets are made up.",
        "cbs": "Source: CBS (CC BY 4.0), Regional Monitor of Well-being; 'computed' = computed "
        "from municipal figures, not a CBS figure.",
        "made": _MADE["en"],
        "period": "Latest known values; * = provisional.",
        "headline": "Per dimension",
        "dimension": "Dimension",
        "indicators": "Indicators",
        "hier_en_nu": "Here and now",
        "later": "Later",
        "elders": "Elsewhere",
        "below": "Below the minimum",
        "below_none": "No indicator is below a minimum that was set.",
        "indicator": "Indicator",
        "value": "Value",
        "minimum": "Minimum",
        "ambition": "Ambition",
        "trend": "Trend",
        "changes": "Biggest improvements and deteriorations",
        "changes_note": "Significant trends over the last eight years, as change per year in "
        "percent of the latest value.",
        "improving": "Improvements",
        "worsening": "Deteriorations",
        "none": "None.",
        "position": "Position",
        "position_note": "Compared with {peer}: number of indicators.",
        "peer_gm": "similar municipalities (same size class and urbanity)",
        "peer_nl": "the Netherlands",
        "best": "In the best quarter",
        "worst": "In the worst quarter",
        "rank": "Rank",
        "rank_of": "{rank} of {n}",
        "rank_of_in": "{rank} of {n} (in {year})",
        "sources": "Sources and method",
        "method": (
            "Status: latest value against the council's minimum and ambition. Trend: least-squares "
            "line over the last eight years; a change counts when p < 0.05 and at least 1% of the "
            "mean. Position: rank among regions of the same level in the comparison year (the "
            "latest year in which at least 80% of them have a value); within ±5% of the reference "
            "is comparable (survey data: overlapping 95% intervals). Progress: observed versus "
            "required growth towards the target year (Eurostat/Open SDG method)."
        ),
        "loads": "Loads (provenance of the latest values): {loads}.",
        "coverage": "Region group of {n} members; values weighted by population.",
        "example_mark": "(example target)",
        "example_note": "{n} of these verdicts use an example target: an example, not set by "
        "the council.",
        "more": "And {n} more; every indicator is in the app's Overview.",
    },
}

#: The voortgangsrapportage's texts (bw.reports.progress).
PROGRESS: ReportTexts = {
    "nl": {
        "title": "Voortgangsrapportage",
        "demo": "Demodata (fictief): het programma, de doelen, activiteiten en cijfers zijn "
        "verzonnen.",
        "made": _MADE["nl"],
        "kind": "Soort",
        "owner": "Eigenaar",
        "period": "Looptijd",
        "regions": "Regio's",
        "moments": "Meetmomenten",
        "last_moment": "laatste: {m}",
        "next_moment": "volgende: {m}",
        "none": "geen",
        "intro": "Deze rapportage houdt opgaven, doelen, activiteiten en voortgang uit elkaar: "
        "afgeronde activiteiten en gehaalde doelen zeggen nog niet dat de opgave "
        "beweegt.",
        "activities": "1. Activiteiten (output)",
        "activities_summary": "{n} activiteiten: {counts}. Gemiddeld {share}% gereed "
        "(gestopte niet meegeteld). Budget {budget}.",
        "opgave": "Opgave",
        "doel": "Doel",
        "activiteit": "Activiteit",
        "status": "Status",
        "share": "Gereed",
        "budget": "Budget",
        "goals": "2. Doelen (outcome) tegen hun streefwaarde",
        "indicator": "Indicator",
        "region": "Regio",
        "value": "Huidige waarde",
        "target": "Streefwaarde",
        "verdict": "Oordeel",
        "trend": "Trend",
        "smart": "SMART",
        "impact": "3. Opgaven (impact): de indicatoren van de opgave, apart gerapporteerd",
        "impact_none": "Aan deze opgave is geen impactindicator gekoppeld.",
        "signals": "4. Signalen",
        "signal_stuck": "Let op bij '{opgave}': activiteiten afgerond, doelen gehaald, maar de "
        "opgave beweegt niet ({indicators}). Herzie de beleidstheorie: dragen "
        "deze doelen wel bij aan de opgave?",
        "signal_none": "Geen signalen: bij geen opgave zijn de activiteiten klaar en de doelen "
        "gehaald terwijl de opgave stilstaat of verslechtert.",
        "method": "Oordeel: de laatste waarde van de indicator van het doel tegenover de "
        "streefwaarde, rekening houdend met de goede richting. Trend: over de laatste "
        "acht jaar (als in het dashboard). 'Grotendeels afgerond': gemiddeld minstens "
        "{share}% gereed.",
        "source": "Opzet naar Sturen op Impact (Nationaal Netwerk Brede Welvaart, NEIMED, Zuyd "
        "Hogeschool, Open Universiteit); cijfers: CBS, Regionale Monitor Brede "
        "Welvaart.",
        "met": "✓ gehaald",
        "not_met": "✖ niet gehaald",
        "no_verdict": "○ geen oordeel",
    },
    "en": {
        "title": "Progress report",
        "demo": "Demo data (fictional): the programme, goals, activities and figures are made up.",
        "made": _MADE["en"],
        "kind": "Kind",
        "owner": "Owner",
        "period": "Period",
        "regions": "Regions",
        "moments": "Measurement moments",
        "last_moment": "last: {m}",
        "next_moment": "next: {m}",
        "none": "none",
        "intro": "This report keeps challenges, goals, activities and progress apart: completed "
        "activities and goals met do not yet mean the challenge moves.",
        "activities": "1. Activities (output)",
        "activities_summary": "{n} activities: {counts}. On average {share}% done (stopped "
        "ones left out). Budget {budget}.",
        "opgave": "Challenge",
        "doel": "Goal",
        "activiteit": "Activity",
        "status": "Status",
        "share": "Done",
        "budget": "Budget",
        "goals": "2. Goals (outcome) against their target",
        "indicator": "Indicator",
        "region": "Region",
        "value": "Current value",
        "target": "Target value",
        "verdict": "Verdict",
        "trend": "Trend",
        "smart": "SMART",
        "impact": "3. Challenges (impact): the challenge's indicators, reported separately",
        "impact_none": "No impact indicator is linked to this challenge.",
        "signals": "4. Signals",
        "signal_stuck": "Note on '{opgave}': activities completed, goals met, but the challenge "
        "does not move ({indicators}). Revisit the policy theory: do these goals "
        "contribute to the challenge?",
        "signal_none": "No signals: for no challenge are the activities done and the goals met "
        "while the challenge stands still or worsens.",
        "method": "Verdict: the latest value of the goal's indicator against the target value, "
        "direction-aware. Trend: over the last eight years (as in the dashboard). "
        "'Mostly done': at least {share}% done on average.",
        "source": "Structure after Sturen op Impact (Nationaal Netwerk Brede Welvaart, NEIMED, "
        "Zuyd Hogeschool, Open Universiteit); figures: CBS, Regional Monitor of Broad "
        "Well-being.",
        "met": "✓ met",
        "not_met": "✖ not met",
        "no_verdict": "○ no verdict",
    },
}

#: The voortgangsrapportage's sections, as its CSV table names them in the ``section`` column.
PROGRESS_SECTIONS: ReportTexts = {
    "nl": {
        "activiteit": "activiteit",
        "doel": "doel",
        "opgave_indicator": "opgave-indicator",
        "signaal": "signaal",
    },
    "en": {
        "activiteit": "activity",
        "doel": "goal",
        "opgave_indicator": "challenge indicator",
        "signaal": "signal",
    },
}

#: The effect report's texts (bw.reports.effect).
EFFECT: ReportTexts = {
    "nl": {
        "title": "Effectrapport",
        "demo": "Demodata (fictief): de opties, effecten en cijfers zijn verzonnen.",
        "made": "Gemaakt op {date} door {who} met bw, het brede welvaart dashboard.",
        "region": "Regio",
        "question": "Vraag",
        "changed": "Laatst gewijzigd",
        "changed_value": "{date} door {who}",
        "data_year": "Gegevens tot en met",
        "options": "Opties",
        "summary": "Samenvatting per optie",
        "flags": "⚠ minimum in gevaar",
        "notes": "△ verslechtering op indicator met minimum",
        "effects": "Effecten",
        "dimension_intro": "Indicatoren die bij een thema van {dim} horen. 'Nu/later' en "
        "'hier/elders' zeggen wanneer en waar de opstellers het effect "
        "verwachten.",
        "indicator": "Indicator",
        "when_where": "Wanneer, waar",
        "value": "Huidige waarde",
        "minimum": "Minimum",
        "none_in_dimension": "Geen verwachte effecten in deze dimensie.",
        "flag_title": "Signalen: minimum in gevaar",
        "flag_none": "Geen optie brengt naar verwachting een indicator onder zijn minimum.",
        "flag_line": "{flag}: {option} — {indicator} ({when}): {detail}",
        "detail_change": "nu {value}, verwacht {expected}, minimum {minimum}",
        "detail_size": "nu {value}, minimum {minimum}, verwacht effect {size}",
        "too_few": "Deze set heeft minder dan twee opties: er valt nog niets te vergelijken.",
        "method": "Verwachte effecten zijn inschattingen van de opstellers (richting ten "
        "opzichte van de goede richting van de indicator, grootte, vertrouwen), geen "
        "voorspellingen. Signaal: met een verwachte verandering telt de huidige waarde "
        "plus die verandering tegenover het huidige minimum; zonder getal is een "
        "verslechtering een risico als de marge tot het minimum ten hoogste 2% "
        "(klein), 5% (middel) of 10% (groot) van de huidige waarde is (methods.md §7).",
        "source": "Opzet naar Sturen op Impact (Nationaal Netwerk Brede Welvaart); cijfers: "
        "CBS, Regionale Monitor Brede Welvaart.",
        "empty": "–",
    },
    "en": {
        "title": "Effect report",
        "demo": "Demo data (fictional): the options, effects and figures are made up.",
        "made": "Made on {date} by {who} with bw, the broad well-being dashboard.",
        "region": "Region",
        "question": "Question",
        "changed": "Last changed",
        "changed_value": "{date} by {who}",
        "data_year": "Data up to",
        "options": "Options",
        "summary": "Summary per option",
        "flags": "⚠ minimum at risk",
        "notes": "△ worsens an indicator with a minimum",
        "effects": "Effects",
        "dimension_intro": "Indicators of a theme of {dim}. 'Now/later' and "
        "'here/elsewhere' say when and where the authors expect the effect.",
        "indicator": "Indicator",
        "when_where": "When, where",
        "value": "Current value",
        "minimum": "Minimum",
        "none_in_dimension": "No expected effects in this dimension.",
        "flag_title": "Signals: minimum at risk",
        "flag_none": "No option is expected to push an indicator below its minimum.",
        "flag_line": "{flag}: {option} — {indicator} ({when}): {detail}",
        "detail_change": "now {value}, expected {expected}, minimum {minimum}",
        "detail_size": "now {value}, minimum {minimum}, expected effect {size}",
        "too_few": "This set has fewer than two options: nothing to compare yet.",
        "method": "Expected effects are the authors' estimates (direction relative to the "
        "indicator's good direction, size, confidence), not forecasts. Signal: with an "
        "expected change, the current value plus that change is set against the "
        "current minimum; without a number, a worsening is a risk when the margin to "
        "the minimum is at most 2% (small), 5% (medium) or 10% (large) of the current "
        "value (methods.md §7).",
        "source": "Approach after Sturen op Impact (Nationaal Netwerk Brede Welvaart); figures: "
        "CBS, Regional Monitor of Broad Well-being.",
        "empty": "–",
    },
}

#: The workshop report's texts (bw.reports.workshop).
WORKSHOP: ReportTexts = {
    "nl": {
        "title": "Workshopverslag",
        "demo": "Demodata (fictief): de regio en de cijfers in "
        "deze database zijn verzonnen; de argumenten komen uit de workshop.",
        "case": "De casus",
        "region": "Regio",
        "phase": "Fase",
        "date": "Datum",
        "facilitator": "Begeleider",
        "code": "Code",
        "status": "Status",
        "open": "nog open (concept)",
        "finalised": "afgerond op {date} door {who}",
        "participants": "Deelnemers (schuilnamen)",
        "themes": "Thema's",
        "arguments": "Argumenten per thema",
        "no_arguments": "Geen argumenten.",
        "merged": "samengevoegd",
        "by": "door",
        "edited": "bewerkt",
        "scale": "schaal",
        "indicators": "indicatoren",
        "stakeholders": "belanghebbenden",
        "comments": "Opmerkingen van reviewers",
        "on": "bij",
        "general": "algemeen",
        "no_comments": "Geen opmerkingen.",
        "proposals": "Gekozen indicatoren en voorgestelde streefwaarden",
        "no_proposals": "Geen indicatoren gekozen.",
        "indicator": "Indicator",
        "unit": "Eenheid",
        "minimum": "Minimum",
        "ambition": "Ambitie",
        "target_year": "Doeljaar",
        "direction": "Goede richting",
        "up": "hoger is beter",
        "down": "lager is beter",
        "neutral": "neutraal",
        "proposal_note": "Voorstellen, nog geen vastgestelde streefwaarden.",
        "hidden": "{n} argument(en) verborgen door de begeleider (niet opgenomen).",
        "made": _MADE["nl"],
        "count": "{n} argument(en)",
    },
    "en": {
        "title": "Workshop report",
        "demo": "Demo data (fictional): the region and the figures "
        "in this database are made up; the arguments come from the workshop.",
        "case": "The case",
        "region": "Region",
        "phase": "Phase",
        "date": "Date",
        "facilitator": "Facilitator",
        "code": "Code",
        "status": "Status",
        "open": "still open (draft)",
        "finalised": "finalised on {date} by {who}",
        "participants": "Participants (pseudonyms)",
        "themes": "Themes",
        "arguments": "Arguments per theme",
        "no_arguments": "No arguments.",
        "merged": "merged",
        "by": "by",
        "edited": "edited",
        "scale": "scale",
        "indicators": "indicators",
        "stakeholders": "stakeholders",
        "comments": "Reviewer comments",
        "on": "on",
        "general": "general",
        "no_comments": "No comments.",
        "proposals": "Chosen indicators and proposed targets",
        "no_proposals": "No indicators chosen.",
        "indicator": "Indicator",
        "unit": "Unit",
        "minimum": "Minimum",
        "ambition": "Ambition",
        "target_year": "Target year",
        "direction": "Good direction",
        "up": "higher is better",
        "down": "lower is better",
        "neutral": "neutral",
        "proposal_note": "Proposals, not yet adopted targets.",
        "hidden": "{n} argument(s) hidden by the facilitator (left out).",
        "made": _MADE["en"],
        "count": "{n} argument(s)",
    },
}
