"""Hier en nu: the well-being of the region's people today, per theme (being built)."""

from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("hier_en_nu", current_region())
