"""UI strings of the Beleidsopties page (policy options and the effect report)."""

NL = {
    "options.nav": "Beleidsopties",
    "options.title": "Beleidsopties",
    "options.intro": "Zet voor een beslissing 2 tot 4 beleidsopties naast elkaar: per optie de "
                     "verwachte effecten op indicatoren (richting, grootte, vertrouwen, nu of "
                     "later, hier of elders), vergeleken over hier en nu, later en elders, met "
                     "een signaal als een optie een indicator naar verwachting onder de eigen "
                     "minimale streefwaarde brengt. Het effectrapport gaat mee met het "
                     "raadsvoorstel.",
    "options.no_region": "Kies eerst een regio in de zijbalk.",
    "options.choose_set": "Beslisvraag (set opties)",
    "options.no_sets": "Nog geen beleidsopties voor {region}.",
    "options.read_only": "U kunt de beleidsopties bekijken; bewerken vraagt de rol analist, "
                         "facilitator of beheerder.",
    "options.question": "Vraag",
    "options.changed": "Laatst gewijzigd door {who} op {when}.",
    "options.tab_compare": "Vergelijking",
    "options.tab_edit": "Opties en effecten",
    "options.too_few_to_compare": "Deze set heeft minder dan twee opties: voeg er een toe om "
                                  "te vergelijken.",
    "options.no_effects": "Nog geen verwachte effecten: voeg ze toe op het tabblad 'Opties en "
                          "effecten'.",
    "options.no_flags": "✓ Geen optie brengt naar verwachting een indicator onder zijn minimum.",
    "options.summary": "Samenvatting per optie",
    "options.grid": "Opties naast elkaar",
    "options.none_in_dimension": "Geen verwachte effecten in deze dimensie.",
    "options.how_title": "Hoe wordt dit beoordeeld?",
    "options.how_body": (
        "- **Richting** is ten opzichte van de goede richting van de indicator: *beter* "
        "betekent minder werkloosheid of een hogere ervaren gezondheid.\n"
        "- **Dimensie** (hier en nu, later, elders) is die van het thema van de indicator; "
        "**nu/later** en **hier/elders** zijn het oordeel van de opstellers over wanneer en "
        "waar het effect landt. Beide staan in de tabel.\n"
        "- **⚠ verwacht onder minimum**: met een verwachte verandering valt de huidige waarde "
        "plus die verandering aan de verkeerde kant van het huidige minimum (gelijk aan het "
        "minimum telt als gehaald).\n"
        "- **⚠ al onder minimum, verslechtert verder**: de indicator zit nu al onder het "
        "minimum en de optie verslechtert hem.\n"
        "- **⚠ risico op onder minimum**: zonder getal, als de marge tot het minimum ten "
        "hoogste 2% (klein), 5% (middel) of 10% (groot) van de huidige waarde is. Dat is een "
        "vuistregel van dit dashboard, geen meting.\n"
        "- **△ verslechtering op indicator met minimum**: zonder getal, met een ruimere marge, "
        "of zonder huidige waarde. Een aandachtspunt, geen signaal.\n"
        "- Het signaal gebruikt de eigen waarde en het eigen minimum van de regio, ook bij "
        "een effect *elders*.\n"
        "- Verbeteringen en indicatoren zonder minimum of zonder goede richting krijgen nooit "
        "een signaal. De verandering wordt opgeteld bij de laatste waarde alsof verder niets "
        "verandert, ook voor effecten *later* (docs/methods.md §7)."
    ),
    "options.download_html": "Effectrapport (HTML, afdrukbaar)",
    "options.download_csv": "Effecten als CSV",
    "options.col_option": "Optie",
    "options.col_flags": "⚠ minimum in gevaar",
    "options.col_notes": "△ aandachtspunten",
    "options.new_set": "Nieuwe beslisvraag met opties",
    "options.set_title": "Titel van de beslisvraag",
    "options.set_question": "De vraag (optioneel)",
    "options.new_options_help": "Geef 2 tot 4 opties; lege regels tellen niet mee.",
    "options.option_name_n": "Optie {n}: naam",
    "options.option_description_n": "Optie {n}: omschrijving (optioneel)",
    "options.create": "Beslisvraag opslaan",
    "options.created": "Beslisvraag '{title}' is opgeslagen.",
    "options.add_option": "Optie toevoegen",
    "options.add_option_help": "Deze set heeft {n} opties; het maximum is {maximum}.",
    "options.option_name": "Naam van de optie",
    "options.option_description": "Omschrijving (optioneel)",
    "options.add_option_submit": "Optie toevoegen",
    "options.option_added": "Optie '{name}' is toegevoegd.",
    "options.effect_title": "Verwacht effect vastleggen",
    "options.effect_help": "Eén effect per optie, indicator, moment en plek; opnieuw vastleggen "
                           "vervangt het vorige (dat blijft in de geschiedenis).",
    "options.effect_option": "Optie",
    "options.effect_indicator": "Indicator (per dimensie en thema)",
    "options.effect_indicator_placeholder": "Kies een indicator",
    "options.effect_effect": "Richting",
    "options.effect_size": "Grootte (ruw)",
    "options.effect_confidence": "Vertrouwen",
    "options.effect_timing": "Wanneer",
    "options.effect_place": "Waar",
    "options.effect_change": "Verwachte verandering in {unit} (optioneel)",
    "options.effect_change_help": "Bijvoorbeeld -0,5 of 1,2: de verandering van de waarde, met "
                                  "teken. Leeg laten als u geen getal kunt geven.",
    "options.effect_note": "Toelichting (optioneel)",
    "options.effect_submit": "Effect opslaan",
    "options.effect_saved": "Effect van '{option}' op {indicator} is opgeslagen.",
    "options.remove_effect": "Effect verwijderen",
    "options.remove_effect_choice": "Effect",
    "options.remove_effect_submit": "Verwijderen",
    "options.effect_removed": "Het effect is verwijderd (het blijft in de geschiedenis).",
    "options.history": "Geschiedenis van gewijzigde en verwijderde effecten ({n})",
    "options.history_none": "Nog niets gewijzigd of verwijderd.",
    "options.save_failed": "Niet opgeslagen: {error}",
    "options.side_above": "boven 0",
    "options.side_below": "onder 0",
    "options.err_title_required": "Niet opgeslagen: geef de beslisvraag een titel.",
    "options.err_unknown_region": "Niet opgeslagen: de regio {region} is onbekend.",
    "options.err_too_few_options": "Niet opgeslagen: een set heeft minstens {minimum} opties "
                                   "nodig (nu {n}).",
    "options.err_too_many_options": "Niet opgeslagen: een set heeft hoogstens {maximum} opties; "
                                    "dit zou optie {n} worden. Verwijder of combineer eerst een "
                                    "optie.",
    "options.err_option_name_required": "Niet opgeslagen: geef elke optie een naam.",
    "options.err_description_without_name": "Niet opgeslagen: optie {n} heeft een omschrijving "
                                            "maar geen naam.",
    "options.err_duplicate_option": "Niet opgeslagen: er is al een optie '{name}'.",
    "options.err_unknown_set": "Niet opgeslagen: set {id} bestaat niet (meer).",
    "options.err_unknown_option": "Niet opgeslagen: optie {id} bestaat niet (meer).",
    "options.err_unknown_effect_id": "Niet opgeslagen: effect {id} bestaat niet (meer).",
    "options.err_unknown_indicator": "Niet opgeslagen: de indicator '{indicator}' is onbekend.",
    "options.err_indicator_required": "Niet opgeslagen: kies een indicator.",
    "options.err_unknown_effect": "Niet opgeslagen: richting '{value}' is onbekend; kies uit "
                                  "{choices}.",
    "options.err_unknown_size": "Niet opgeslagen: grootte '{value}' is onbekend; kies uit "
                                "{choices}.",
    "options.err_unknown_confidence": "Niet opgeslagen: vertrouwen '{value}' is onbekend; kies "
                                      "uit {choices}.",
    "options.err_unknown_timing": "Niet opgeslagen: moment '{value}' is onbekend; kies uit "
                                  "{choices}.",
    "options.err_unknown_place": "Niet opgeslagen: plek '{value}' is onbekend; kies uit "
                                 "{choices}.",
    "options.err_change_not_a_number": "Niet opgeslagen: de verwachte verandering '{value}' is "
                                       "geen getal (gebruik bijvoorbeeld -0,5).",
    "options.err_change_with_no_effect": "Niet opgeslagen: 'geen effect' met een verwachte "
                                         "verandering van {change}; kies beter of slechter, of "
                                         "laat de verandering leeg.",
    "options.err_change_contradicts_effect": "Niet opgeslagen: '{effect}' op {indicator} vraagt "
                                             "een verandering {side}, niet {change} (let op de "
                                             "goede richting van de indicator).",
}

EN = {
    "options.nav": "Policy options",
    "options.title": "Policy options",
    "options.intro": "Set 2 to 4 policy options for a decision side by side: per option the "
                     "expected effects on indicators (direction, size, confidence, now or later, "
                     "here or elsewhere), compared over here and now, later and elsewhere, with "
                     "a signal when an option is expected to push an indicator below the "
                     "council's own minimum target. The effect report goes with the council "
                     "proposal.",
    "options.no_region": "Choose a region in the sidebar first.",
    "options.choose_set": "Decision question (option set)",
    "options.no_sets": "No policy options for {region} yet.",
    "options.read_only": "You can view the policy options; editing needs the analyst, "
                         "facilitator or admin role.",
    "options.question": "Question",
    "options.changed": "Last changed by {who} on {when}.",
    "options.tab_compare": "Comparison",
    "options.tab_edit": "Options and effects",
    "options.too_few_to_compare": "This set has fewer than two options: add one to compare.",
    "options.no_effects": "No expected effects yet: add them on the 'Options and effects' tab.",
    "options.no_flags": "✓ No option is expected to push an indicator below its minimum.",
    "options.summary": "Summary per option",
    "options.grid": "Options side by side",
    "options.none_in_dimension": "No expected effects in this dimension.",
    "options.how_title": "How is this judged?",
    "options.how_body": (
        "- **Direction** is relative to the indicator's good direction: *better* means less "
        "unemployment or higher perceived health.\n"
        "- **Dimension** (here and now, later, elsewhere) is that of the indicator's theme; "
        "**now/later** and **here/elsewhere** are the authors' judgement of when and where the "
        "effect lands. The table shows both.\n"
        "- **⚠ expected below minimum**: with an expected change, the current value plus that "
        "change falls on the wrong side of the current minimum (equal to the minimum counts as "
        "meeting it).\n"
        "- **⚠ already below minimum, worsens further**: the indicator is below its minimum now "
        "and the option worsens it.\n"
        "- **⚠ risk of falling below minimum**: without a number, when the margin to the minimum "
        "is at most 2% (small), 5% (medium) or 10% (large) of the current value. A rule of thumb "
        "of this dashboard, not a measurement.\n"
        "- **△ worsens an indicator with a minimum**: without a number, with a wider margin, or "
        "without a current value. A point of attention, not a signal.\n"
        "- The signal uses the region's own value and minimum, also for an effect "
        "*elsewhere*.\n"
        "- Improvements and indicators without a minimum or without a good direction never get "
        "a signal. The change is added to the latest value as if nothing else changes, also for "
        "effects *later* (docs/methods.md §7)."
    ),
    "options.download_html": "Effect report (HTML, printable)",
    "options.download_csv": "Effects as CSV",
    "options.col_option": "Option",
    "options.col_flags": "⚠ minimum at risk",
    "options.col_notes": "△ points of attention",
    "options.new_set": "New decision question with options",
    "options.set_title": "Title of the decision question",
    "options.set_question": "The question (optional)",
    "options.new_options_help": "Give 2 to 4 options; empty lines do not count.",
    "options.option_name_n": "Option {n}: name",
    "options.option_description_n": "Option {n}: description (optional)",
    "options.create": "Save decision question",
    "options.created": "Decision question '{title}' is saved.",
    "options.add_option": "Add an option",
    "options.add_option_help": "This set has {n} options; the maximum is {maximum}.",
    "options.option_name": "Name of the option",
    "options.option_description": "Description (optional)",
    "options.add_option_submit": "Add option",
    "options.option_added": "Option '{name}' is added.",
    "options.effect_title": "Record an expected effect",
    "options.effect_help": "One effect per option, indicator, time and place; recording it "
                           "again replaces the previous one (kept in the history).",
    "options.effect_option": "Option",
    "options.effect_indicator": "Indicator (by dimension and theme)",
    "options.effect_indicator_placeholder": "Choose an indicator",
    "options.effect_effect": "Direction",
    "options.effect_size": "Size (rough)",
    "options.effect_confidence": "Confidence",
    "options.effect_timing": "When",
    "options.effect_place": "Where",
    "options.effect_change": "Expected change in {unit} (optional)",
    "options.effect_change_help": "For example -0.5 or 1.2: the change of the value, with its "
                                  "sign. Leave empty when you cannot give a number.",
    "options.effect_note": "Note (optional)",
    "options.effect_submit": "Save effect",
    "options.effect_saved": "Effect of '{option}' on {indicator} is saved.",
    "options.remove_effect": "Remove an effect",
    "options.remove_effect_choice": "Effect",
    "options.remove_effect_submit": "Remove",
    "options.effect_removed": "The effect is removed (it stays in the history).",
    "options.history": "History of changed and removed effects ({n})",
    "options.history_none": "Nothing changed or removed yet.",
    "options.save_failed": "Not saved: {error}",
    "options.side_above": "above 0",
    "options.side_below": "below 0",
    "options.err_title_required": "Not saved: give the decision question a title.",
    "options.err_unknown_region": "Not saved: the region {region} is unknown.",
    "options.err_too_few_options": "Not saved: a set needs at least {minimum} options (now {n}).",
    "options.err_too_many_options": "Not saved: a set holds at most {maximum} options; this "
                                    "would be option {n}. Remove or combine an option first.",
    "options.err_option_name_required": "Not saved: give every option a name.",
    "options.err_description_without_name": "Not saved: option {n} has a description but no "
                                            "name.",
    "options.err_duplicate_option": "Not saved: there already is an option '{name}'.",
    "options.err_unknown_set": "Not saved: set {id} does not exist (any more).",
    "options.err_unknown_option": "Not saved: option {id} does not exist (any more).",
    "options.err_unknown_effect_id": "Not saved: effect {id} does not exist (any more).",
    "options.err_unknown_indicator": "Not saved: the indicator '{indicator}' is unknown.",
    "options.err_indicator_required": "Not saved: choose an indicator.",
    "options.err_unknown_effect": "Not saved: direction '{value}' is unknown; choose from "
                                  "{choices}.",
    "options.err_unknown_size": "Not saved: size '{value}' is unknown; choose from {choices}.",
    "options.err_unknown_confidence": "Not saved: confidence '{value}' is unknown; choose from "
                                      "{choices}.",
    "options.err_unknown_timing": "Not saved: time '{value}' is unknown; choose from {choices}.",
    "options.err_unknown_place": "Not saved: place '{value}' is unknown; choose from {choices}.",
    "options.err_change_not_a_number": "Not saved: the expected change '{value}' is not a "
                                       "number (use for example -0.5).",
    "options.err_change_with_no_effect": "Not saved: 'no effect' with an expected change of "
                                         "{change}; choose better or worse, or leave the change "
                                         "empty.",
    "options.err_change_contradicts_effect": "Not saved: '{effect}' on {indicator} needs a "
                                             "change {side}, not {change} (mind the indicator's "
                                             "good direction).",
}
