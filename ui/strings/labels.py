"""UI strings for what tables used to show raw: column names, action ids, change words."""

NL = {
    # Beleidsopties: the history of changed and removed effects
    "options.hcol_replaced_at": "Vervangen op",
    "options.hcol_change": "Wijziging",
    "options.hcol_option": "Optie",
    "options.hcol_indicator": "Indicator",
    "options.hcol_effect": "Richting",
    "options.hcol_size": "Grootte",
    "options.hcol_confidence": "Vertrouwen",
    "options.hcol_timing": "Wanneer",
    "options.hcol_place": "Waar",
    "options.hcol_expected_change": "Verwachte verandering",
    "options.hcol_note": "Toelichting",
    "options.hcol_updated_by": "Vastgelegd door",
    "options.hcol_replaced_by": "Vervangen door",
    "options.history_change.gewijzigd": "gewijzigd",
    "options.history_change.verwijderd": "verwijderd",
    "options.history_removed_option": "(verwijderde optie)",
}

EN = {
    "options.hcol_replaced_at": "Replaced on",
    "options.hcol_change": "Change",
    "options.hcol_option": "Option",
    "options.hcol_indicator": "Indicator",
    "options.hcol_effect": "Direction",
    "options.hcol_size": "Size",
    "options.hcol_confidence": "Confidence",
    "options.hcol_timing": "When",
    "options.hcol_place": "Where",
    "options.hcol_expected_change": "Expected change",
    "options.hcol_note": "Note",
    "options.hcol_updated_by": "Set by",
    "options.hcol_replaced_by": "Replaced by",
    "options.history_change.gewijzigd": "changed",
    "options.history_change.verwijderd": "removed",
    "options.history_removed_option": "(removed option)",
}
