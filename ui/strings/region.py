"""UI strings of choosing a region (issue 13): no default gemeente, a short prompt instead."""

NL: dict[str, str] = {
    "sidebar.region_placeholder": "Kies uw gemeente",
    "sidebar.region_unknown": "De regio '{code}' uit de link staat niet in de database. Kies "
    "een regio.",
    "region.prompt_title": "Kies uw gemeente",
    "region.prompt_body": "Deze pagina laat zien hoe een gemeente, provincie of andere regio "
    "ervoor staat. Kies hieronder of in de zijbalk welke; de app onthoudt uw keuze op dit "
    "apparaat en zet hem in de link.",
    "region.prompt_label": "Gemeente of regio",
}

EN: dict[str, str] = {
    "sidebar.region_placeholder": "Choose your municipality",
    "sidebar.region_unknown": "The region '{code}' in the link is not in the database. Choose "
    "a region.",
    "region.prompt_title": "Choose your municipality",
    "region.prompt_body": "This page shows how a municipality, province or other region is "
    "doing. Choose which below or in the sidebar; the app remembers your choice on this device "
    "and puts it in the link.",
    "region.prompt_label": "Municipality or region",
}
