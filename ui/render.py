"""Render helpers shared by the pages: page headers, the demo caption, the store counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bw.formatting import format_number
from ui.i18n import current_language, t
from ui.sidebar import RegionChoice
from ui.store import is_demo, read_info

#: Dimensions in the order the monitor presents them.
DIMENSIONS = ("hier_en_nu", "later", "elders")
#: Region levels from large to small, then groups.
LEVEL_ORDER = ("NL", "LD", "PV", "CR", "GM", "WK", "BU", "group")


def render_demo_caption() -> None:
    """Say under the title that the figures are fictional, when the store is the demo."""
    if is_demo():
        st.caption(f":material/science: {t('demo.badge')}: {t('demo.caption')}")


def render_building_page(key: str, region: RegionChoice | None) -> None:
    """A page that is not built yet: its title, what it will show, and a plain notice."""
    st.title(t(f"{key}.title"))
    render_demo_caption()
    st.write(t(f"{key}.body", region=region.label if region else "—"))
    st.info(t("page.building"), icon=":material/construction:")


def render_store_counts() -> None:
    """What the store holds, from :func:`bw.store.read_info`: real counts, Dutch-formatted."""
    info = read_info()
    lang = current_language()
    st.write(t("data.demo") if info.get("demo") else t("data.not_demo"))
    indicators = info.get("indicators", {})
    metrics = (
        ("data.observations", info.get("observations", 0)),
        ("data.indicators", indicators.get("total", 0)),
        ("data.targets", info.get("targets", 0)),
        ("data.loads", info.get("loads", 0)),
    )
    for column, (key, count) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(t(key), format_number(count, 0, lang=lang))
    regions_column, indicators_column = st.columns(2)
    with regions_column:
        st.subheader(t("data.regions_heading"))
        levels = [level for level in LEVEL_ORDER if level in info.get("regions", {})]
        levels += sorted(set(info.get("regions", {})) - set(levels))
        st.dataframe(
            pd.DataFrame(
                {
                    "level": [t(f"level.{level}") for level in levels],
                    "count": [format_number(info["regions"][level], lang=lang) for level in levels],
                }
            ),
            column_config={
                "level": st.column_config.TextColumn(t("data.col_level")),
                "count": st.column_config.TextColumn(t("data.col_count"), alignment="right"),
            },
            hide_index=True,
        )
    with indicators_column:
        st.subheader(t("data.indicators_heading"))
        keys = [*DIMENSIONS, "total"]
        st.dataframe(
            pd.DataFrame(
                {
                    "dimension": [
                        t("data.total") if key == "total" else t(f"dimension.{key}") for key in keys
                    ],
                    "count": [format_number(indicators.get(key, 0), lang=lang) for key in keys],
                }
            ),
            column_config={
                "dimension": st.column_config.TextColumn(t("data.col_dimension")),
                "count": st.column_config.TextColumn(t("data.col_count"), alignment="right"),
            },
            hide_index=True,
        )
        st.caption(t("data.indicators_note"))
    st.info(t("data.upload_later"), icon=":material/upload_file:")
