"""Elders: the region's effects on people elsewhere (being built)."""

from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("elders", current_region())
