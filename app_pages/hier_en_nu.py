"""Hier en nu: the well-being of the region's people today, per theme, one indicator in detail."""

from ui.indicator import render_dimension_page
from ui.sidebar import current_region

render_dimension_page("hier_en_nu", current_region())
