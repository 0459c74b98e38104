"""Vergelijken: the region beside similar regions, its province and NL (being built)."""

from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("vergelijken", current_region())
