"""Elders: the region's effects on people elsewhere (other regions, abroad), per theme; a plain
explanation and what the store holds instead where it has no elders figures (real CBS data)."""

from ui.elders import render_elders_page
from ui.sidebar import current_region

render_elders_page(current_region())
