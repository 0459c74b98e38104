"""Validation issues in the UI language: one template per issue code, or per code and variant.

``bw`` keeps its English messages for the command line and puts the parts of each message in
``Issue.params``; :func:`ui.issues.issue_text` picks ``issue.<code>.<variant>``, then
``issue.<variant>``, then ``issue.<code>``, and fills it in. ``{where}`` is made from the
parameters ``at_lines``/``at_ref`` (empty when the issue has neither); a ``role`` is looked up
in ``issue.role.*``. tests/app/test_issues.py keeps a template for every code bw
emits.
"""

NL = {
    # where an issue is, and issues left out
    "issue.where_lines": " (regels {lines})",
    "issue.where_ref": " ({ref})",
    "issue.more_lines": "… en nog {count} regels zoals deze",
    "issue.more_cells": "… en nog {count} cellen zoals deze",
    # words for a role, column or field named in a message
    "issue.role.label": "indicator",
    "issue.role.year": "jaar",
    "issue.role.value": "waarde",
    "issue.role.name": "regionaam",
    "issue.role.code": "regiocode",
    "issue.role.region": "regio",
    "issue.role.low": "ondergrens",
    "issue.role.high": "bovengrens",
    "issue.role.corop": "COROP-gebied",
    "issue.role.province": "provincie",
    "issue.role.landsdeel": "landsdeel",
    "issue.role.size_class": "gemeentegrootte",
    "issue.role.urbanity": "stedelijkheid",
    "issue.role.corop_code": "COROP-gebied (groep 'COROP-gebieden', onderwerp 'Code')",
    "issue.role.province_code": "provincie (groep 'Provincies', onderwerp 'Code')",
    "issue.role.landsdeel_code": "landsdeel (groep 'Landsdelen', onderwerp 'Code')",
    "issue.role.size_class_code": "gemeentegrootte (groep 'Gemeentegrootte', onderwerp 'Code')",
    "issue.role.urbanity_code": "stedelijkheid (groep 'Stedelijkheid', onderwerp 'Code')",
    "issue.role.population": "inwonertal (onderwerp 'Inwonertal')",
    "issue.role.minimum": "het minimum",
    "issue.role.ambition": "de ambitie",
    "issue.role.ceiling": "het plafond",
    "issue.role.target_year": "het doeljaar",
    "issue.role.baseline_year": "het basisjaar",
    # the file as a whole
    "issue.not_found": "Het bestand {file} bestaat niet.",
    "issue.not_found.odata_folder": "{file} is geen map met opgeslagen CBS-API-antwoorden "
    "(OData).",
    "issue.empty_file": "Het bestand is leeg (0 bytes).",
    "issue.empty_file.named": "{file} is leeg (0 bytes).",
    "issue.file_too_large": "Het bestand is {size_mb} MB; de grens is {limit_mb} MB "
    "(BW_MAX_UPLOAD_MB).",
    "issue.unknown_format": "Het formaat van dit bestand is niet te herkennen.",
    "issue.unknown_format.container": "{file} is geen map, werkmap of JSON-bestand dat een "
    "lader herkent; kies het formaat zelf.",
    "issue.unknown_format.header": "Het formaat is niet te herkennen aan de kop ({header}…); "
    "kies het formaat zelf.",
    "issue.unknown_format.option": "Formaat '{value}' bestaat niet; kies uit {formats}.",
    "issue.already_loaded": "Precies dit bestand is eerder geladen als lading {load}; er "
    "verandert niets.",
    "issue.missing_values": "{count} waarden zijn leeg of '.' in het bestand; ze worden "
    "opgeslagen als ontbrekend met die reden, nooit als 0.",
    "issue.check_failed": "Het bestand kon niet worden gecontroleerd ({error}); er is niets "
    "geladen.",
    "issue.no_delimiter": "De kopregel bevat geen ',', ';' of tab: dit is geen bestand met "
    "kolommen, of het heeft maar één kolom.",
    "issue.no_delimiter.file": "{file} heeft geen ',', ';' of tab in de kopregel.",
    "issue.wrong_encoding": "Het bestand is UTF-16 of binair, geen CSV-tekstbestand (sla het op "
    "als CSV UTF-8, of download het opnieuw van StatLine).",
    "issue.unexpected_encoding": "Deze download is normaal UTF-8, maar het bestand is geen "
    "geldige UTF-8; het wordt gelezen als Windows-1252/Latin-1 (is het opnieuw opgeslagen in "
    "een spreadsheet?).",
    "issue.malformed_csv": "Het CSV-bestand is niet goed leesbaar: {error}",
    "issue.malformed_csv.cut_off": "De regel is afgebroken (een aanhalingsteken wordt niet "
    "gesloten).",
    "issue.malformed_csv.cut_off_error": "De regel lijkt afgebroken: {error}",
    "issue.malformed_csv.field_count": "De rij heeft {fields} velden, de kop {expected}.",
    "issue.malformed_csv.short_row": "De rij heeft {fields} velden, de kop {expected} (de "
    "regel lijkt afgebroken).",
    "issue.malformed_csv.file": "{file} is niet goed leesbaar: {error}",
    "issue.malformed_csv.file_fields": "{file} regel {row} heeft {fields} velden; de kop heeft "
    "er {expected}.",
    "issue.malformed_csv.file_line": "{file} regel {row}: {error}",
    "issue.malformed_json": "{file} is geen geldige JSON: {error}",
    "issue.malformed_json.no_rows": "{file} heeft geen lijst met rijen onder 'value' (geen "
    "OData-antwoord).",
    "issue.malformed_row": "Rij {row} heeft waarden voorbij de laatste kolom met een naam.",
    "issue.wrong_field_count": "{fields} velden, terwijl de kop er {expected} heeft.",
    "issue.no_rows": "De bron bevat geen gegevensrijen.",
    "issue.no_rows.header_only": "Het bestand heeft een kopregel maar geen gegevensrijen.",
    "issue.no_rows.empty": "Het bestand is leeg.",
    "issue.no_rows.empty_sheet": "Het eerste werkblad is leeg.",
    "issue.no_rows.indicators": "Het bestand heeft een kopregel maar geen indicatoren.",
    "issue.no_rows.targets": "Het bestand heeft een kopregel maar geen streefwaarden.",
    "issue.no_observations": "Er is niets te laden: geen onderwerp van de bron hoort bij een "
    "indicator, of elke rij is weggelaten.",
    # Excel workbooks
    "issue.not_xlsx": "De werkmap is niet te lezen: {error}",
    "issue.not_xlsx.empty": "Het .xlsx-bestand is leeg (0 bytes).",
    "issue.not_xlsx.not_zip": "Geen Excel-werkmap (een .xlsx is een zip-bestand): {error}",
    "issue.not_xlsx.zip_not_workbook": "Een zip-bestand, maar geen Excel-werkmap (sla het op "
    "als .xlsx).",
    "issue.not_xlsx.encrypted": "De werkmap is versleuteld; sla hem op zonder wachtwoord.",
    "issue.not_xlsx.no_sheets": "De werkmap heeft geen werkbladen.",
    "issue.xlsx_too_large.parts": "De werkmap heeft {count} onderdelen; er mogen er hoogstens "
    "{limit} zijn.",
    "issue.xlsx_too_large.unpacked": "De werkmap is uitgepakt {size_mb} MB; hoogstens "
    "{limit_mb} MB mag, zoals voor elk bestand (BW_MAX_UPLOAD_MB).",
    "issue.extra_sheets": "Alleen het eerste werkblad ('{sheet}') wordt gelezen; genegeerd: "
    "{ignored}.",
    "issue.missing_header": "De kopregel moet op rij 1 staan; rij 1 is leeg en het werkblad "
    "begint op rij {first_row}.",
    # columns and the header
    "issue.missing_column": "Verplichte kolom '{column}' ontbreekt.",
    "issue.missing_column.required": "Verplichte kolom '{column}' ontbreekt (de kopregel moet "
    "{required} bevatten).",
    "issue.missing_column.delivery": "Verplichte kolom '{column}' ontbreekt (een levering heeft "
    "GEOITEM, PERIOD, GEOLEVEL en dan één kolom per indicator).",
    "issue.missing_column.role": "Geen kolom voor {role} (een van: {names}).",
    "issue.missing_column.bounds": "Geef zowel de kolom met de ondergrens als die met de "
    "bovengrens, of geen van beide.",
    "issue.missing_column.dimension": "Dimensie {dimension} heeft geen kolom.",
    "issue.missing_column.region": "Geen regiokolom ({column}) in de kopregel.",
    "issue.missing_column.region_or_period": "Geen kolom RegioS of Perioden in de kopregel.",
    "issue.missing_column.before_topics": "Geen kolom {column} vóór de onderwerpkolommen.",
    "issue.missing_column.region_heading": "Niet precies één rijkop voor de regio's "
    "(Regio's).",
    "issue.missing_column.geo": "Geen geografische dimensie (RegioS) in de waarnemingen.",
    "issue.missing_column.geo_among": "Geen geografische dimensie (RegioS) onder {dimensions}.",
    "issue.missing_column.data_properties": "Kolom '{column}' uit DataProperties.csv staat niet "
    "in data.csv.",
    "issue.missing_column_name": "Kolom {position} heeft waarden maar geen naam in de "
    "kopregel.",
    "issue.unknown_column": "Kolom '{column}' is onbekend.",
    "issue.unknown_column.allowed": "Kolom '{column}' hoort niet bij de lange CSV "
    "(toegestaan: {allowed}).",
    "issue.unknown_column.indicator": "Kolom '{column}' is geen veld van een indicator.",
    "issue.unknown_column.target": "Kolom '{column}' is geen veld van een streefwaarde.",
    "issue.duplicate_column": "Kolom '{column}' komt meer dan eens voor.",
    "issue.duplicate_column.role": "De kolommen {columns} lijken allemaal de kolom voor "
    "{role}.",
    "issue.duplicate_column.same_indicator": "De kolommen '{column}' en '{other}' bevatten "
    "dezelfde indicator en hetzelfde jaar.",
    "issue.ignored_column": "Niet gelezen kolommen: {columns}.",
    "issue.column_ignored": "Kolommen die geen onderwerp en geen dimensie zijn, worden "
    "genegeerd: {columns}.",
    "issue.no_indicator_columns": "Het bestand heeft geen kolommen met indicatoren.",
    "issue.no_indicator_columns.delivery": "Het bestand heeft geen kolommen met indicatoren na "
    "GEOITEM, PERIOD en GEOLEVEL.",
    "issue.no_indicator_columns.table": "Een tabelexport heeft eerst de gemeentenamen en dan "
    "kolommen zoals 'Werkloosheid 2022'.",
    "issue.no_period_in_column": "Kolom '{column}' eindigt niet op een jaar ('Werkloosheid "
    "2022').",
    "issue.bad_header.title": "De eerste regel hoort alleen de titel van de tabel te bevatten.",
    "issue.bad_header.no_rows": "Geen kopregels (Onderwerpen, eenheden) na de titel.",
    "issue.bad_header.headings": "Niet te zien welke kolommen rijkoppen zijn en welke "
    "onderwerpen.",
    "issue.bad_header.rows": "Verwacht: regels Onderwerpen, één regel met eenheden en "
    "hoogstens één regel met perioden.",
    "issue.bad_header.no_topic": "Kolom {position} heeft geen onderwerp.",
    "issue.missing_footer": "De slotregel van CBS (© Centraal Bureau voor de Statistiek … / "
    "Bron: CBS) ontbreekt: de download is mogelijk afgebroken.",
    "issue.ignored_lines": "{count} regels na de slotregel worden genegeerd.",
    # CBS tables: metadata, dimensions, topics
    "issue.missing_file.observations": "Geen pagina observations*.json in de map.",
    "issue.missing_file.data": "Geen data.csv (cbsodataR) en geen pagina's "
    "TypedDataSet*.json.",
    "issue.missing_file.beside_data": "{file} ontbreekt naast data.csv; sla de tabel op met "
    "cbsodataR (cbs_download_table), dan komen de metadata mee.",
    "issue.missing_metadata.measure_codes": "measure-codes.json (MeasureCodes) ontbreekt: de "
    "titels en eenheden van de onderwerpen zijn nodig om ze te koppelen.",
    "issue.missing_metadata.dimensions": "dimensions.json ontbreekt: de geografische en de "
    "tijdsdimensie worden herkend aan hun codes.",
    "issue.missing_metadata.data_properties": "DataProperties (.json of .csv) ontbreekt: dat "
    "bestand noemt de dimensies en geeft titels en eenheden van de onderwerpen.",
    "issue.missing_topic": "DataProperties.csv noemt geen {role}.",
    "issue.incomplete_download.next_link": "De laatste pagina {file} verwijst naar een volgende "
    "pagina: de pagina's daarna zijn niet opgeslagen, dus de tabel is onvolledig.",
    "issue.incomplete_download.count": "index.json kondigt {expected} rijen aan, de pagina's "
    "bevatten er {found}.",
    "issue.extra_dimension": "Dimensie {dimension} heeft meerdere categorieën; bw bewaart één "
    "waarde per onderwerp, regio en periode: kies één categorie van {dimension}.",
    "issue.extra_dimension.row_heading": "Rijkop '{dimension}' heeft meerdere categorieën; bw "
    "bewaart één waarde per onderwerp, regio en periode: kies er één.",
    "issue.extra_dimension.single": "Dimensie {dimension} heeft alleen de categorie "
    "'{category}'; die wordt genegeerd.",
    "issue.no_period": "De waarnemingen hebben geen tijdsdimensie (Perioden).",
    "issue.no_period.table_infos": "Geen kolom Perioden, en TableInfos geeft geen enkele "
    "periode (jaar) voor de tabel.",
    "issue.no_period.heading_or_row": "Perioden moeten óf een rijkop zijn (Perioden) óf één "
    "kopregel.",
    "issue.table_period": "De tabel heeft geen tijdsdimensie; de waarden gelden voor {period} "
    "(TableInfos, Period).",
    "issue.no_topics": "De kopregel heeft geen onderwerpkolom.",
    "issue.no_topics.data_csv": "data.csv heeft geen kolom van een onderwerp uit "
    "DataProperties.",
    "issue.no_topics.pages": "De pagina's bevatten geen onderwerp uit DataProperties.",
    "issue.no_topic_metadata": "Het bestand noemt de onderwerpen alleen bij hun sleutel, zonder "
    "titel of eenheid, dus eenheden zijn niet te controleren: koppel ze op sleutel, of zet het "
    "bestand DataProperties van de tabel ernaast.",
    "issue.text_topic": "{count} tekstonderwerpen zijn codes of namen, geen waarnemingen, en "
    "worden niet geladen: {topics}",
    "issue.unknown_topic": "De waarnemingen gebruiken onderwerp '{topic}', dat niet in "
    "measure-codes.json staat.",
    "issue.topic_skipped": "{count} onderwerpen staan niet in de koppeling en worden niet "
    "geladen: {topics}",
    "issue.unmapped_topic": "'{topic}' hoort bij geen indicator; koppel het, of laad met nieuwe "
    "indicatoren ('te classificeren').",
    "issue.unmapped_topic.unit": "Onderwerp {topic} (eenheid {unit}) past op naam en eenheid "
    "bij geen indicator uit de catalogus: koppel het, of laad met nieuwe indicatoren 'te "
    "classificeren'.",
    "issue.unmapped_topic.population": "Onderwerp '{topic}' hoort bij geen indicator: "
    "'{indicator}' staat niet in de catalogus.",
    "issue.duplicate_mapping": "De onderwerpen {topics} horen allemaal bij {indicator}; koppel "
    "één onderwerp per indicator.",
    "issue.new_indicator": "'{topic}' wordt de nieuwe indicator '{indicator}' (te "
    "classificeren): stel de goede richting en dimensie nog in.",
    "issue.unit_mismatch": "Eenheid '{unit}' wijkt af van de eenheid van '{indicator}' in de "
    "catalogus ('{expected}').",
    "issue.unit_mismatch.topic": "Onderwerp '{topic}' is in '{unit}', maar indicator "
    "{indicator} is in '{expected}'.",
    "issue.unknown_indicator": "Indicator '{indicator}' is onbekend.",
    "issue.unknown_indicator.mapping": "De koppeling stuurt '{topic}' naar '{indicator}', maar "
    "die staat niet in de catalogus.",
    "issue.ambiguous_decimal": "Waarden als 1.234 kunnen duizendtallen met een decimale komma "
    "zijn; het bestand heeft geen komma, dus '.' wordt gelezen als decimale punt.",
    # cells
    "issue.missing_field": "Veld '{column}' is leeg.",
    "issue.missing_field.region": "De regio is leeg{where}.",
    "issue.missing_field.period": "De periode is leeg{where}.",
    "issue.missing_field.gemeente": "De gemeentenaam is leeg.",
    "issue.missing_field.parent": "{region} heeft geen code voor {role}.",
    "issue.missing_field.class": "{region} heeft geen {role}; dit blijft leeg.",
    "issue.not_a_number": "Kolom {column}: '{value}' is geen getal.",
    "issue.not_a_number.header": "Kolom {header}: '{value}' is geen getal.",
    "issue.not_a_number.topic": "Waarde '{value}' van onderwerp '{topic}' is geen getal{where}.",
    "issue.not_a_number.population": "Inwonertal '{value}' van {region} is geen geheel getal.",
    "issue.unknown_marker": "{header}: waarde {value} lijkt een code voor een ontbrekende "
    "waarde, maar alleen -99998 is beschreven; ze wordt niet als getal opgeslagen.",
    "issue.interval_mismatch": "Het 95%-interval {low}–{high} bevat de waarde {value} niet.",
    "issue.interval_mismatch.one_bound": "Geef zowel de onder- als de bovengrens, of geen van "
    "beide.",
    "issue.unknown_status": "Status '{value}' is niet definitief, voorlopig of nader "
    "voorlopig.",
    "issue.bad_period": "Periode '{value}' is geen jaar (2023, 2023JJ00, 2024*), kwartaal "
    "(2023KW02) of maand (2023MM10){where}.",
    "issue.bad_period.year": "Periode '{value}' is geen jaar (2023, of voorlopig 2023*).",
    "issue.bad_period.table_infos": "De periode ('{value}') noch de titel ('{title}') in "
    "TableInfos.csv geeft het jaar van de tabel.",
    "issue.duplicate_key": "{key} komt meer dan eens voor met verschillende waarden{where}.",
    "issue.duplicate_key.region": "{region} komt nog eens voor (eerst op regel {first_line}).",
    "issue.duplicate_row": "{key} herhaalt dezelfde waarde{where}; die wordt één keer "
    "opgeslagen.",
    # regions
    "issue.unknown_region": "Regio '{region}' is onbekend.",
    "issue.unknown_region.name": "'{region}' is niet de naam van een regio in de "
    "database{where}.",
    "issue.unknown_region.mojibake": "'{region}' is niet de naam van een regio in de "
    "database{where} — de tekst lijkt verkeerd gedecodeerd (Ã…): controleer de codering van "
    "het bestand.",
    "issue.unknown_region.store": "Regiocode '{region}' staat niet in de database.",
    "issue.unknown_region.level": "'{region}' is geen CBS-code van een niveau dat bw bewaart "
    "(NL, LD, PV, CR, GM, WK, BU){where}.",
    "issue.unknown_region.region_list": "Regio {region} staat niet in de database en niet in "
    "de regiolijst van de tabel zelf{where}.",
    "issue.unknown_region.geoitem": "Gemeente {region} (GEOITEM {value}) staat niet in de "
    "database.",
    "issue.ambiguous_region": "Regionaam '{region}' past bij meer dan één regio{where}; CBS "
    "schrijft de onderscheidende naam, bijvoorbeeld Bergen (NH.) of Groningen (gemeente).",
    "issue.ambiguous_region.candidates": "'{region}' past bij {candidates}; gebruik de "
    "CBS-code of de CBS-naam (Bergen (NH.), Bergen (L.)).",
    "issue.bad_region_code": "GEOITEM '{value}' is geen numerieke gemeentecode (363 = "
    "GM0363).",
    "issue.unsupported_geolevel": "GEOLEVEL '{value}' wordt niet ondersteund: alleen rijen "
    "van gemeenten worden gelezen.",
    "issue.historical_region": "{region} staat niet in de database; de regio wordt uit de "
    "regiolijst van de tabel toegevoegd als historische regio (laatste jaar {last_year}).",
    "issue.new_region": "{count} regio's staan niet in de database en worden toegevoegd uit de "
    "regiolijst van de tabel: {regions}",
    "issue.unnamed_region": "{count} regio's staan niet in de database en het bestand noemt "
    "hun naam niet; ze krijgen hun code als naam: {regions} (zet de regiolijst (RegioS) van de "
    "tabel naast het bestand, of laad eerst de regio-indeling).",
    "issue.empty_region_skipped.codes": "{count} regiocodes hebben geen enkele waarde in het "
    "bestand en staan niet in de database; hun rijen worden niet geladen: {regions}",
    "issue.empty_region_skipped.names": "Niet geladen, want zonder enige waarde: {name_rows} "
    "rijen van {names} regionamen die niet in de database staan ({names_shown}).",
    "issue.empty_region_skipped.ended": "Niet geladen, want zonder enige waarde: {ended_rows} "
    "rijen van {ended} opgeheven regio's in jaren na hun laatste jaar ({ended_shown}).",
    "issue.empty_region_skipped.names_and_ended": "Niet geladen, want zonder enige waarde: "
    "{name_rows} rijen van {names} regionamen die niet in de database staan ({names_shown}); "
    "{ended_rows} rijen van {ended} opgeheven regio's in jaren na hun laatste jaar "
    "({ended_shown}).",
    "issue.dissolved_region": "{region} is opgeheven na {last_year}, maar het bestand geeft "
    "waarden voor {years}{where}; haal die rijen weg, of corrigeer het laatste jaar van de "
    "regio met de regio-indeling.",
    "issue.renamed_region": "{region} heet '{theirs}' in het bestand maar '{ours}' in de "
    "database (hernoemd?); de waarden worden geladen voor {region}, de database houdt zijn "
    "naam{where}.",
    "issue.region_name_differs": "{region} heet '{ours}' in de database en '{theirs}' in de "
    "tabel; de naam in de database blijft.",
    "issue.region_attributes_changed": "{region}: {changes}",
    "issue.region_not_in_reference": "{count} gemeenten uit de database staan niet in deze "
    "tabel (opgeheven, of nieuwer dan de tabel): {regions}",
    "issue.level_mismatch": "{region} is een regio van niveau {level_store} in de database "
    "maar van niveau {level_table} in de tabel.",
    "issue.inconsistent_parent": "{region} plaatst {key} in {value}, regel {first_line} in "
    "{first}.",
    "issue.unexpected_table": "TableInfos.csv noemt '{title}', geen tabel '{expected}'.",
    "issue.bad_code.gemeente": "Regio '{value}' is geen gemeentecode (GM + 4 cijfers).",
    "issue.bad_code.parent": "Code '{value}' voor {role} van {region} is geen CBS-code.",
    "issue.bad_code.class": "{role} '{value}' van {region} is geen CBS-klasse "
    "({low}–{high}).",
    # the indicator catalogue (CSV)
    "issue.bad_id": "Id '{value}' moet eruitzien als 'thema.naam' (a-z, 0-9, _).",
    "issue.bad_decimals": "Decimalen '{value}' moet 0 tot en met 6 zijn.",
    "issue.bad_range": "De ondergrens {low} moet lager zijn dan de bovengrens {high}.",
    "issue.bad_range_bound": "{column} '{value}' is geen getal.",
    "issue.bad_direction": "Richting '{value}' moet up, down of neutral zijn.",
    "issue.bad_aggregation": "Aggregatie '{value}' moet sum, weighted_mean of none zijn.",
    "issue.unknown_theme": "Thema('s) {themes} onbekend; gebruik thema-ids zoals {examples}.",
    "issue.dimension_mismatch": "Dimensies {dimensions} passen niet bij de dimensies van de "
    "thema's ({expected}).",
    "issue.duplicate_id": "{indicator} staat ook op regel {first_line}.",
    "issue.unit_change": "{indicator} heeft waarnemingen in '{unit}'; de eenheid kan niet "
    "'{new}' worden.",
    # streefwaarden
    "issue.empty_target": "Vul minstens een minimum, ambitie of plafond in.",
    "issue.direction_mismatch.up": "Hoger is beter, dus de ambitie ({ambition}) kan niet onder "
    "het minimum ({minimum}) liggen.",
    "issue.direction_mismatch.down": "Lager is beter, dus de ambitie ({ambition}) kan niet "
    "boven het minimum ({minimum}) liggen.",
    "issue.direction_implied": "Deze indicator heeft geen goede richting; de streefwaarde "
    "bepaalt welke kant beter is.",
    "issue.direction_implied.higher": "Deze indicator heeft geen goede richting; met een "
    "ambitie boven het minimum geldt hoger hier als beter.",
    "issue.direction_implied.lower": "Deze indicator heeft geen goede richting; met een "
    "ambitie onder het minimum geldt lager hier als beter.",
    "issue.ceiling_order": "Het plafond ({ceiling}) is een bovengrens en kan niet onder "
    "{role} ({value}) liggen.",
    "issue.implausible_value.range": "{role} ({value}) kan niet in '{unit}': de waarde ligt "
    "tussen {low} en {high}.",
    "issue.implausible_value.at_least": "{role} ({value}) kan niet in '{unit}': de waarde is "
    "minstens {low}.",
    "issue.implausible_value.at_most": "{role} ({value}) kan niet in '{unit}': de waarde is "
    "hoogstens {high}.",
    "issue.implausible_value.finite": "{role} ({value}) is geen eindig getal.",
    "issue.bad_year": "Kolom {column}: '{value}' is geen jaar.",
    "issue.bad_year.range": "{role} {value} ligt niet tussen {low} en {high}.",
    "issue.year_order": "Het doeljaar ({target_year}) moet na het basisjaar ({baseline_year}) "
    "liggen.",
    "issue.duplicate_target": "{region} × {indicator} staat ook op regel {first_line}.",
    # mapping files
    "issue.mapping_not_found": "Koppelbestand {file} bestaat niet.",
    "issue.mapping_too_large": "Koppelbestand {file} is groter dan {limit_mb} MB.",
    "issue.mapping_encoding": "Koppelbestand {file} is geen UTF-8-tekst.",
    "issue.mapping_bad_header": "{file}:1: de kopregel moet {expected} zijn (gevonden: "
    "{found}).",
    "issue.mapping_bad_row": "{file}:{row}: 2 cellen verwacht, {fields} gevonden.",
    "issue.mapping_missing_field": "{file}:{row}: source_key en indicator_id zijn allebei "
    "verplicht.",
    "issue.mapping_unknown_indicator": "{file}:{row}: indicator '{indicator}' staat niet in de "
    "catalogus.",
    "issue.mapping_duplicate_key": "{file}:{row}: '{key}' is al gekoppeld aan '{indicator}' "
    "op regel {first_line}.",
    # added with the intake hardening (issue 14): plausibility, hostile files, reloads
    "issue.more_values": "… en nog {count} waarden zoals deze",
    "issue.kind.fifo": "een named pipe (FIFO)",
    "issue.kind.device": "een apparaat",
    "issue.kind.socket": "een socket",
    "issue.kind.other": "iets anders",
    "issue.catalogue_below": "{key}: waarde {value} ligt onder wat kan: het bereik van deze "
    "indicator in de catalogus (ondergrens {low}, bovengrens {high}).",
    "issue.catalogue_above": "{key}: waarde {value} ligt boven wat kan: het bereik van deze "
    "indicator in de catalogus (ondergrens {low}, bovengrens {high}).",
    "issue.percent_below": "{key}: waarde {value} kan niet: een percentage (eenheid {unit}) ligt "
    "tussen 0 en 100.",
    "issue.percent_above": "{key}: waarde {value} kan niet: een percentage (eenheid {unit}) ligt "
    "tussen 0 en 100.",
    "issue.mark_below": "{key}: waarde {value} kan niet: een rapportcijfer ligt tussen 1 en 10.",
    "issue.mark_above": "{key}: waarde {value} kan niet: een rapportcijfer ligt tussen 1 en 10.",
    "issue.score_below": "{key}: waarde {value} kan niet: een score (eenheid {unit}) ligt tussen "
    "{low} en {high}.",
    "issue.score_above": "{key}: waarde {value} kan niet: een score (eenheid {unit}) ligt tussen "
    "{low} en {high}.",
    "issue.non_negative_below": "{key}: waarde {value} kan niet: '{unit}' is nooit negatief.",
    "issue.non_negative_above": "{key}: waarde {value} kan niet in '{unit}'.",
    "issue.source_unit_below": "{key}: waarde {value} lijkt niet te kunnen in de eenheid die de "
    "bron noemt ('{unit}': ondergrens {low}).",
    "issue.source_unit_above": "{key}: waarde {value} lijkt niet te kunnen in de eenheid die de "
    "bron noemt ('{unit}': bovengrens {high}).",
    "issue.unlikely_value.count_fraction": "{key}: waarde {value} is een aantal met decimalen; "
    "klopt het decimaalteken?",
    "issue.unlikely_value.fractions": "Alle {count} waarden van {indicator} in het bestand "
    "liggen tussen 0 en 1, maar de eenheid is %: zijn het fracties (0,045) in plaats van "
    "percentages (4,5)?",
    "issue.implausible_period": "{key}: periode {value} is geen jaar tussen {low} en {high} "
    "(volgend jaar).",
    "issue.future_period": "{key}: periode {value} begint na vandaag ({today}); ze wordt de "
    "laatste waarde van deze indicator.",
    "issue.broken_quoting": "De aanhalingstekens (\") in de kopregel vormen geen paren, dus de "
    "kolommen zijn niet uit elkaar te houden; download het bestand opnieuw of herstel de "
    "aanhalingstekens.",
    "issue.broken_quoting.statline": "De aanhalingstekens (\") in de kopregel vormen geen "
    "paren, dus de kolommen zijn niet uit elkaar te houden (een StatLine-download, gezien de "
    "kolommen Perioden en Regio's); download het bestand opnieuw of herstel de "
    "aanhalingstekens.",
    "issue.missing_metadata.odata_page": "{file} is één opgeslagen pagina van een CBS "
    "OData-{version}-antwoord (tabel {table}); een losse pagina heeft geen titels of eenheden "
    "voor de onderwerpen. Laad de map met de metadata van de tabel ({needs}), zoals `{command}` "
    "die opslaat.",
    "issue.malformed_json.too_deep": "Het bestand nest lijsten of objecten te diep om te lezen.",
    "issue.malformed_json.too_deep_file": "{file} nest lijsten of objecten te diep voor een "
    "opgeslagen OData-antwoord.",
    "issue.unreadable_file": "Het bestand is niet te lezen: {error}",
    "issue.unreadable_file.mapping": "Het koppelbestand is niet te lezen: {error}",
    "issue.time_limit_exceeded": "Het controleren is gestopt na {seconds} seconden "
    "(BW_INTAKE_SECONDS): dit bestand kost veel meer tijd om te lezen dan zijn grootte doet "
    "verwachten (pakt het uit tot veel meer, zoals een zip- of celbom?); er is niets geladen.",
    "issue.not_a_regular_file": "Dit is {kind}, geen gewoon bestand: alleen bestanden en mappen "
    "worden gelezen.",
    "issue.not_a_regular_file.link": "Dit is (via een symbolische koppeling) {kind}, geen gewoon "
    "bestand: alleen bestanden en mappen worden gelezen.",
    "issue.reloaded_superseded.check": "Precies dit bestand is eerder geladen als lading {load}, "
    "maar latere ladingen hebben waarden ervan vervangen (lading en aantal waarden: {by}); "
    "laden zet de waarden uit het bestand terug als een nieuwe lading (maak die ongedaan om "
    "terug te gaan naar de latere waarden).",
    "issue.reloaded_superseded.check_absent": "Precies dit bestand is eerder geladen als lading "
    "{load}, maar latere ladingen hebben waarden ervan vervangen (lading en aantal waarden: "
    "{by}) en {new} van zijn waarden staan niet meer in de database; laden zet de waarden uit "
    "het bestand terug als een nieuwe lading (maak die ongedaan om terug te gaan naar de "
    "latere waarden).",
    "issue.reloaded_superseded.load": "Precies dit bestand is eerder geladen als lading {load}, "
    "maar latere ladingen hebben waarden ervan vervangen (lading en aantal waarden: {by}); het "
    "is opnieuw geladen als een nieuwe lading die de waarden uit het bestand terugzet (maak "
    "die ongedaan om terug te gaan naar de latere waarden).",
    "issue.reloaded_superseded.load_absent": "Precies dit bestand is eerder geladen als lading "
    "{load}, maar latere ladingen hebben waarden ervan vervangen (lading en aantal waarden: "
    "{by}) en {new} van zijn waarden staan niet meer in de database; het is opnieuw geladen als "
    "een nieuwe lading die de waarden uit het bestand terugzet (maak die ongedaan om terug te "
    "gaan naar de latere waarden).",
    "issue.mixed_encoding": "Het bestand begint met een UTF-8-bytevolgordeteken (BOM), maar deze "
    "regel is geen UTF-8 (byte {byte}, Latin-1/Windows-1252-tekst?); sla het hele bestand "
    "opnieuw op als CSV UTF-8.",
    "issue.xlsx_too_large.cells": "Het eerste werkblad heeft meer dan {limit} cellen; meer "
    "worden er niet gelezen (BW_MAX_XLSX_CELLS).",
    "issue.what.gzip": "met gzip ingepakt (.gz)",
    "issue.what.xz": "met xz ingepakt (.xz)",
    "issue.what.zstd": "met zstd ingepakt (.zst)",
    "issue.what.bzip2": "met bzip2 ingepakt (.bz2)",
    "issue.what.7z": "een 7-Zip-archief (.7z)",
    "issue.what.rar": "een RAR-archief",
    "issue.what.xls": "een Excel 97-2003-werkmap (.xls) of een ander oud Office-bestand",
    "issue.what.pdf": "een PDF-document",
    "issue.what.png": "een PNG-afbeelding",
    "issue.what.jpeg": "een JPEG-afbeelding",
    "issue.compressed_file": "Het bestand is {what}, geen werkmap of teksttabel; pak het eerst "
    "uit.",
    "issue.compressed_file.named": "Het bestand is {what}, geen werkmap of teksttabel, ook al "
    "heet het {file}; pak het eerst uit.",
    "issue.compressed_file.zip": "Het bestand is een zip-archief; pak het eerst uit (een "
    "Excel-werkmap moet op .xlsx eindigen).",
    "issue.compressed_file.zip_named": "Het bestand is een zip-archief, ook al heet het {file}; "
    "pak het eerst uit (een Excel-werkmap moet op .xlsx eindigen).",
    "issue.binary_file": "Het bestand is {what}, geen werkmap of teksttabel; sla het op als "
    ".xlsx of als CSV UTF-8.",
    "issue.binary_file.named": "Het bestand is {what}, geen werkmap of teksttabel, ook al heet "
    "het {file}; sla het op als .xlsx of als CSV UTF-8.",
    "issue.binary_file.nul": "Het bestand bevat binaire gegevens (NUL-bytes), geen tekst; is het "
    "het bestand dat u bedoelde? Sla een tabel op als .xlsx of als CSV UTF-8.",
    "issue.wrong_encoding.unicode": "Het bestand is {name}-tekst ('Unicode-tekst' uit een "
    "spreadsheet); sla het op als CSV UTF-8.",
    "issue.wrong_encoding.utf16_no_bom": "Het bestand is UTF-16-tekst zonder "
    "bytevolgordeteken ('Unicode-tekst' uit een spreadsheet); sla het op als CSV UTF-8.",
}

EN = {
    "issue.where_lines": " (lines {lines})",
    "issue.where_ref": " ({ref})",
    "issue.more_lines": "… and {count} more lines like this",
    "issue.more_cells": "… and {count} more cells like this",
    "issue.role.label": "indicator",
    "issue.role.year": "year",
    "issue.role.value": "value",
    "issue.role.name": "region name",
    "issue.role.code": "region code",
    "issue.role.region": "region",
    "issue.role.low": "lower bound",
    "issue.role.high": "upper bound",
    "issue.role.corop": "COROP region",
    "issue.role.province": "province",
    "issue.role.landsdeel": "landsdeel",
    "issue.role.size_class": "size class",
    "issue.role.urbanity": "urbanity",
    "issue.role.corop_code": "COROP region (group 'COROP-gebieden', topic 'Code')",
    "issue.role.province_code": "province (group 'Provincies', topic 'Code')",
    "issue.role.landsdeel_code": "landsdeel (group 'Landsdelen', topic 'Code')",
    "issue.role.size_class_code": "size class (group 'Gemeentegrootte', topic 'Code')",
    "issue.role.urbanity_code": "urbanity (group 'Stedelijkheid', topic 'Code')",
    "issue.role.population": "population (topic 'Inwonertal')",
    "issue.role.minimum": "the minimum",
    "issue.role.ambition": "the ambition",
    "issue.role.ceiling": "the ceiling",
    "issue.role.target_year": "the target year",
    "issue.role.baseline_year": "the baseline year",
    "issue.not_found": "The file {file} does not exist.",
    "issue.not_found.odata_folder": "{file} is not a folder of saved CBS API responses (OData).",
    "issue.empty_file": "The file is empty (0 bytes).",
    "issue.empty_file.named": "{file} is empty (0 bytes).",
    "issue.file_too_large": "The file is {size_mb} MB; the limit is {limit_mb} MB "
    "(BW_MAX_UPLOAD_MB).",
    "issue.unknown_format": "The format of this file cannot be recognised.",
    "issue.unknown_format.container": "{file} is no folder, workbook or JSON file that a loader "
    "recognises; choose the format yourself.",
    "issue.unknown_format.header": "Cannot tell the format from the header ({header}…); choose "
    "the format yourself.",
    "issue.unknown_format.option": "Format '{value}' does not exist; choose one of {formats}.",
    "issue.already_loaded": "This exact file was loaded before as load {load}; nothing "
    "changes.",
    "issue.missing_values": "{count} values are empty or '.' in the file; they are stored as "
    "missing with that reason, never as 0.",
    "issue.check_failed": "The file could not be checked ({error}); nothing was loaded.",
    "issue.no_delimiter": "The header has no ',', ';' or tab: not a delimited file, or a "
    "single column.",
    "issue.no_delimiter.file": "{file} has no ',', ';' or tab in its header.",
    "issue.wrong_encoding": "The file is UTF-16 or binary, not a CSV text file (save it as CSV "
    "UTF-8, or download it again from StatLine).",
    "issue.unexpected_encoding": "This download is normally UTF-8, but the file is not valid "
    "UTF-8; it is read as Windows-1252/Latin-1 (was it re-saved by a spreadsheet?).",
    "issue.malformed_csv": "The CSV file cannot be read properly: {error}",
    "issue.malformed_csv.cut_off": "The line is cut off (unterminated quote).",
    "issue.malformed_csv.cut_off_error": "The line looks cut off: {error}",
    "issue.malformed_csv.field_count": "The row has {fields} fields, the header {expected}.",
    "issue.malformed_csv.short_row": "The row has {fields} fields, the header {expected} (the "
    "line looks cut off).",
    "issue.malformed_csv.file": "{file} cannot be read properly: {error}",
    "issue.malformed_csv.file_fields": "{file} line {row} has {fields} fields; the header has "
    "{expected}.",
    "issue.malformed_csv.file_line": "{file} line {row}: {error}",
    "issue.malformed_json": "{file} is not valid JSON: {error}",
    "issue.malformed_json.no_rows": "{file} has no list of rows under 'value' (not an OData "
    "response).",
    "issue.malformed_row": "Row {row} has values beyond the last named column.",
    "issue.wrong_field_count": "{fields} fields where the header has {expected}.",
    "issue.no_rows": "The source holds no data rows.",
    "issue.no_rows.header_only": "The file has a header but no data rows.",
    "issue.no_rows.empty": "The file is empty.",
    "issue.no_rows.empty_sheet": "The first sheet is empty.",
    "issue.no_rows.indicators": "The file has a header but no indicators.",
    "issue.no_rows.targets": "The file has a header but no targets.",
    "issue.no_observations": "Nothing to load: no topic of the source maps to an indicator, or "
    "every row was left out.",
    "issue.not_xlsx": "The workbook cannot be read: {error}",
    "issue.not_xlsx.empty": "The .xlsx file is empty (0 bytes).",
    "issue.not_xlsx.not_zip": "Not an Excel workbook (.xlsx is a zip file): {error}",
    "issue.not_xlsx.zip_not_workbook": "A zip file, but not an Excel workbook (save it as "
    ".xlsx).",
    "issue.not_xlsx.encrypted": "The workbook is encrypted; save it without a password.",
    "issue.not_xlsx.no_sheets": "The workbook has no sheets.",
    "issue.xlsx_too_large.parts": "The workbook has {count} parts; at most {limit} are "
    "accepted.",
    "issue.xlsx_too_large.unpacked": "The workbook unpacks to {size_mb} MB; at most {limit_mb} "
    "MB is accepted, as for any file (BW_MAX_UPLOAD_MB).",
    "issue.extra_sheets": "Only the first sheet ('{sheet}') is read; ignored: {ignored}.",
    "issue.missing_header": "The header must be on row 1; row 1 is empty and the sheet starts "
    "on row {first_row}.",
    "issue.missing_column": "Required column '{column}' is missing.",
    "issue.missing_column.required": "Required column '{column}' is missing (the header must "
    "have {required}).",
    "issue.missing_column.delivery": "Required column '{column}' is missing (a delivery has "
    "GEOITEM, PERIOD, GEOLEVEL, then one column per indicator).",
    "issue.missing_column.role": "No {role} column (one of {names}).",
    "issue.missing_column.bounds": "Give both the lower and the upper bound column, or "
    "neither.",
    "issue.missing_column.dimension": "Dimension {dimension} has no column.",
    "issue.missing_column.region": "No region column ({column}) in the header.",
    "issue.missing_column.region_or_period": "No RegioS or Perioden column in the header.",
    "issue.missing_column.before_topics": "No {column} column before the topic columns.",
    "issue.missing_column.region_heading": "No single region row heading (Regio's).",
    "issue.missing_column.geo": "No geographic dimension (RegioS) in the observations.",
    "issue.missing_column.geo_among": "No geographic dimension (RegioS) among {dimensions}.",
    "issue.missing_column.data_properties": "Column '{column}' named in DataProperties.csv is "
    "not in data.csv.",
    "issue.missing_column_name": "Column {position} has values but no name in the header.",
    "issue.unknown_column": "Column '{column}' is not known.",
    "issue.unknown_column.allowed": "Column '{column}' is not part of the long CSV (allowed: "
    "{allowed}).",
    "issue.unknown_column.indicator": "Column '{column}' is not an indicator field.",
    "issue.unknown_column.target": "Column '{column}' is not a target field.",
    "issue.duplicate_column": "Column '{column}' occurs more than once.",
    "issue.duplicate_column.role": "Columns {columns} all look like the {role} column.",
    "issue.duplicate_column.same_indicator": "Columns '{column}' and '{other}' hold the same "
    "indicator and year.",
    "issue.ignored_column": "Columns not read: {columns}.",
    "issue.column_ignored": "Columns that are neither topic nor dimension are ignored: "
    "{columns}.",
    "issue.no_indicator_columns": "The file has no indicator columns.",
    "issue.no_indicator_columns.delivery": "The file has no indicator columns after GEOITEM, "
    "PERIOD and GEOLEVEL.",
    "issue.no_indicator_columns.table": "A table export has the gemeente names, then columns "
    "such as 'Werkloosheid 2022'.",
    "issue.no_period_in_column": "Column '{column}' does not end in a year ('Werkloosheid "
    "2022').",
    "issue.bad_header.title": "The first line should be the table title alone.",
    "issue.bad_header.no_rows": "No header rows (Onderwerpen, units) after the title.",
    "issue.bad_header.headings": "Cannot tell the row headings from the topic columns.",
    "issue.bad_header.rows": "Expected Onderwerpen rows, one unit row and at most one period "
    "row.",
    "issue.bad_header.no_topic": "Column {position} has no topic.",
    "issue.missing_footer": "The CBS footer line (© Centraal Bureau voor de Statistiek … / "
    "Bron: CBS) is missing: the download may be cut off.",
    "issue.ignored_lines": "{count} lines after the footer are ignored.",
    "issue.missing_file.observations": "No observations*.json page in the folder.",
    "issue.missing_file.data": "Neither data.csv (cbsodataR) nor TypedDataSet*.json pages.",
    "issue.missing_file.beside_data": "{file} is missing next to data.csv; save the table with "
    "cbsodataR (cbs_download_table) so the metadata come along.",
    "issue.missing_metadata.measure_codes": "measure-codes.json (MeasureCodes) is missing: the "
    "titles and units of the topics are needed to map them.",
    "issue.missing_metadata.dimensions": "dimensions.json is missing: the geographic and time "
    "dimensions are recognised from their codes.",
    "issue.missing_metadata.data_properties": "DataProperties (.json or .csv) is missing: it "
    "names the dimensions and gives the topics' titles and units.",
    "issue.missing_topic": "DataProperties.csv names no {role}.",
    "issue.incomplete_download.next_link": "The last page {file} links to a next page: the "
    "pages after it were not saved, so the table is incomplete.",
    "issue.incomplete_download.count": "index.json announces {expected} rows, the pages hold "
    "{found}.",
    "issue.extra_dimension": "Dimension {dimension} has several categories; bw stores one value "
    "per topic, region and period: select one category of {dimension}.",
    "issue.extra_dimension.row_heading": "Row heading '{dimension}' has several categories; bw "
    "stores one value per topic, region and period: select one.",
    "issue.extra_dimension.single": "Dimension {dimension} has the single category "
    "'{category}'; it is ignored.",
    "issue.no_period": "The observations have no time dimension (Perioden).",
    "issue.no_period.table_infos": "No Perioden column, and TableInfos gives no single period "
    "(year) for the table.",
    "issue.no_period.heading_or_row": "Periods must be either a row heading (Perioden) or one "
    "header row.",
    "issue.table_period": "The table has no time dimension; its values are for {period} "
    "(TableInfos Period).",
    "issue.no_topics": "The header has no topic column.",
    "issue.no_topics.data_csv": "data.csv has no column of a DataProperties topic.",
    "issue.no_topics.pages": "The dataset pages have no DataProperties topic.",
    "issue.no_topic_metadata": "The file names its topics by key only, without titles or "
    "units, so units cannot be checked: map them by key, or put the table's DataProperties "
    "file beside it.",
    "issue.text_topic": "{count} text topics are codes or names, not observations, and are not "
    "loaded: {topics}",
    "issue.unknown_topic": "The observations use measure '{topic}', which measure-codes.json "
    "does not describe.",
    "issue.topic_skipped": "{count} topics are not in the mapping and are not loaded: {topics}",
    "issue.unmapped_topic": "'{topic}' maps to no indicator; map it, or load with new "
    "indicators created ('te classificeren').",
    "issue.unmapped_topic.unit": "Topic {topic} (unit {unit}) matches no catalogue indicator by "
    "name and unit: map it, or load with new indicators 'te classificeren'.",
    "issue.unmapped_topic.population": "Topic '{topic}' maps to no indicator: '{indicator}' is "
    "not in the catalogue.",
    "issue.duplicate_mapping": "Topics {topics} all map to {indicator}; map one topic per "
    "indicator.",
    "issue.new_indicator": "'{topic}' becomes the new indicator '{indicator}' (to be "
    "classified): set its good direction and dimension.",
    "issue.unit_mismatch": "Unit '{unit}' differs from the catalogue's unit for '{indicator}' "
    "('{expected}').",
    "issue.unit_mismatch.topic": "Topic '{topic}' is in '{unit}', but indicator {indicator} is "
    "in '{expected}'.",
    "issue.unknown_indicator": "Indicator '{indicator}' is not known.",
    "issue.unknown_indicator.mapping": "The mapping sends '{topic}' to '{indicator}', which is "
    "not in the catalogue.",
    "issue.ambiguous_decimal": "Values such as 1.234 could be thousands with a decimal comma; "
    "the file has no comma, so '.' is read as the decimal point.",
    "issue.missing_field": "Field '{column}' is empty.",
    "issue.missing_field.region": "The region is empty{where}.",
    "issue.missing_field.period": "The period is empty{where}.",
    "issue.missing_field.gemeente": "The gemeente name is empty.",
    "issue.missing_field.parent": "{region} has no {role} code.",
    "issue.missing_field.class": "{region} has no {role}; it is left empty.",
    "issue.not_a_number": "Column {column}: '{value}' is not a number.",
    "issue.not_a_number.header": "Column {header}: '{value}' is not a number.",
    "issue.not_a_number.topic": "Value '{value}' of topic '{topic}' is not a number{where}.",

    "issue.not_a_number.population": "Population '{value}' of {region} is not a whole number.",
    "issue.unknown_marker": "{header}: value {value} looks like a missing-value code, but only "
    "-99998 is documented; it is not stored as a number.",
    "issue.interval_mismatch": "The 95% interval {low}–{high} does not contain the value "
    "{value}.",
    "issue.interval_mismatch.one_bound": "Give both the lower and the upper bound, or neither.",
    "issue.unknown_status": "Status '{value}' is not definitief, voorlopig or nader voorlopig.",
    "issue.bad_period": "Period '{value}' is not a year (2023, 2023JJ00, 2024*), quarter "
    "(2023KW02) or month (2023MM10){where}.",
    "issue.bad_period.year": "Period '{value}' is not a year (2023, or provisional 2023*).",
    "issue.bad_period.table_infos": "Neither the Period ('{value}') nor the title ('{title}') "
    "of TableInfos.csv gives the table's year.",
    "issue.duplicate_key": "{key} occurs more than once with different values{where}.",
    "issue.duplicate_key.region": "{region} occurs again (first on line {first_line}).",
    "issue.duplicate_row": "{key} repeats the same value{where}; it is stored once.",
    "issue.unknown_region": "Region '{region}' is not known.",
    "issue.unknown_region.name": "'{region}' is not the name of a region in the store{where}.",
    "issue.unknown_region.mojibake": "'{region}' is not the name of a region in the "
    "store{where} — the text looks wrongly decoded (Ã…): check the file's encoding.",
    "issue.unknown_region.store": "Region code '{region}' is not in the store.",
    "issue.unknown_region.level": "'{region}' is not a CBS code of a level bw stores (NL, LD, "
    "PV, CR, GM, WK, BU){where}.",
    "issue.unknown_region.region_list": "Region {region} is neither in the store nor in the "
    "table's own region list{where}.",
    "issue.unknown_region.geoitem": "Gemeente {region} (GEOITEM {value}) is not in the store.",
    "issue.ambiguous_region": "Region name '{region}' matches more than one region{where}; CBS "
    "writes the disambiguated name, e.g. Bergen (NH.) or Groningen (gemeente).",
    "issue.ambiguous_region.candidates": "'{region}' matches {candidates}; use the CBS code or "
    "the CBS name (Bergen (NH.), Bergen (L.)).",
    "issue.bad_region_code": "GEOITEM '{value}' is not a numeric gemeente code (363 = GM0363).",
    "issue.unsupported_geolevel": "GEOLEVEL '{value}' is not supported: only gemeente rows are "
    "read.",
    "issue.historical_region": "{region} is not in the store; it is added from the table's "
    "region list as a historical region (last year {last_year}).",
    "issue.new_region": "{count} regions are not in the store and are added from the table's "
    "region list: {regions}",
    "issue.unnamed_region": "{count} regions are not in the store and the file does not name "
    "them; they are added with their code as name: {regions} (put the table's region list "
    "(RegioS) beside the file, or load the region reference first).",
    "issue.empty_region_skipped.codes": "{count} region codes have no value at all in the file "
    "and are not in the store; their rows are not loaded: {regions}",
    "issue.empty_region_skipped.names": "Not loaded, as they have no value at all: {name_rows} "
    "rows of {names} region names not in the store ({names_shown}).",
    "issue.empty_region_skipped.ended": "Not loaded, as they have no value at all: "
    "{ended_rows} rows of {ended} dissolved regions in years after their last year "
    "({ended_shown}).",
    "issue.empty_region_skipped.names_and_ended": "Not loaded, as they have no value at all: "
    "{name_rows} rows of {names} region names not in the store ({names_shown}); {ended_rows} "
    "rows of {ended} dissolved regions in years after their last year ({ended_shown}).",
    "issue.dissolved_region": "{region} ended in {last_year} (dissolved), yet the file gives it "
    "values for {years}{where}; remove those rows, or correct the region's last year with the "
    "region reference.",
    "issue.renamed_region": "{region} is '{theirs}' in the file but '{ours}' in the store "
    "(renamed?); the values are loaded for {region}, the store keeps its name{where}.",
    "issue.region_name_differs": "{region} is '{ours}' in the store and '{theirs}' in the "
    "table; the store's name is kept.",
    "issue.region_attributes_changed": "{region}: {changes}",
    "issue.region_not_in_reference": "{count} gemeenten of the store are not in this table "
    "(dissolved, or newer than it): {regions}",
    "issue.level_mismatch": "{region} is a {level_store} region in the store but a "
    "{level_table} region in the table.",
    "issue.inconsistent_parent": "{region} puts {key} in {value}, line {first_line} in "
    "{first}.",
    "issue.unexpected_table": "TableInfos.csv names '{title}', not a '{expected}' table.",
    "issue.bad_code.gemeente": "Region '{value}' is not a gemeente code (GM + 4 digits).",
    "issue.bad_code.parent": "Code '{value}' for {role} of {region} is not a CBS code.",
    "issue.bad_code.class": "{role} '{value}' of {region} is not a CBS class ({low}–{high}).",
    "issue.bad_id": "Id '{value}' must look like 'theme.name' (a-z, 0-9, _).",
    "issue.bad_decimals": "Decimals '{value}' must be 0 to 6.",
    "issue.bad_range": "The lower bound {low} must be below the upper bound {high}.",
    "issue.bad_range_bound": "{column} '{value}' is not a number.",
    "issue.bad_direction": "Direction '{value}' must be up, down or neutral.",
    "issue.bad_aggregation": "Aggregation '{value}' must be sum, weighted_mean or none.",
    "issue.unknown_theme": "Theme(s) {themes} not known; use theme ids such as {examples}.",
    "issue.dimension_mismatch": "Dimensions {dimensions} do not match the themes' dimensions "
    "({expected}).",
    "issue.duplicate_id": "{indicator} also on line {first_line}.",
    "issue.unit_change": "{indicator} has observations in '{unit}'; its unit cannot become "
    "'{new}'.",
    "issue.empty_target": "Fill in at least a minimum, ambition or ceiling.",
    "issue.direction_mismatch.up": "Higher is better, so the ambition ({ambition}) cannot be "
    "below the minimum ({minimum}).",
    "issue.direction_mismatch.down": "Lower is better, so the ambition ({ambition}) cannot be "
    "above the minimum ({minimum}).",
    "issue.direction_implied": "This indicator has no good direction; the target sets which "
    "way is better.",
    "issue.direction_implied.higher": "This indicator has no good direction; with an ambition "
    "above the minimum, higher counts as better here.",
    "issue.direction_implied.lower": "This indicator has no good direction; with an ambition "
    "below the minimum, lower counts as better here.",
    "issue.ceiling_order": "The ceiling ({ceiling}) is an upper limit and cannot be below "
    "{role} ({value}).",
    "issue.implausible_value.range": "{role} ({value}) is not possible in '{unit}': values lie "
    "between {low} and {high}.",
    "issue.implausible_value.at_least": "{role} ({value}) is not possible in '{unit}': values "
    "are at least {low}.",
    "issue.implausible_value.at_most": "{role} ({value}) is not possible in '{unit}': values "
    "are at most {high}.",
    "issue.implausible_value.finite": "{role} ({value}) is not a finite number.",
    "issue.bad_year": "Column {column}: '{value}' is not a year.",

    "issue.bad_year.range": "{role} {value} is not between {low} and {high}.",
    "issue.year_order": "The target year ({target_year}) must come after the baseline year "
    "({baseline_year}).",
    "issue.duplicate_target": "{region} × {indicator} also on line {first_line}.",
    "issue.mapping_not_found": "Mapping file {file} does not exist.",
    "issue.mapping_too_large": "Mapping file {file} is larger than {limit_mb} MB.",
    "issue.mapping_encoding": "Mapping file {file} is not UTF-8 text.",
    "issue.mapping_bad_header": "{file}:1: the header must be {expected} (found {found}).",
    "issue.mapping_bad_row": "{file}:{row}: expected 2 cells, found {fields}.",
    "issue.mapping_missing_field": "{file}:{row}: source_key and indicator_id are both "
    "required.",
    "issue.mapping_unknown_indicator": "{file}:{row}: indicator '{indicator}' is not in the "
    "catalogue.",
    "issue.mapping_duplicate_key": "{file}:{row}: '{key}' maps to '{indicator}' on line "
    "{first_line} already.",
    "issue.more_values": "… and {count} more values like this",
    "issue.kind.fifo": "a named pipe (FIFO)",
    "issue.kind.device": "a device",
    "issue.kind.socket": "a socket",
    "issue.kind.other": "something else",
    "issue.catalogue_below": "{key}: value {value} is below what is possible: the catalogue's "
    "range for this indicator (lower bound {low}, upper bound {high}).",
    "issue.catalogue_above": "{key}: value {value} is above what is possible: the catalogue's "
    "range for this indicator (lower bound {low}, upper bound {high}).",
    "issue.percent_below": "{key}: value {value} is not possible: a percentage (unit {unit}) "
    "lies between 0 and 100.",
    "issue.percent_above": "{key}: value {value} is not possible: a percentage (unit {unit}) "
    "lies between 0 and 100.",
    "issue.mark_below": "{key}: value {value} is not possible: a report mark lies between 1 and "
    "10.",
    "issue.mark_above": "{key}: value {value} is not possible: a report mark lies between 1 and "
    "10.",
    "issue.score_below": "{key}: value {value} is not possible: a score (unit {unit}) lies "
    "between {low} and {high}.",
    "issue.score_above": "{key}: value {value} is not possible: a score (unit {unit}) lies "
    "between {low} and {high}.",
    "issue.non_negative_below": "{key}: value {value} is not possible: '{unit}' is never "
    "negative.",
    "issue.non_negative_above": "{key}: value {value} is not possible in '{unit}'.",
    "issue.source_unit_below": "{key}: value {value} looks impossible in the unit the source "
    "names ('{unit}': lower bound {low}).",
    "issue.source_unit_above": "{key}: value {value} looks impossible in the unit the source "
    "names ('{unit}': upper bound {high}).",
    "issue.unlikely_value.count_fraction": "{key}: value {value} is a count with a fraction; is "
    "the decimal separator right?",
    "issue.unlikely_value.fractions": "All {count} values of {indicator} in the file lie "
    "between 0 and 1, but its unit is %: are they fractions (0.045) instead of percentages "
    "(4.5)?",
    "issue.implausible_period": "{key}: period {value} is not a year between {low} and {high} "
    "(next year).",
    "issue.future_period": "{key}: period {value} starts after today ({today}); it becomes the "
    "latest value of this indicator.",
    "issue.broken_quoting": "The quotes (\") of the header do not pair up, so its columns "
    "cannot be told apart; download the file again or repair its quotes.",
    "issue.broken_quoting.statline": "The quotes (\") of the header do not pair up, so its "
    "columns cannot be told apart (a StatLine download, by its Perioden and Regio's columns); "
    "download the file again or repair its quotes.",
    "issue.missing_metadata.odata_page": "{file} is one saved page of a CBS OData {version} "
    "response (table {table}); a page alone has no titles or units for its topics. Load the "
    "folder with the table's metadata ({needs}), as `{command}` saves it.",
    "issue.malformed_json.too_deep": "The file nests arrays or objects too deeply to be read.",
    "issue.malformed_json.too_deep_file": "{file} nests arrays or objects too deeply to be a "
    "saved OData response.",
    "issue.unreadable_file": "The file cannot be read: {error}",
    "issue.unreadable_file.mapping": "The mapping file cannot be read: {error}",
    "issue.time_limit_exceeded": "Checking stopped after {seconds} seconds "
    "(BW_INTAKE_SECONDS): this file takes far longer to read than its size suggests (does it "
    "unpack to much more, like a decompression or cell bomb?); nothing was loaded.",
    "issue.not_a_regular_file": "This is {kind}, not a regular file: only files and folders "
    "are read.",
    "issue.not_a_regular_file.link": "This is (through a symbolic link) {kind}, not a regular "
    "file: only files and folders are read.",
    "issue.reloaded_superseded.check": "This exact file was loaded before as load {load}, but "
    "later loads replaced some of its values (load and number of values: {by}); loading puts "
    "the file's values back as a new load (undo it to return to the later values).",
    "issue.reloaded_superseded.check_absent": "This exact file was loaded before as load "
    "{load}, but later loads replaced some of its values (load and number of values: {by}) and "
    "{new} of its values are no longer in the store; loading puts the file's values back as a "
    "new load (undo it to return to the later values).",
    "issue.reloaded_superseded.load": "This exact file was loaded before as load {load}, but "
    "later loads replaced some of its values (load and number of values: {by}); it was loaded "
    "again as a new load that puts the file's values back (undo it to return to the later "
    "values).",
    "issue.reloaded_superseded.load_absent": "This exact file was loaded before as load {load}, "
    "but later loads replaced some of its values (load and number of values: {by}) and {new} "
    "of its values are no longer in the store; it was loaded again as a new load that puts the "
    "file's values back (undo it to return to the later values).",
    "issue.mixed_encoding": "The file starts with a UTF-8 byte-order mark, but this line is not "
    "UTF-8 (byte {byte}, Latin-1/Windows-1252 text?); save the whole file again as CSV UTF-8.",
    "issue.xlsx_too_large.cells": "The first sheet has more than {limit} cells; at most that "
    "many are read (BW_MAX_XLSX_CELLS).",
    "issue.what.gzip": "gzip-compressed (.gz)",
    "issue.what.xz": "xz-compressed (.xz)",
    "issue.what.zstd": "zstd-compressed (.zst)",
    "issue.what.bzip2": "bzip2-compressed (.bz2)",
    "issue.what.7z": "a 7-Zip archive (.7z)",
    "issue.what.rar": "a RAR archive",
    "issue.what.xls": "an Excel 97-2003 workbook (.xls) or another old Office file",
    "issue.what.pdf": "a PDF document",
    "issue.what.png": "a PNG image",
    "issue.what.jpeg": "a JPEG image",
    "issue.compressed_file": "The file is {what}, not a workbook or text table; unpack it "
    "first.",
    "issue.compressed_file.named": "The file is {what}, not a workbook or text table despite "
    "its name ({file}); unpack it first.",
    "issue.compressed_file.zip": "The file is a zip archive; unpack it first (an Excel "
    "workbook must be named .xlsx).",
    "issue.compressed_file.zip_named": "The file is a zip archive despite its name ({file}); "
    "unpack it first (an Excel workbook must be named .xlsx).",
    "issue.binary_file": "The file is {what}, not a workbook or text table; save it as .xlsx or "
    "as CSV UTF-8.",
    "issue.binary_file.named": "The file is {what}, not a workbook or text table despite its "
    "name ({file}); save it as .xlsx or as CSV UTF-8.",
    "issue.binary_file.nul": "The file holds binary data (NUL bytes), not text; is it the file "
    "you meant? Save a table as .xlsx or as CSV UTF-8.",
    "issue.wrong_encoding.unicode": "The file is {name} text (a spreadsheet's 'Unicode text'); "
    "save it as CSV UTF-8.",
    "issue.wrong_encoding.utf16_no_bom": "The file is UTF-16 text without a byte-order mark (a "
    "spreadsheet's 'Unicode text'); save it as CSV UTF-8.",
}
