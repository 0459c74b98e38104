"""Figures as data: what each chart contains, inspected through ``fig.to_dict()``."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bw import figures
from bw.figures import (
    PALETTE,
    figure_map,
    figure_ranking,
    figure_series,
    figure_status_matrix,
)
from bw.model import Quartile

NAN = float("nan")


def _series(*, intervals: bool = True, gap: bool = False) -> pd.DataFrame:
    years = [2016, 2017, 2018, 2019, 2020, 2021]
    if gap:
        years = [2016, 2017, 2020, 2021]  # 2018 and 2019 are missing
    n = len(years)
    values = [40.0 + index for index in range(n)]
    return pd.DataFrame(
        {
            "year": years,
            "value": values,
            "ci_low": [value - 1.5 for value in values] if intervals else [NAN] * n,
            "ci_high": [value + 1.5 for value in values] if intervals else [NAN] * n,
            "status": ["definitief"] * (n - 2) + ["nader_voorlopig", "voorlopig"],
        }
    )


def _references() -> dict[str, pd.DataFrame]:
    years = list(range(2016, 2022))
    return {
        "Nederland": pd.DataFrame({"year": years, "value": [42.0] * 6}),
        "Noord-Holland": pd.DataFrame({"year": years, "value": [41.0] * 6}),
        "Vergelijkbare gemeenten": pd.DataFrame({"year": years, "value": [39.5] * 6}),
    }


def _target(**changes) -> dict:
    return {
        "minimum": 40.0,
        "ambition": 48.0,
        "ceiling": None,
        "target_year": 2030,
        "baseline_year": 2016,
        **changes,
    }


def _projection() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021, 2025, 2030],
            "value": [45.0, 47.0, 49.5],
            "band_low": [45.0, 45.5, 46.0],
            "band_high": [45.0, 48.5, 53.0],
        }
    )


def _full_series(lang: str = "nl") -> dict:
    fig = figure_series(
        _series(),
        title="Ervaren gezondheid",
        unit="%",
        decimals=1,
        lang=lang,
        references=_references(),
        target=_target(),
        projection=_projection(),
        region_label="Amsterdam",
    )
    return fig.to_dict()


def _trace(fig: dict, name: str) -> dict:
    matches = [trace for trace in fig["data"] if trace.get("name") == name]
    assert len(matches) == 1, [trace.get("name") for trace in fig["data"]]
    return matches[0]


def _names(fig: dict) -> list[str]:
    return [trace.get("name") for trace in fig["data"]]


def _is_gap(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- figure_series ---------------------------------------------------------------------------


def test_targets_are_named_traces_with_a_distinct_dash_and_a_text_label():
    fig = _full_series()
    minimum, ambition = _trace(fig, "minimum"), _trace(fig, "ambitie")
    assert set(minimum["y"]) == {40.0} and set(ambition["y"]) == {48.0}
    assert minimum["line"]["dash"] != ambition["line"]["dash"]
    assert minimum["line"]["dash"] not in ("solid", None)
    assert max(minimum["x"]) == 2030  # the x-range reaches the target year
    assert fig["layout"]["xaxis"]["range"][1] >= 2030
    texts = [annotation["text"] for annotation in fig["layout"]["annotations"]]
    assert "minimum 40,0%" in texts and "ambitie 48,0%" in texts
    assert any("2030" in text for text in texts)  # the target year is marked
    assert "plafond" not in _names(fig)


def test_a_ceiling_gets_its_own_line():
    fig = figure_series(
        _series(), title="t", unit="%", decimals=1, target=_target(ceiling=55.0)
    ).to_dict()
    dashes = {_trace(fig, name)["line"]["dash"] for name in ("minimum", "ambitie", "plafond")}
    assert len(dashes) == 3


def test_projection_is_dashed_named_and_said_not_to_be_data():
    fig = _full_series()
    projection = _trace(fig, "projectie (geen data)")
    assert projection["line"]["dash"] == "dash"
    assert projection["x"] == [2021, 2025, 2030]
    assert all("projectie" in text for text in projection["hovertext"])
    band = _trace(fig, "bandbreedte projectie")
    assert band["fill"] == "toself"
    assert "rgba(" in band["fillcolor"]


def test_provisional_points_have_an_open_marker_an_asterisk_and_a_legend_entry():
    fig = _full_series()
    region = _trace(fig, "Amsterdam")
    symbols = region["marker"]["symbol"]
    assert symbols[:4] == ["circle"] * 4
    assert symbols[4:] == ["circle-open", "circle-open"]
    assert "2020**" in region["hovertext"][4] and "2021*" in region["hovertext"][5]
    assert "2019*" not in region["hovertext"][3]
    provisional = _trace(fig, "voorlopig")
    assert provisional["x"] == [2020, 2021]
    assert provisional["marker"]["symbol"] == "circle-open"


def test_hover_texts_carry_the_unit_and_dutch_numbers():
    region = _trace(_full_series(), "Amsterdam")
    assert region["hovertext"][0] == "Amsterdam 2016: 40,0%<br>95%-interval: 38,5 – 41,5"
    assert region["hoverinfo"] == "text"


def test_interval_band_only_where_intervals_exist():
    with_ci = _full_series()
    band = _trace(with_ci, "95%-betrouwbaarheidsinterval")
    assert band["fill"] == "toself"
    without = figure_series(_series(intervals=False), title="t", unit="%", decimals=1).to_dict()
    assert "95%-betrouwbaarheidsinterval" not in _names(without)


def test_interval_band_breaks_where_a_year_has_no_interval():
    series = _series()
    series.loc[2, ["ci_low", "ci_high"]] = NAN
    band = _trace(
        figure_series(series, title="t", unit="%", decimals=1).to_dict(),
        "95%-betrouwbaarheidsinterval",
    )
    assert band["x"].count(None) == 1  # two separate polygons
    assert 2018 not in band["x"]


def test_missing_years_are_gaps_not_interpolated():
    fig = figure_series(_series(gap=True), title="t", unit="%", decimals=1).to_dict()
    region = _trace(fig, "gekozen regio")
    assert region["x"] == [2016, 2017, 2018, 2019, 2020, 2021]
    assert [_is_gap(value) for value in region["y"]] == [False, False, True, True, False, False]
    assert region["connectgaps"] is False


def test_references_are_thin_lines_with_distinct_dashes_and_markers():
    fig = _full_series()
    refs = [_trace(fig, name) for name in _references()]
    assert len({ref["line"]["dash"] for ref in refs}) == 3
    assert len({ref["marker"]["symbol"] for ref in refs}) == 3
    assert all(ref["line"]["width"] < _trace(fig, "Amsterdam")["line"]["width"] for ref in refs)
    assert refs[0]["hovertext"][0] == "Nederland 2016: 42,0%"


def test_every_trace_has_a_legend_name():
    assert all(name for name in _names(_full_series()))


def test_layout_of_a_series():
    layout = _full_series()["layout"]
    assert layout["separators"] == ",."
    assert layout["yaxis"]["title"]["text"] == "%"
    assert layout["xaxis"]["tickformat"] == "d"
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["y"] < 0
    assert 300 <= layout["height"] <= 450


def test_the_value_axis_shows_the_whole_interval_band_with_room():
    # the band's top lies above every line; Plotly does not pad a band without markers
    fig = figure_series(_series(), title="t", unit="%", decimals=1).to_dict()
    bottom, top = fig["layout"]["yaxis"]["range"]
    band = _trace(fig, "95%-betrouwbaarheidsinterval")["y"]
    high, low = max(v for v in band if v is not None), min(v for v in band if v is not None)
    span = high - low
    assert top >= high + 0.05 * span and bottom <= low - 0.05 * span


def test_the_value_axis_holds_references_targets_and_the_projection():
    layout = _full_series()["layout"]
    bottom, top = layout["yaxis"]["range"]
    assert bottom < 38.5 and top > 53.0  # the lowest interval bound, the projection band's top


def test_a_score_stays_on_its_scale():
    series = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "value": [7.6, 7.8, 9.9],
            "ci_low": [7.4, 7.6, 9.7],
            "ci_high": [7.8, 8.0, 10.0],
        }
    )
    fig = figure_series(
        series,
        title="t",
        unit="rapportcijfer",
        decimals=1,
        value_range=figures.scale_of("rapportcijfer"),
    ).to_dict()
    bottom, top = fig["layout"]["yaxis"]["range"]
    assert 0 <= bottom < 7.4 and top == 10.0


@pytest.mark.parametrize(
    ("unit", "scale"), [("rapportcijfer", [0.0, 10.0]), ("score (1–4)", [1.0, 4.0])]
)
def test_a_ranking_of_scores_runs_over_the_whole_scale_and_no_further(unit, scale):
    frame = _ranking_frame(40)
    frame["value"] = [
        round(scale[0] + (scale[1] - scale[0]) * (0.5 + i / 100), 1) for i in range(40)
    ]
    fig = figure_ranking(
        frame, title="t", unit=unit, decimals=1, value_range=figures.scale_of(unit)
    ).to_dict()
    assert fig["layout"]["xaxis"]["range"] == scale  # not to 14 for a rapportcijfer (issue 13)
    assert fig["layout"]["margin"]["r"] > 130  # the bar texts run into the margin instead


def test_english_labels():
    fig = _full_series(lang="en")
    names = _names(fig)
    for name in (
        "minimum",
        "ambition",
        "projection (not data)",
        "provisional",
        "95% confidence interval",
    ):
        assert name in names
    assert fig["layout"]["separators"] == ".,"
    texts = [annotation["text"] for annotation in fig["layout"]["annotations"]]
    assert "ambition 48.0%" in texts and any("target year 2030" in text for text in texts)


def test_series_without_a_region_label_or_data_still_draws():
    empty = pd.DataFrame(columns=["year", "value", "ci_low", "ci_high", "status"])
    fig = figure_series(empty, title="t", unit="euro", decimals=0).to_dict()
    assert fig["layout"]["annotations"][0]["text"] == "geen gegevens"


def test_large_values_use_dutch_thousands():
    series = pd.DataFrame(
        {
            "year": [2022, 2023],
            "value": [351234.0, 402000.0],
            "ci_low": [NAN, NAN],
            "ci_high": [NAN, NAN],
            "status": ["definitief", "definitief"],
        }
    )
    fig = figure_series(series, title="t", unit="euro", decimals=0, region_label="Utrecht")
    assert fig.to_dict()["data"][0]["hovertext"][0] == "Utrecht 2022: 351.234 euro"
    en = figure_series(series, title="t", unit="euro", decimals=0, lang="en").to_dict()
    assert en["data"][0]["hovertext"][0] == "selected region 2022: 351,234 euro"


# --- figure_ranking --------------------------------------------------------------------------


def _ranking_frame(n: int = 8) -> pd.DataFrame:
    codes = [f"GM{number:04d}" for number in range(1, n + 1)]
    values = [float(10 * n - 7 * index) for index in range(n)]
    frame = pd.DataFrame(
        {
            "code": codes,
            "name": [f"Gemeente {index}" for index in range(1, n + 1)],
            "value": values,
            "rank": list(range(1, n + 1)),
        }
    )
    quarter = math.ceil(n / 4)
    frame["quartile"] = [
        Quartile.BEST
        if rank <= quarter
        else Quartile.WORST
        if rank > n - quarter
        else Quartile.MIDDLE
        for rank in frame["rank"]
    ]
    return frame.sample(frac=1, random_state=3)  # shuffled: the figure must sort


def test_ranking_sorted_by_rank_with_rank_one_on_top():
    fig = figure_ranking(
        _ranking_frame(), title="t", unit="%", decimals=1, highlight="GM0003"
    ).to_dict()
    yaxis = fig["layout"]["yaxis"]
    assert yaxis["categoryarray"] == [f"GM{number:04d}" for number in range(1, 9)]
    assert yaxis["autorange"] == "reversed"


def test_ranking_highlight_differs_by_more_than_colour():
    fig = figure_ranking(
        _ranking_frame(), title="t", unit="%", decimals=1, highlight="GM0003"
    ).to_dict()
    others, chosen = fig["data"][0], fig["data"][1]
    assert chosen["y"] == ["GM0003"] and "GM0003" not in others["y"]
    assert chosen["name"].startswith("▶ Gemeente 3")
    assert chosen["marker"]["color"] != others["marker"]["color"]
    assert chosen["marker"]["pattern"]["shape"] == "/"
    assert chosen["marker"]["line"]["width"] > 0
    ticktext = fig["layout"]["yaxis"]["ticktext"]
    assert ticktext[2] == "<b>▶ Gemeente 3</b>"
    assert sum("▶" in text for text in ticktext) == 1


def test_ranking_quartiles_are_written_not_only_coloured():
    fig = figure_ranking(_ranking_frame(), title="t", unit="%", decimals=1).to_dict()
    bars = fig["data"][0]
    assert bars["text"][0] == "80,0% · ▲ beste kwart"
    assert "▼ slechtste kwart" in bars["text"][-1]
    assert "rang 1 van 8" in bars["hovertext"][0]
    guides = [annotation["text"] for annotation in fig["layout"]["annotations"]]
    assert any("beste kwart" in text for text in guides)
    assert any("slechtste kwart" in text for text in guides)


def test_ranking_lists_regions_without_a_value_last():
    frame = _ranking_frame()
    frame = pd.concat(
        [
            frame,
            pd.DataFrame(
                {
                    "code": ["GM0999"],
                    "name": ["Leeg"],
                    "value": [NAN],
                    "rank": [NAN],
                    "quartile": [None],
                }
            ),
        ]
    )
    fig = figure_ranking(frame, title="t", unit="%", decimals=1).to_dict()
    assert fig["layout"]["yaxis"]["categoryarray"][-1] == "GM0999"
    assert _trace(fig, "geen gegevens")["text"] == ["geen gegevens"]


@pytest.mark.parametrize("n", [8, 40, 342])
def test_ranking_height_grows_with_the_bars_within_a_cap(n):
    fig = figure_ranking(_ranking_frame(n), title="t", unit="%", decimals=1).to_dict()
    height = fig["layout"]["height"]
    assert 200 <= height <= 4500
    assert len(fig["layout"]["yaxis"]["ticktext"]) == n  # every region is shown


def test_ranking_english_and_separators():
    fig = figure_ranking(
        _ranking_frame(), title="t", unit="euro", decimals=0, lang="en", direction="down"
    ).to_dict()
    assert fig["layout"]["separators"] == ".,"
    assert fig["data"][0]["text"][0] == "80 euro · ▲ best quartile"
    assert fig["layout"]["xaxis"]["title"]["text"] == "euro (lower is better)"


# --- figure_map ------------------------------------------------------------------------------


def _square(code: str, lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 0.2, lat], [lon + 0.2, lat + 0.2], [lon, lat + 0.2], [lon, lat]]
    return {
        "type": "Feature",
        "properties": {"statcode": code, "statnaam": f"Naam {code}"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        _square("GM0001", 4.0, 52.0),
        _square("GM0002", 4.4, 52.0),
        _square("GM0003", 4.8, 52.4),
        _square("GM0004", 5.2, 52.4),
    ],
}


def _map_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["GM0001", "GM0002", "GM0003", "GM0009"],
            "name": ["Een", "Twee", "Drie", "Negen"],
            "value": [12.5, 1234.5, 30.0, 5.0],
            "rank": [3, 1, 2, 4],
            "quartile": ["middle", "best_quartile", "middle", "worst_quartile"],
        }
    )


def test_map_is_a_tile_less_choroplethmap_with_a_highlight_trace():
    fig = figure_map(
        _map_frame(), GEOJSON, title="t", unit="%", decimals=1, highlight="GM0003"
    ).to_dict()
    assert {trace["type"] for trace in fig["data"]} == {"choroplethmap"}
    assert fig["layout"]["map"]["style"] == "white-bg"
    main = next(trace for trace in fig["data"] if trace.get("colorbar"))
    assert main["featureidkey"] == "properties.statcode"
    assert main["locations"] == ["GM0001", "GM0002", "GM0003"]
    assert main["hovertext"][1] == "<b>Twee</b><br>1.234,5%<br>rang 1 van 4<br>▲ beste kwart"
    highlight = _trace(fig, "▶ Drie (geselecteerd)")
    assert highlight["locations"] == ["GM0003"]
    assert highlight["showlegend"] is True
    assert highlight["marker"]["line"]["width"] >= 3
    assert [f["properties"]["statcode"] for f in highlight["geojson"]["features"]] == ["GM0003"]


def test_map_shows_areas_without_data_and_lists_regions_without_a_boundary():
    fig = figure_map(_map_frame(), GEOJSON, title="t", unit="%", decimals=1).to_dict()
    empty = _trace(fig, "geen gegevens")
    assert empty["locations"] == ["GM0004"]
    assert empty["hovertext"] == ["<b>Naam GM0004</b><br>geen gegevens"]
    assert any("Negen" in annotation["text"] for annotation in fig["layout"]["annotations"])


@pytest.mark.parametrize(
    ("direction", "reversed_"), [("up", False), ("down", True), ("neutral", False)]
)
def test_map_colours_run_darker_towards_better(direction, reversed_):
    fig = figure_map(
        _map_frame(), GEOJSON, title="t", unit="%", decimals=1, direction=direction
    ).to_dict()
    main = next(trace for trace in fig["data"] if trace.get("colorbar"))
    assert main["reversescale"] is reversed_
    scale = main["colorscale"]
    assert scale[0][1] == figures.MAP_SCALE[0][1] and scale[-1][1] == "#08306B"  # dark = high


def test_map_is_centred_on_its_features():
    fig = figure_map(_map_frame(), GEOJSON, title="t", unit="%", decimals=1).to_dict()
    center = fig["layout"]["map"]["center"]
    assert 4.0 < center["lon"] < 5.4 and 52.0 < center["lat"] < 52.6
    assert 5 < fig["layout"]["map"]["zoom"] < 12


def test_map_in_english():
    fig = figure_map(
        _map_frame(), GEOJSON, title="t", unit="%", decimals=1, lang="en", highlight="GM0001"
    ).to_dict()
    assert fig["layout"]["separators"] == ".,"
    assert "▶ Een (selected)" in _names(fig)
    main = next(trace for trace in fig["data"] if trace.get("colorbar"))
    assert main["hovertext"][1] == "<b>Twee</b><br>1,234.5%<br>rank 1 of 4<br>▲ best quartile"


@pytest.mark.real_data
def test_map_of_the_real_gemeenten_is_centred_on_the_netherlands(real_data):
    from bw.geo import read_boundaries

    boundaries = read_boundaries(real_data / "geo" / "gemeente_2025.geojson")
    codes = sorted(boundaries.codes)
    frame = pd.DataFrame({"code": codes, "name": codes, "value": range(len(codes))})
    fig = figure_map(frame, boundaries, title="t", unit="%", decimals=0, highlight="GM0363")
    layout = fig.to_dict()["layout"]["map"]
    assert abs(layout["center"]["lat"] - 52.2) < 0.3 and abs(layout["center"]["lon"] - 5.3) < 0.3
    assert 5.5 < layout["zoom"] < 7


# --- figure_status_matrix --------------------------------------------------------------------


def _matrix_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": ["Gezondheid"] * 4 + ["Wonen"] * 3,
            "status": [
                "below_minimum",
                "above_minimum",
                "above_minimum",
                "no_data",
                "ambition_reached",
                "no_target",
                "below_minimum",
            ],
        }
    )


def test_status_matrix_writes_counts_in_cells():
    fig = figure_status_matrix(_matrix_frame()).to_dict()
    heatmap = fig["data"][0]
    assert heatmap["type"] == "heatmap"
    assert heatmap["y"] == ["Gezondheid", "Wonen"]
    assert heatmap["x"] == [
        "✖ onder minimum",
        "◐ boven minimum",
        "★ ambitie bereikt",
        "○ geen streefwaarde",
        "∅ geen gegevens",
    ]
    assert heatmap["text"] == [["1", "2", "0", "0", "1"], ["1", "0", "1", "1", "0"]]
    assert heatmap["texttemplate"] == "%{text}"
    assert "2 indicatoren" in heatmap["hovertext"][0][1]


def test_status_matrix_adds_the_ceiling_column_when_used_and_speaks_english():
    frame = pd.concat(
        [_matrix_frame(), pd.DataFrame({"theme": ["Milieu"], "status": ["above_ceiling"]})]
    )
    heatmap = figure_status_matrix(frame, lang="en").to_dict()["data"][0]
    assert "⚠ above ceiling" in heatmap["x"]
    assert heatmap["y"][-1] == "Milieu"


def test_status_matrix_refuses_unknown_classes():
    with pytest.raises(ValueError, match="unknown status"):
        figure_status_matrix(pd.DataFrame({"theme": ["Wonen"], "status": ["great"]}))


# --- palette ---------------------------------------------------------------------------------


def _contrast(colour: str, background: str = "#FFFFFF") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("role", sorted(PALETTE))
def test_palette_colours_meet_wcag_aa_against_white(role):
    assert _contrast(PALETTE[role]) >= 4.5


@pytest.mark.parametrize("status", sorted(figures.MATRIX_COLOURS))
def test_matrix_count_text_stays_readable_on_every_cell(status):
    assert _contrast(PALETTE["text"], figures.MATRIX_COLOURS[status]) >= 4.5


def _cell_colours(fig: dict) -> list[list[str]]:
    """The colour Plotly paints each cell: the stepped scale looked up at the cell's z."""
    heatmap = fig["data"][0]
    low, high = heatmap["zmin"], heatmap["zmax"]
    scale = heatmap["colorscale"]

    def colour(z: float) -> str:
        at = (z - low) / (high - low)
        return next(
            c
            for (start, c), (end, _) in zip(scale, scale[1:], strict=False)
            if start <= at <= end and start != end
        )

    return [[colour(z) for z in row] for row in heatmap["z"]]


def _luminance(colour: str) -> float:
    """WCAG relative luminance (0 black, 1 white), from the contrast with black."""
    return 0.05 * _contrast(colour, "#000000") - 0.05


def test_status_matrix_paints_below_minimum_darkest_whatever_the_counts():
    # many indicators without a target, one below its minimum (issue 13: the count decided)
    frame = pd.DataFrame(
        {
            "theme": ["Gezondheid"] * 9,
            "status": ["no_target"] * 7 + ["below_minimum", "ambition_reached"],
        }
    )
    fig = figure_status_matrix(frame).to_dict()
    colours = dict(zip(fig["data"][0]["x"], _cell_colours(fig)[0], strict=True))
    below, none = colours["✖ onder minimum"], colours["○ geen streefwaarde"]
    assert below == figures.MATRIX_COLOURS["below_minimum"]
    assert none == figures.MATRIX_COLOURS["no_target"]
    assert _luminance(below) < min(
        _luminance(c) for c in figures.MATRIX_COLOURS.values() if c != below
    )
    red, green, blue = (int(none[i : i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue and _luminance(none) > 0.8  # a neutral light grey
    assert colours["∅ geen gegevens"] == figures.MATRIX_EMPTY  # no indicators: white
