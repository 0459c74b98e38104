"""Later: the capitals the region leaves to future generations (being built)."""

from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("later", current_region())
