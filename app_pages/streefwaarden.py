"""Streefwaarden: the council's minimum targets and ambitions per indicator (being built)."""

from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("streefwaarden", current_region())
