"""Strings of the laptop-first tables (ui/tables.py): short headers whose help says the rest."""

NL = {
    "target.example_mark_short": "(voorbeeld)",
    "col.vs_nl_short": "T.o.v. NL",
    "col.latest": "Laatste waarde",
    "col.series_short": "Verloop",
    "options.side_by_side_alt": "Verwachte effecten van elke optie op de indicatoren van "
    "{dimension}, met huidige waarde en minimum",
    "col.latest_help": "Laatst bekende waarde met tussen haakjes het jaar; * = voorlopig, "
    "** = nader voorlopig. Afgerond op het aantal decimalen van de indicator.",
}

EN = {
    "target.example_mark_short": "(example)",
    "col.vs_nl_short": "vs NL",
    "col.latest": "Latest value",
    "col.series_short": "History",
    "options.side_by_side_alt": "Expected effects of each option on the indicators of "
    "{dimension}, with current value and minimum",
    "col.latest_help": "Latest known value with its year in brackets; * = provisional, "
    "** = revised provisional. Rounded to the indicator's number of decimals.",
}
