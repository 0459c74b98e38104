"""UI strings of deployment: a write that waits for another one (one writer per store)."""

NL = {
    "deploy.busy": "Bezig, probeer het zo opnieuw: iemand anders schrijft op dit moment naar de "
    "database. Er is niets opgeslagen.",
    "deploy.publish_failed": "Opgeslagen, maar de kopie voor de alleen-lezen servers kon niet "
    "worden bijgewerkt: {error}",
}

EN = {
    "deploy.busy": "Busy, try again in a moment: someone else is writing to the database right "
    "now. Nothing was saved.",
    "deploy.publish_failed": "Saved, but the copy for the read-only servers could not be "
    "updated: {error}",
}
