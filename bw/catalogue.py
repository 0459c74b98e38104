"""The fixed catalogue of brede welvaart: 14 themes and the indicators that measure them.

Themes follow the CBS *Monitor Brede Welvaart* (8 themes *hier en nu*, 4 capitals *later*, 2
themes *elders*). Indicators are modelled on the CBS *Regionale Monitor Brede Welvaart* and the
national monitor; names and descriptions are our own words. An indicator may count for several
themes (``arbeid.hoogopgeleiden`` is both *arbeid en vrije tijd* and *menselijk kapitaal*); its
dimensions follow from those themes. Ids are stable slugs ``prefix.name`` that are never renamed.

Aggregation over regions (methods.md §6): ``sum`` for counts, ``weighted_mean`` (population
weights) for shares, rates and per-inhabitant values, ``none`` where neither is right: medians,
values per labour year, and shares or densities of *land area* (a population weight would let the
cities decide the share of nature in a province).
"""

from __future__ import annotations

from bw.model import Aggregation, Dimension, Direction, Indicator, Theme

UP, DOWN, NEUTRAL = Direction.UP, Direction.DOWN, Direction.NEUTRAL
SUM, MEAN, NONE = Aggregation.SUM, Aggregation.WEIGHTED_MEAN, Aggregation.NONE

#: The id of the population indicator whose values weight every ``weighted_mean`` aggregate.
POPULATION_INDICATOR_ID = "bevolking.inwoners"

#: The 14 themes in CBS order: hier en nu, later (capitals), elders.
THEMES: tuple[Theme, ...] = (
    Theme(
        "subjectief_welzijn", Dimension.HIER_EN_NU, "Subjectief welzijn", "Subjective well-being", 1
    ),
    Theme("materiele_welvaart", Dimension.HIER_EN_NU, "Materiële welvaart", "Material welfare", 2),
    Theme("gezondheid", Dimension.HIER_EN_NU, "Gezondheid", "Health", 3),
    Theme(
        "arbeid_en_vrije_tijd", Dimension.HIER_EN_NU, "Arbeid en vrije tijd", "Work and leisure", 4
    ),
    Theme("wonen", Dimension.HIER_EN_NU, "Wonen", "Housing", 5),
    Theme("samenleving", Dimension.HIER_EN_NU, "Samenleving", "Society", 6),
    Theme("veiligheid", Dimension.HIER_EN_NU, "Veiligheid", "Safety", 7),
    Theme("milieu", Dimension.HIER_EN_NU, "Milieu", "Environment", 8),
    Theme("economisch_kapitaal", Dimension.LATER, "Economisch kapitaal", "Economic capital", 9),
    Theme("natuurlijk_kapitaal", Dimension.LATER, "Natuurlijk kapitaal", "Natural capital", 10),
    Theme("menselijk_kapitaal", Dimension.LATER, "Menselijk kapitaal", "Human capital", 11),
    Theme("sociaal_kapitaal", Dimension.LATER, "Sociaal kapitaal", "Social capital", 12),
    Theme("handel_en_hulp", Dimension.ELDERS, "Handel en hulp", "Trade and aid", 13),
    Theme(
        "milieu_en_grondstoffen",
        Dimension.ELDERS,
        "Milieu en grondstoffen",
        "Environment and resources",
        14,
    ),
)

# Source names as CBS and its partners publish them.
_GEZONDHEIDSMONITOR = "Gezondheidsmonitor Volwassenen en Ouderen, GGD’en/CBS/RIVM"
_SSW = "CBS, Sociale samenhang en welzijn; Regionale Monitor Brede Welvaart"
_EBB = "CBS, Enquête beroepsbevolking (EBB); Regionale Monitor Brede Welvaart"
_INKOMEN = "CBS, Inkomensstatistiek; Regionale kerncijfers Nederland"
_WOON = "BZK/CBS, WoonOnderzoek Nederland (WoON)"
_VEILIGHEIDSMONITOR = "CBS/JenV/BZK, Veiligheidsmonitor"
_KLIMAATMONITOR = "Rijkswaterstaat, Klimaatmonitor; CBS"
_REGIONALE_REKENINGEN = "CBS, Regionale rekeningen; Regionale Monitor Brede Welvaart"

_HIER_EN_NU: tuple[Indicator, ...] = (
    Indicator(
        id="welzijn.tevredenheid_leven",
        name_nl="Tevredenheid met het leven",
        name_en="Satisfaction with life",
        description_nl="Aandeel personen van 15 jaar en ouder dat hun leven een 7 of hoger geeft.",
        description_en=(
            "Share of people aged 15 and over who rate their life 7 out of 10 or higher."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_SSW,
        theme_ids=("subjectief_welzijn",),
        is_survey=True,
    ),
    Indicator(
        id="welzijn.rapportcijfer_leven",
        name_nl="Rapportcijfer voor het eigen leven",
        name_en="Life rating (0–10)",
        description_nl=(
            "Gemiddeld cijfer van 0 tot 10 dat inwoners van 15 jaar en ouder hun leven geven."
        ),
        description_en=(
            "Average score from 0 to 10 that residents aged 15 and over give their life."
        ),
        unit="rapportcijfer",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_SSW,
        theme_ids=("subjectief_welzijn",),
        is_survey=True,
    ),
    Indicator(
        id="inkomen.besteedbaar_inkomen_mediaan",
        name_nl="Mediaan gestandaardiseerd besteedbaar inkomen",
        name_en="Median standardised disposable income",
        description_nl=(
            "Middelste besteedbare huishoudinkomen, gecorrigeerd voor de grootte en samenstelling "
            "van het huishouden; een mediaan is niet op te tellen over regio's."
        ),
        description_en=(
            "Middle disposable household income, corrected for household size and composition; "
            "a median cannot be aggregated over regions."
        ),
        unit="euro",
        decimals=0,
        direction=UP,
        aggregation=NONE,
        source=_INKOMEN,
        theme_ids=("materiele_welvaart",),
    ),
    Indicator(
        id="inkomen.besteedbaar_inkomen_gemiddeld",
        name_nl="Gemiddeld gestandaardiseerd besteedbaar inkomen",
        name_en="Mean standardised disposable income",
        description_nl=(
            "Gemiddeld besteedbaar inkomen per persoon, gecorrigeerd voor de samenstelling van het"
            " huishouden."
        ),
        description_en="Average disposable income per person, corrected for household composition.",
        unit="euro",
        decimals=0,
        direction=UP,
        aggregation=MEAN,
        source=_INKOMEN,
        theme_ids=("materiele_welvaart",),
    ),
    Indicator(
        id="inkomen.laag_inkomen",
        name_nl="Personen in huishoudens met een laag inkomen",
        name_en="People in low-income households",
        description_nl=(
            "Aandeel inwoners in een huishouden met een inkomen onder de lage-inkomensgrens van "
            "CBS."
        ),
        description_en=(
            "Share of residents living in a household with an income below the CBS low-income "
            "threshold."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_INKOMEN,
        theme_ids=("materiele_welvaart",),
    ),
    Indicator(
        id="gezondheid.ervaren_gezondheid",
        name_nl="Ervaren gezondheid goed of zeer goed",
        name_en="Perceived health good or very good",
        description_nl=(
            "Aandeel volwassenen dat de eigen gezondheid als goed of zeer goed beoordeelt."
        ),
        description_en="Share of adults who judge their own health to be good or very good.",
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("gezondheid",),
        is_survey=True,
    ),
    Indicator(
        id="gezondheid.gezonde_levensverwachting",
        name_nl="Gezonde levensverwachting bij geboorte",
        name_en="Healthy life expectancy at birth",
        description_nl=(
            "Aantal jaren dat een pasgeborene naar verwachting in als goed ervaren gezondheid "
            "leeft."
        ),
        description_en=(
            "Number of years a newborn can expect to live in self-perceived good health."
        ),
        unit="jaar",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source="CBS/RIVM, Gezonde levensverwachting; Regionale Monitor Brede Welvaart",
        theme_ids=("gezondheid", "menselijk_kapitaal"),
    ),
    Indicator(
        id="gezondheid.overgewicht",
        name_nl="Overgewicht",
        name_en="Overweight",
        description_nl="Aandeel volwassenen met een BMI van 25 of hoger.",
        description_en="Share of adults with a body mass index of 25 or more.",
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("gezondheid",),
        is_survey=True,
    ),
    Indicator(
        id="gezondheid.psychisch_ongezond",
        name_nl="Psychisch ongezond",
        name_en="Poor mental health",
        description_nl=(
            "Aandeel volwassenen met een lage score op de vragenlijst naar psychische gezondheid "
            "(MHI-5)."
        ),
        description_en=(
            "Share of adults with a low score on the mental health questionnaire (MHI-5)."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("gezondheid",),
        is_survey=True,
    ),
    Indicator(
        id="arbeid.werkloosheid",
        name_nl="Werkloosheid",
        name_en="Unemployment",
        description_nl=(
            "Werklozen als aandeel van de beroepsbevolking van 15 tot 75 jaar (regionale "
            "modelschatting)."
        ),
        description_en=(
            "Unemployed people as a share of the labour force aged 15 to 75 (regional model "
            "estimate)."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_EBB,
        theme_ids=("arbeid_en_vrije_tijd",),
    ),
    Indicator(
        id="arbeid.nettoarbeidsparticipatie",
        name_nl="Nettoarbeidsparticipatie",
        name_en="Net labour participation",
        description_nl="Aandeel van de bevolking van 15 tot 75 jaar dat betaald werk heeft.",
        description_en="Share of the population aged 15 to 75 who have paid work.",
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_EBB,
        theme_ids=("arbeid_en_vrije_tijd",),
    ),
    Indicator(
        id="arbeid.hoogopgeleiden",
        name_nl="Hoogopgeleiden",
        name_en="Highly educated people",
        description_nl="Aandeel van de bevolking van 15 tot 75 jaar met een hbo- of wo-diploma.",
        description_en=(
            "Share of the population aged 15 to 75 with a higher professional or university "
            "degree."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source="CBS, Enquête beroepsbevolking en Opleidingsniveaubestand",
        theme_ids=("arbeid_en_vrije_tijd", "menselijk_kapitaal"),
    ),
    Indicator(
        id="arbeid.tevredenheid_vrije_tijd",
        name_nl="Tevredenheid met de vrije tijd",
        name_en="Satisfaction with leisure time",
        description_nl=(
            "Aandeel personen van 15 jaar en ouder dat (zeer) tevreden is met de hoeveelheid vrije"
            " tijd."
        ),
        description_en=(
            "Share of people aged 15 and over who are (very) satisfied with their amount of "
            "leisure time."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_SSW,
        theme_ids=("arbeid_en_vrije_tijd",),
        is_survey=True,
    ),
    Indicator(
        id="wonen.woonquote",
        name_nl="Woonquote",
        name_en="Housing cost ratio",
        description_nl=(
            "Woonlasten (huur of hypotheek plus vaste lasten) als aandeel van het besteedbaar "
            "huishoudinkomen."
        ),
        description_en=(
            "Housing costs (rent or mortgage plus fixed charges) as a share of disposable "
            "household income."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_WOON,
        theme_ids=("wonen",),
        is_survey=True,
    ),
    Indicator(
        id="wonen.tevredenheid_woning",
        name_nl="Tevredenheid met de woning",
        name_en="Satisfaction with the dwelling",
        description_nl="Aandeel huishoudens dat (zeer) tevreden is met de eigen woning.",
        description_en="Share of households who are (very) satisfied with their own home.",
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_WOON,
        theme_ids=("wonen",),
        is_survey=True,
    ),
    Indicator(
        id="wonen.energiearmoede",
        name_nl="Huishoudens in energiearmoede",
        name_en="Households in energy poverty",
        description_nl=(
            "Aandeel huishoudens met een laag inkomen en hoge energierekening of een slecht "
            "geïsoleerde woning."
        ),
        description_en=(
            "Share of households with a low income and either a high energy bill or a poorly "
            "insulated home."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="TNO/CBS, Monitor Energiearmoede",
        theme_ids=("wonen",),
    ),
    Indicator(
        id="wonen.afstand_huisarts",
        name_nl="Afstand tot de huisartsenpraktijk",
        name_en="Distance to a GP practice",
        description_nl=(
            "Gemiddelde afstand over de weg van woningen tot de dichtstbijzijnde "
            "huisartsenpraktijk."
        ),
        description_en="Average road distance from homes to the nearest general practice.",
        unit="km",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="CBS, Nabijheid voorzieningen",
        theme_ids=("wonen",),
    ),
    Indicator(
        id="samenleving.eenzaamheid",
        name_nl="Sterk eenzaam",
        name_en="Severely lonely",
        description_nl=(
            "Aandeel volwassenen dat zich (zeer) sterk eenzaam voelt volgens de "
            "eenzaamheidsschaal."
        ),
        description_en=(
            "Share of adults who feel severely or very severely lonely on the loneliness scale."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("samenleving",),
        is_survey=True,
    ),
    Indicator(
        id="samenleving.vrijwilligerswerk",
        name_nl="Vrijwilligerswerk",
        name_en="Volunteering",
        description_nl="Aandeel volwassenen dat in het afgelopen jaar vrijwilligerswerk deed.",
        description_en="Share of adults who did voluntary work in the past year.",
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("samenleving", "sociaal_kapitaal"),
        is_survey=True,
    ),
    Indicator(
        id="samenleving.opkomst_verkiezingen",
        name_nl="Opkomst gemeenteraadsverkiezingen",
        name_en="Turnout in municipal elections",
        description_nl=(
            "Aandeel kiesgerechtigden dat stemde bij de laatste gemeenteraadsverkiezingen."
        ),
        description_en="Share of eligible voters who voted in the municipal council elections.",
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source="Kiesraad, verkiezingsuitslagen gemeenteraad",
        theme_ids=("samenleving",),
    ),
    Indicator(
        id="veiligheid.geregistreerde_criminaliteit",
        name_nl="Geregistreerde misdrijven",
        name_en="Registered crimes",
        description_nl="Aantal door de politie geregistreerde misdrijven per 1.000 inwoners.",
        description_en="Number of crimes registered by the police per 1,000 inhabitants.",
        unit="per 1.000 inwoners",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="CBS/Politie, Geregistreerde criminaliteit",
        theme_ids=("veiligheid",),
    ),
    Indicator(
        id="veiligheid.onveiligheidsgevoelens",
        name_nl="Voelt zich weleens onveilig in de buurt",
        name_en="Sometimes feels unsafe in the neighbourhood",
        description_nl=(
            "Aandeel inwoners van 15 jaar en ouder dat zich weleens onveilig voelt in de eigen "
            "buurt."
        ),
        description_en=(
            "Share of residents aged 15 and over who sometimes feel unsafe in their own "
            "neighbourhood."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_VEILIGHEIDSMONITOR,
        theme_ids=("veiligheid",),
        is_survey=True,
    ),
    Indicator(
        id="milieu.fijnstof",
        name_nl="Concentratie fijnstof (PM2,5)",
        name_en="Fine particulate matter (PM2.5)",
        description_nl=(
            "Jaargemiddelde concentratie fijnstof kleiner dan 2,5 micrometer op woonadressen."
        ),
        description_en=(
            "Annual mean concentration of particles smaller than 2.5 micrometres at home "
            "addresses."
        ),
        unit="µg/m³",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=(
            "RIVM, Grootschalige concentratiekaarten Nederland (GCN); Regionale Monitor Brede "
            "Welvaart"
        ),
        theme_ids=("milieu",),
    ),
    Indicator(
        id="milieu.geluidshinder",
        name_nl="Ernstige geluidshinder door wegverkeer",
        name_en="Severe annoyance from road traffic noise",
        description_nl=(
            "Aandeel volwassenen dat thuis ernstig gehinderd wordt door geluid van wegverkeer."
        ),
        description_en="Share of adults who are severely annoyed at home by road traffic noise.",
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source=_GEZONDHEIDSMONITOR,
        theme_ids=("milieu",),
        is_survey=True,
    ),
)

_LATER: tuple[Indicator, ...] = (
    Indicator(
        id="economie.brp_per_inwoner",
        name_nl="Bruto regionaal product per inwoner",
        name_en="Gross regional product per inhabitant",
        description_nl=(
            "Toegevoegde waarde van alle productie in de regio, gedeeld door het aantal inwoners."
        ),
        description_en=(
            "Value added of all production in the region, divided by the number of inhabitants."
        ),
        unit="euro",
        decimals=0,
        direction=UP,
        aggregation=MEAN,
        source=_REGIONALE_REKENINGEN,
        theme_ids=("economisch_kapitaal",),
    ),
    Indicator(
        id="economie.arbeidsproductiviteit",
        name_nl="Arbeidsproductiviteit",
        name_en="Labour productivity",
        description_nl=(
            "Toegevoegde waarde per arbeidsjaar; niet met bevolkingsgewichten te middelen, dus "
            "zonder waarde voor samengestelde regio's."
        ),
        description_en=(
            "Value added per labour year; it cannot be averaged with population weights, so "
            "combined regions get no value."
        ),
        unit="euro per arbeidsjaar",
        decimals=0,
        direction=UP,
        aggregation=NONE,
        source=_REGIONALE_REKENINGEN,
        theme_ids=("economisch_kapitaal",),
    ),
    Indicator(
        id="economie.banen",
        name_nl="Banen",
        name_en="Jobs",
        description_nl="Aantal banen van werknemers en zelfstandigen met een werkplek in de regio.",
        description_en=(
            "Number of jobs of employees and self-employed people with a workplace in the region."
        ),
        unit="aantal",
        decimals=0,
        direction=NEUTRAL,
        aggregation=SUM,
        source="CBS, Banen van werknemers en zelfstandigen; Regionale kerncijfers Nederland",
        theme_ids=("economisch_kapitaal",),
    ),
    Indicator(
        id="natuur.natuurareaal",
        name_nl="Bos en open natuurlijk terrein",
        name_en="Forest and open natural land",
        description_nl=(
            "Aandeel van het landoppervlak dat bos of open natuur is; een aandeel van oppervlak "
            "wordt niet met bevolking gewogen."
        ),
        description_en=(
            "Share of the land area that is forest or open nature; a share of area is not "
            "weighted by population."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=NONE,
        source="CBS, Bodemgebruik Nederland (BBG)",
        theme_ids=("natuurlijk_kapitaal",),
    ),
    Indicator(
        id="natuur.hernieuwbare_energie",
        name_nl="Hernieuwbare energie",
        name_en="Renewable energy",
        description_nl=(
            "Lokaal opgewekte hernieuwbare energie als aandeel van het totale energieverbruik in "
            "de regio."
        ),
        description_en=(
            "Locally generated renewable energy as a share of total energy use in the region."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_KLIMAATMONITOR,
        theme_ids=("natuurlijk_kapitaal",),
        # A gemeente with wind or solar parks produces more than it uses: over 100% is real.
        value_min=0.0,
        value_max=None,
    ),
    Indicator(
        id="natuur.stikstofdepositie",
        name_nl="Stikstofdepositie",
        name_en="Nitrogen deposition",
        description_nl=(
            "Gemiddelde neerslag van stikstofverbindingen per hectare per jaar op het grondgebied."
        ),
        description_en=(
            "Average deposition of nitrogen compounds per hectare per year on the territory."
        ),
        unit="mol N per ha per jaar",
        decimals=0,
        direction=DOWN,
        aggregation=NONE,
        source="RIVM, Grootschalige depositiekaarten Nederland (GDN)",
        theme_ids=("natuurlijk_kapitaal",),
    ),
    Indicator(
        id="onderwijs.voortijdig_schoolverlaters",
        name_nl="Voortijdig schoolverlaters",
        name_en="Early school leavers",
        description_nl=(
            "Aandeel jongeren van 12 tot 23 jaar dat zonder startkwalificatie van school gaat."
        ),
        description_en=(
            "Share of young people aged 12 to 23 who leave education without a basic "
            "qualification."
        ),
        unit="%",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="DUO/OCW, Voortijdig schoolverlaten",
        theme_ids=("menselijk_kapitaal",),
    ),
    Indicator(
        id="bevolking.inwoners",
        name_nl="Inwoners",
        name_en="Inhabitants",
        description_nl=(
            "Aantal inwoners op 1 januari; ook het gewicht voor gemiddelden over meerdere "
            "gemeenten."
        ),
        description_en=(
            "Number of inhabitants on 1 January; also the weight for averages over several "
            "municipalities."
        ),
        unit="aantal",
        decimals=0,
        direction=NEUTRAL,
        aggregation=SUM,
        source="CBS, Bevolking (BRP); Regionale kerncijfers Nederland",
        theme_ids=("menselijk_kapitaal",),
    ),
    Indicator(
        id="sociaal.vertrouwen_anderen",
        name_nl="Vertrouwen in andere mensen",
        name_en="Trust in other people",
        description_nl=(
            "Aandeel personen van 15 jaar en ouder dat vindt dat de meeste mensen te vertrouwen "
            "zijn."
        ),
        description_en=(
            "Share of people aged 15 and over who think that most people can be trusted."
        ),
        unit="%",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_SSW,
        theme_ids=("sociaal_kapitaal",),
        is_survey=True,
    ),
    Indicator(
        id="sociaal.sociale_samenhang",
        name_nl="Sociale samenhang in de buurt",
        name_en="Social cohesion in the neighbourhood",
        description_nl=(
            "Gemiddelde score van 0 tot 10 voor hoe goed buurtbewoners elkaar kennen en met elkaar"
            " omgaan."
        ),
        description_en=(
            "Average score from 0 to 10 for how well neighbours know and get along with each "
            "other."
        ),
        unit="score (0–10)",
        decimals=1,
        direction=UP,
        aggregation=MEAN,
        source=_VEILIGHEIDSMONITOR,
        theme_ids=("sociaal_kapitaal",),
        is_survey=True,
    ),
)

_ELDERS: tuple[Indicator, ...] = (
    Indicator(
        id="grondstoffen.co2_uitstoot",
        name_nl="Uitstoot van broeikasgassen per inwoner",
        name_en="Greenhouse gas emissions per inhabitant",
        description_nl=(
            "Uitstoot van broeikasgassen binnen de regio, zonder grote industrie, per inwoner."
        ),
        description_en=(
            "Greenhouse gas emissions within the region, excluding large industry, per inhabitant."
        ),
        unit="ton CO2-eq per inwoner",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="RIVM, Emissieregistratie; Rijkswaterstaat, Klimaatmonitor",
        theme_ids=("milieu_en_grondstoffen",),
    ),
    Indicator(
        id="grondstoffen.restafval",
        name_nl="Huishoudelijk restafval per inwoner",
        name_en="Residual household waste per inhabitant",
        description_nl=(
            "Ongesorteerd huishoudelijk afval dat de gemeente inzamelt, in kilo per inwoner per "
            "jaar."
        ),
        description_en=(
            "Unsorted household waste collected by the municipality, in kilograms per inhabitant "
            "per year."
        ),
        unit="kg per inwoner",
        decimals=0,
        direction=DOWN,
        aggregation=MEAN,
        source="CBS, Huishoudelijk afval per gemeente per inwoner",
        theme_ids=("milieu_en_grondstoffen",),
    ),
    Indicator(
        id="grondstoffen.energieverbruik",
        name_nl="Energieverbruik per inwoner",
        name_en="Energy use per inhabitant",
        description_nl=(
            "Totaal energieverbruik in de regio van woningen, bedrijven en verkeer, per inwoner."
        ),
        description_en=(
            "Total energy use in the region by homes, businesses and traffic, per inhabitant."
        ),
        unit="GJ per inwoner",
        decimals=0,
        direction=DOWN,
        aggregation=MEAN,
        source=_KLIMAATMONITOR,
        theme_ids=("milieu_en_grondstoffen",),
    ),
    Indicator(
        id="grondstoffen.materiaalverbruik",
        name_nl="Grondstoffenverbruik per inwoner",
        name_en="Raw material consumption per inhabitant",
        description_nl=(
            "Gebruik van grondstoffen voor de consumptie van inwoners, ook als die elders zijn "
            "gewonnen."
        ),
        description_en=(
            "Raw materials used for residents' consumption, including those extracted elsewhere."
        ),
        unit="ton per inwoner",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="CBS, Materiaalmonitor",
        theme_ids=("milieu_en_grondstoffen",),
    ),
    Indicator(
        id="grondstoffen.stikstofemissie",
        name_nl="Uitstoot van stikstof per inwoner",
        name_en="Nitrogen emissions per inhabitant",
        description_nl=(
            "Uitstoot van stikstofoxiden en ammoniak in de regio per inwoner; die stikstof slaat "
            "grotendeels elders neer."
        ),
        description_en=(
            "Emissions of nitrogen oxides and ammonia in the region per inhabitant; most of it "
            "lands elsewhere."
        ),
        unit="kg N per inwoner",
        decimals=1,
        direction=DOWN,
        aggregation=MEAN,
        source="RIVM, Emissieregistratie",
        theme_ids=("milieu_en_grondstoffen",),
    ),
    # Commuting is an effect on other regions (their jobs, roads and trains), neither good nor bad.
    Indicator(
        id="handel.uitgaande_pendel",
        name_nl="Uitgaande pendel",
        name_en="Outbound commuting",
        description_nl="Aandeel werkzame inwoners met een baan buiten de eigen gemeente.",
        description_en="Share of employed residents whose job is outside their own municipality.",
        unit="%",
        decimals=1,
        direction=NEUTRAL,
        aggregation=MEAN,
        source="CBS, Banen van werknemers naar woon- en werkregio",
        theme_ids=("handel_en_hulp",),
    ),
    # More imports from low-income countries support incomes there but can also move pressure on
    # their environment there; the sign is contested, so no verdict.
    Indicator(
        id="handel.import_lage_inkomenslanden",
        name_nl="Invoer uit lage-inkomenslanden per inwoner",
        name_en="Imports from low-income countries per inhabitant",
        description_nl=(
            "Waarde van goederen uit lage-inkomenslanden die bedrijven in de regio invoeren, per "
            "inwoner."
        ),
        description_en=(
            "Value of goods from low-income countries imported by businesses in the region, per "
            "inhabitant."
        ),
        unit="euro per inwoner",
        decimals=0,
        direction=NEUTRAL,
        aggregation=MEAN,
        source="CBS, Internationale handel in goederen naar regio",
        theme_ids=("handel_en_hulp",),
    ),
)

#: Every indicator of the catalogue, grouped by dimension (hier en nu, later, elders).
INDICATORS: tuple[Indicator, ...] = _HIER_EN_NU + _LATER + _ELDERS

_THEMES_BY_ID = {theme.id: theme for theme in THEMES}
_INDICATORS_BY_ID = {indicator.id: indicator for indicator in INDICATORS}


def find_theme(theme_id: str) -> Theme:
    """The theme with this id; ``KeyError`` when there is none.

    >>> find_theme("wonen").name_en
    'Housing'
    """
    return _THEMES_BY_ID[theme_id]


def find_indicator(indicator_id: str) -> Indicator:
    """The indicator with this id; ``KeyError`` when there is none.

    >>> find_indicator("bevolking.inwoners").aggregation
    <Aggregation.SUM: 'sum'>
    """
    return _INDICATORS_BY_ID[indicator_id]


def dimensions_of(indicator: Indicator) -> tuple[Dimension, ...]:
    """The dimensions an indicator counts for, in the order hier en nu, later, elders.

    >>> [str(d) for d in dimensions_of(find_indicator("arbeid.hoogopgeleiden"))]
    ['hier_en_nu', 'later']
    """
    found = {find_theme(theme_id).dimension for theme_id in indicator.theme_ids}
    return tuple(dimension for dimension in Dimension if dimension in found)


def indicators_of_theme(theme_id: str) -> tuple[Indicator, ...]:
    """The indicators that count for a theme, in catalogue order.

    >>> [i.id for i in indicators_of_theme("handel_en_hulp")]
    ['handel.uitgaande_pendel', 'handel.import_lage_inkomenslanden']
    """
    return tuple(indicator for indicator in INDICATORS if theme_id in indicator.theme_ids)
