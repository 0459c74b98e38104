"""Overzicht: status, trend and position of every indicator for the chosen region at a glance."""

from ui.overview import render_overview_page
from ui.sidebar import current_region

render_overview_page(current_region())
