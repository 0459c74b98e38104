"""Strings of example streefwaarden (bw.targets.EXAMPLE_TARGET_SOURCE) and of the link from
"geen streefwaarde" to the Streefwaarden form."""

NL = {
    "target.example_mark": "(voorbeeld-streefwaarde)",
    "target.example_note": "Voorbeeld-streefwaarde: voorbeeld, niet vastgesteld door de "
    "gemeente. Het laat zien hoe een oordeel met een streefwaarde eruitziet; de gemeente legt "
    "haar eigen minimum en ambitie vast op de pagina Streefwaarden.",
    "target.set_link": "Streefwaarde vastleggen",
    "target.set_link_help": "Opent het formulier op de pagina Streefwaarden voor deze "
    "indicator en regio.",
    "overzicht.example_targets": "{n} van deze oordelen gebruiken een voorbeeld-streefwaarde "
    "(voorbeeld, niet vastgesteld door de gemeente); de tabel markeert ze met "
    "'(voorbeeld)'.",
    "targets.example_current": "De huidige streefwaarde is een voorbeeld, niet vastgesteld door "
    "de gemeente. Wie hier opslaat, legt een eigen streefwaarde van de gemeente vast: vul de "
    "bron en de onderbouwing in.",
}

EN = {
    "target.example_mark": "(example target)",
    "target.example_note": "Example target: an example, not set by the council. It shows what "
    "a verdict against a target looks like; the council sets its own minimum and ambition on "
    "the Targets page.",
    "target.set_link": "Set a target",
    "target.set_link_help": "Opens the form on the Targets page for this indicator and region.",
    "overzicht.example_targets": "{n} of these verdicts use an example target (an example, not "
    "set by the council); the table marks them '(example)'.",
    "targets.example_current": "The current target is an example, not set by the council. "
    "Saving here records the council's own target: fill in its source and rationale.",
}
