"""Later: the capitals the region leaves to future generations, with progress and projection."""

from ui.indicator import render_dimension_page
from ui.sidebar import current_region

render_dimension_page("later", current_region())
