"""Data: what the store holds now (real counts); uploading arrives later."""

from ui.render import render_building_page, render_store_counts
from ui.sidebar import current_region

render_building_page("data", current_region())
render_store_counts()
