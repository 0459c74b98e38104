"""Elders: the region's effects on people elsewhere (other regions, abroad), per theme."""

from ui.indicator import render_dimension_page
from ui.sidebar import current_region

render_dimension_page("elders", current_region())
