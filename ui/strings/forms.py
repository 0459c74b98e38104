"""UI strings of edit forms: numbers typed with a decimal comma, and saving only what changed."""

NL = {
    "number.not_a_number": "{label}: '{text}' is geen getal. Typ bijvoorbeeld 3,4.",
    "number.thousands_separator": "{label}: typ '{text}' zonder punt of spatie voor "
    "duizendtallen, bijvoorbeeld {example}.",
    "number.ambiguous": "{label}: '{text}' kan {whole} of {decimal} betekenen. Typ {whole} "
    "zonder punt, of {decimal} met een komma.",
    "number.not_a_year": "{label}: '{text}' is geen jaartal. Typ bijvoorbeeld 2030.",
    "number.year_range": "{label}: {year} ligt niet tussen {low} en {high}.",
    "number.range": "{label}: {value} ligt niet tussen {low} en {high}.",
    "number.at_least": "{label}: {value} is kleiner dan {low}.",
    "number.hint": "Decimalen met een komma, bijvoorbeeld 3,4.",
    "form.unchanged": "Niets gewijzigd: de waarden in het formulier zijn dezelfde als de "
    "opgeslagen waarden.",
    "targets.label_minimum": "Minimum",
    "targets.label_ambition": "Ambitie",
    "targets.label_ceiling": "Plafond",
    "targets.year_placeholder": "bijv. 2030",
    # a refused programme write (bw.programmes.ProgrammeError), nothing saved
    "programme.err_invalid": "Opslaan is niet gelukt; er is niets opgeslagen.",
    "programme.err_unknown_indicator": "Indicator '{indicator}' bestaat niet (meer); er is "
    "niets opgeslagen.",
    "programme.err_unknown_record": "Dit {kind} bestaat niet meer (nummer {id}); laad de "
    "pagina opnieuw. Er is niets opgeslagen.",
    "programme.err_unknown_region": "Regio '{region}' bestaat niet; er is niets opgeslagen.",
    "programme.err_required": "Vul de naam of tekst in; er is niets opgeslagen.",
    "programme.err_bad_year": "{year} ligt niet tussen {low} en {high}; er is niets "
    "opgeslagen.",
    "programme.err_unknown_kind": "Onbekende soort programma '{kind}'; er is niets opgeslagen.",
    "programme.err_years_order": "Het eindjaar ({end}) ligt vóór het beginjaar ({start}); er "
    "is niets opgeslagen.",
    "programme.err_bad_share": "Het deel gereed moet tussen 0 en 100 liggen; er is niets "
    "opgeslagen.",
    "programme.err_unknown_level": "Onbekend niveau '{level}'; er is niets opgeslagen.",
    "programme.err_not_in_programme": "Dit {kind} hoort niet bij dit programma; er is niets "
    "opgeslagen.",
    "programme.err_no_date": "Kies een datum; er is niets opgeslagen.",
    "programme.err_moment_taken": "Dit programma heeft al een meetmoment op {date} "
    "('{label}'); er is niets opgeslagen.",
    "programme.record.programme": "programma",
    "programme.record.opgave": "opgave",
    "programme.record.doel": "doel",
    "programme.record.activiteit": "activiteit",
}

EN = {
    "number.not_a_number": "{label}: '{text}' is not a number. Type for example 3.4.",
    "number.thousands_separator": "{label}: type '{text}' without a thousands separator, for "
    "example {example}.",
    "number.ambiguous": "{label}: '{text}' can mean {whole} or {decimal}. Type {whole} without "
    "the comma, or {decimal} with a point.",
    "number.not_a_year": "{label}: '{text}' is not a year. Type for example 2030.",
    "number.year_range": "{label}: {year} is not between {low} and {high}.",
    "number.range": "{label}: {value} is not between {low} and {high}.",
    "number.at_least": "{label}: {value} is less than {low}.",
    "number.hint": "Decimals with a point or a comma, for example 3.4.",
    "form.unchanged": "Nothing changed: the values in the form are the saved values.",
    "targets.label_minimum": "Minimum",
    "targets.label_ambition": "Ambition",
    "targets.label_ceiling": "Ceiling",
    "targets.year_placeholder": "e.g. 2030",
    "programme.err_invalid": "Saving failed; nothing was saved.",
    "programme.err_unknown_indicator": "Indicator '{indicator}' does not exist (any more); "
    "nothing was saved.",
    "programme.err_unknown_record": "This {kind} no longer exists (number {id}); reload the "
    "page. Nothing was saved.",
    "programme.err_unknown_region": "Region '{region}' does not exist; nothing was saved.",
    "programme.err_required": "Fill in the name or text; nothing was saved.",
    "programme.err_bad_year": "{year} is not between {low} and {high}; nothing was saved.",
    "programme.err_unknown_kind": "Unknown kind of programme '{kind}'; nothing was saved.",
    "programme.err_years_order": "The end year ({end}) is before the start year ({start}); "
    "nothing was saved.",
    "programme.err_bad_share": "The share done must be between 0 and 100; nothing was saved.",
    "programme.err_unknown_level": "Unknown level '{level}'; nothing was saved.",
    "programme.err_not_in_programme": "This {kind} is not part of this programme; nothing was "
    "saved.",
    "programme.err_no_date": "Choose a date; nothing was saved.",
    "programme.err_moment_taken": "This programme already has a measurement moment on {date} "
    "('{label}'); nothing was saved.",
    "programme.record.programme": "programme",
    "programme.record.opgave": "opgave",
    "programme.record.doel": "doel",
    "programme.record.activiteit": "activity",
}


