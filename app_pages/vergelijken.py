"""Vergelijken: one indicator across the regions of a level, as a map or a ranking, and a table."""

from ui.compare import render_compare_page
from ui.sidebar import current_region

render_compare_page(current_region())
