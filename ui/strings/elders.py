"""Strings of the Elders page, also when the store holds no elders figures (ui/elders.py).

The page's explanation of *elders* is one text in two uses: with the sentence that the page
shows the indicators (a store with elders figures) and without it (a store without).
"""

_MEANING_NL = (
    "Elders gaat over de effecten van {region} op mensen buiten de regio: "
    "in andere regio's en in het buitenland. Wat hier wordt uitgestoten, verbruikt, "
    "weggegooid of gekocht, merken anderen: de uitstoot van broeikasgassen en stikstof waait "
    "over de grens, "
    "grondstoffen en energie komen van elders, afval moet ergens heen, pendelaars werken in "
    "andere gemeenten, en import uit lage-inkomenslanden geeft daar werk en inkomen."
)
_SHOWS_NL = (
    "Deze pagina laat die indicatoren zien, met dezelfde status, trend en positie als bij hier "
    "en nu."
)
_MEANING_EN = (
    "Elsewhere is about the effects of {region} on people outside the region: "
    "in other regions and abroad. What is emitted, used, thrown away or bought here is felt "
    "by others: greenhouse gases and nitrogen cross the border, raw materials and energy come "
    "from elsewhere, waste has to go somewhere, commuters work in other municipalities, and "
    "imports from low-income countries give work and income there."
)
_SHOWS_EN = (
    "This page shows those indicators with the same status, trend and position as here and "
    "now."
)

NL = {
    "elders.title": "Elders",
    "elders.body": f"{_MEANING_NL} {_SHOWS_NL}",
    "elders.meaning": _MEANING_NL,
    "elders.none_cbs": "De Regionale Monitor Brede Welvaart van CBS meet *elders* niet per "
    "gemeente; CBS publiceert elders alleen voor Nederland als geheel. Deze database bevat "
    "daarom geen elders-indicatoren voor deze regio.",
    "elders.none_cbs_nl": "CBS publiceert elders voor Nederland als geheel in de landelijke "
    "Monitor Brede Welvaart; deze database bevat de Regionale Monitor Brede Welvaart, die "
    "elders niet meet, en daarom geen elders-indicatoren.",
    "elders.none_other": "Deze database bevat nog geen cijfers voor elders voor deze regio.",
    "elders.instead_heading": "Wat deze database wel bevat voor {region}",
    "elders.dimension_count": "{dimension}: {with_value} van {total} indicatoren met cijfers",
    "elders.dimension_empty": "{dimension}: geen indicatoren",
    "elders.related_heading": "Het dichtst bij elders: milieu en natuurlijk kapitaal",
    "elders.related_intro": "Uitstoot, lucht en natuur houden niet op bij de gemeentegrens, "
    "dus de thema's milieu (hier en nu) en natuurlijk kapitaal (later) zeggen ook iets over "
    "de effecten van {region} op anderen. Dit zijn hun indicatoren met cijfers:",
    "elders.related_item": "{indicator}: {value} ({period})",
    "elders.load_own": "Eigen elders-indicatoren laden kan op de pagina Data, bijvoorbeeld de "
    "uitstoot van broeikasgassen uit de Klimaatmonitor of cijfers van waarstaatjegemeente.nl: "
    "voeg de indicator toe aan de indicatorcatalogus met een elders-thema (handel en hulp, of "
    "milieu en grondstoffen) en laad de cijfers als lange CSV.",
    "elders.load_own_link": "Eigen cijfers laden op de pagina Data",
}

EN = {
    "elders.title": "Elsewhere",
    "elders.body": f"{_MEANING_EN} {_SHOWS_EN}",
    "elders.meaning": _MEANING_EN,
    "elders.none_cbs": "Statistics Netherlands' Regional Monitor of Broad Well-being (CBS "
    "Regionale Monitor Brede Welvaart) does not measure *elsewhere* per municipality; CBS "
    "publishes elsewhere for the Netherlands as a whole only. This database therefore holds "
    "no elsewhere indicators for this region.",
    "elders.none_cbs_nl": "CBS publishes elsewhere for the Netherlands as a whole in its "
    "national Monitor of Broad Well-being; this database holds the Regional Monitor of Broad "
    "Well-being, which does not measure elsewhere, and therefore no elsewhere indicators.",
    "elders.none_other": "This database holds no figures for elsewhere for this region yet.",
    "elders.instead_heading": "What this database does hold for {region}",
    "elders.dimension_count": "{dimension}: {with_value} of {total} indicators with figures",
    "elders.dimension_empty": "{dimension}: no indicators",
    "elders.related_heading": "Closest to elsewhere: environment and natural capital",
    "elders.related_intro": "Emissions, air and nature do not stop at the municipal border, "
    "so the themes environment (here and now) and natural capital (later) also say something "
    "about the effects of {region} on others. These are their indicators with figures:",
    "elders.related_item": "{indicator}: {value} ({period})",
    "elders.load_own": "Your own elsewhere indicators can be loaded on the Data page, for "
    "instance greenhouse gas emissions from the Klimaatmonitor or figures from "
    "waarstaatjegemeente.nl: add the indicator to the indicator catalogue with an elsewhere "
    "theme (trade and aid, or environment and resources) and load the figures as a long CSV.",
    "elders.load_own_link": "Load your own figures on the Data page",
}
