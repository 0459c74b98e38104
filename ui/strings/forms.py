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
    "form.not_saved": "Er is niets opgeslagen.",
    "targets.label_minimum": "Minimum",
    "targets.label_ambition": "Ambitie",
    "targets.label_ceiling": "Plafond",
    "targets.year_placeholder": "bijv. 2030",
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
    "form.not_saved": "Nothing was saved.",
    "targets.label_minimum": "Minimum",
    "targets.label_ambition": "Ambition",
    "targets.label_ceiling": "Ceiling",
    "targets.year_placeholder": "e.g. 2030",
}

