"""UI strings of intake progress: the phases of bw.intake.load_file while files load."""

NL = {
    "ingest.progress": "Bestand {index} van {total} ({name}): {phase}",
    "ingest.phase.validating": "inlezen en controleren",
    "ingest.phase.comparing": "vergelijken met de opgeslagen waarden",
    "ingest.phase.writing": "wegschrijven",
    "ingest.phase.refreshing": "afgeleide tabellen bijwerken",
    "ingest.phase.done": "klaar",
}

EN = {
    "ingest.progress": "File {index} of {total} ({name}): {phase}",
    "ingest.phase.validating": "reading and checking",
    "ingest.phase.comparing": "comparing with the stored values",
    "ingest.phase.writing": "writing",
    "ingest.phase.refreshing": "updating derived tables",
    "ingest.phase.done": "done",
}
